import { type InputHTMLAttributes, useEffect, useState } from 'react';
import { parseDecimal } from '../api/units';

/**
 * A number field that keeps what is being typed ("80." or "80,") while handing the
 * parsed value up on every keystroke; a value changed from outside replaces the text.
 */
export function NumberInput({
  value,
  onValue,
  integer = false,
  className = '',
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & { value: number | null; onValue(value: number | null): void; integer?: boolean }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => {
    if (parseDecimal(text) !== value) setText(value === null ? '' : String(value));
    // Only an outside change of the value resets the text.
  }, [value]);
  return (
    <input
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseDecimal(e.target.value);
        onValue(parsed === null ? null : integer ? Math.trunc(parsed) : parsed);
      }}
      className={`h-9 w-full min-w-0 rounded-[4px] bg-surface-900 px-1.5 text-center text-base text-fg tabular-nums ${className}`}
      {...input}
    />
  );
}
