import { type SelectHTMLAttributes, useId } from 'react';

/** A labelled native select for filters (small, keyboard-friendly, no extra code). */
export function SelectField({ label, options, className = '', ...select }: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { label: string; options: ReadonlyArray<{ value: string; label: string }> }) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      <label htmlFor={id} className="text-xs font-bold tracking-wide text-fg-muted uppercase">
        {label}
      </label>
      <select id={id} className="h-10 rounded-[4px] bg-surface-900 px-2 text-base text-fg" {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
