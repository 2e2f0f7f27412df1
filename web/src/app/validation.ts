import { useTranslation } from "react-i18next";
import type { z } from "zod";

/** One message per field name, ready to show beside that field. */
export type FieldErrors = Partial<Record<string, string>>;

type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Checks form values against a contracts schema before anything is sent, so people hear about a
 * short passphrase at once, in their own language. The server checks again; this is only kindness.
 */
export function useValidate() {
  const { t, i18n } = useTranslation();
  return <S extends z.ZodType>(schema: S, values: Record<string, unknown>): Checked<z.output<S>> => {
    const result = schema.safeParse(values);
    if (result.success) return { ok: true, data: result.data };
    const errors: FieldErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "form");
      if (errors[field]) continue; // one message per field is easier to act on
      const empty = values[field] === "" || values[field] === undefined;
      const candidates = [empty ? `validation.${field}.required` : "", `validation.${field}.${issue.code}`];
      const key = candidates.find((candidate) => candidate && i18n.exists(candidate));
      errors[field] = key ? t(key as "errors.invalid") : issue.message;
    }
    return { ok: false, errors };
  };
}
