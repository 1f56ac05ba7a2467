import { type RefObject, useEffect } from 'react';

/**
 * After a refused submit, keyboard and screen-reader users land on what needs fixing.
 * `trigger` changes on every refusal: a new attempt, or a server answer naming a field.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, trigger: string | null): void {
  useEffect(() => {
    if (trigger === null) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, trigger]);
}
