import { type InputHTMLAttributes, useId, useState } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  label: string;
  hint?: string;
  error?: string | null;
  /** Adds a show/hide toggle; the labels come from the caller's language. */
  revealLabels?: { show: string; hide: string };
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ label, hint, error, revealLabels, type = 'text', required, className = '', ...input }: TextFieldProps) {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      <label htmlFor={id} className={`text-xs font-bold tracking-wide uppercase ${error ? 'text-[#fa777c]' : 'text-fg-muted'}`}>
        {label}
        {required && (
          <span aria-hidden="true" className="ml-1 text-[#fa777c]">
            *
          </span>
        )}
      </label>
      <div className="relative">
        <input
          id={id}
          type={revealLabels && revealed ? 'text' : type}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`h-10 w-full rounded-[4px] bg-surface-900 px-3 text-base text-fg placeholder:text-fg-subtle ${revealLabels ? 'pr-24' : ''} ${error ? 'ring-1 ring-danger' : ''}`}
          {...input}
        />
        {revealLabels && (
          <button
            type="button"
            onClick={() => setRevealed((v) => !v)}
            aria-pressed={revealed}
            aria-controls={id}
            className="absolute inset-y-1 right-1 rounded-[3px] px-2 text-xs font-medium text-fg-muted hover:bg-surface-600 hover:text-fg"
          >
            {revealed ? revealLabels.hide : revealLabels.show}
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} className="text-sm text-[#fa777c]">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-xs text-fg-subtle">
          {hint}
        </p>
      )}
    </div>
  );
}
