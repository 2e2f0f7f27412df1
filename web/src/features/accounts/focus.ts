import { type RefObject, useEffect } from "react";

/**
 * After a form shows new errors, put the cursor in the first field that needs attention; its error
 * is tied to it with aria-describedby, so screen readers read the problem right away.
 */
export function useFocusFirstError(form: RefObject<HTMLElement | null>, clientErrors: object, serverError: unknown) {
  useEffect(() => {
    if (!serverError && Object.keys(clientErrors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    // Runs when a new set of errors arrives, not on every keystroke.
  }, [form, clientErrors, serverError]);
}
