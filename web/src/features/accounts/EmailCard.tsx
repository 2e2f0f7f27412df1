import { EmailUpdate } from "@kinship/contracts/accounts";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { type FieldErrors, useValidate } from "../../app/validation.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/Field.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { useAccountMe } from "./AccountLayout.tsx";
import { useUpdateEmail } from "./api.ts";
import { useFocusFirstError } from "./focus.ts";

/** The optional e-mail: never shown to anyone, only for notices the member chooses. */
export function EmailCard() {
  const { t } = useTranslation();
  const me = useAccountMe();
  const validate = useValidate();
  const errorText = useErrorText();
  const updateEmail = useUpdateEmail();
  const [email, setEmail] = useState(me.email ?? "");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<"" | "email.saved" | "email.removed" | "email.none">("");
  // Which button was pressed, so only that one says it is working.
  const [action, setAction] = useState<"save" | "remove">("save");
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, clientErrors, updateEmail.error);

  const serverText = updateEmail.error ? errorText(updateEmail.error) : undefined;
  const fieldError = clientErrors.email ?? (fieldOf(updateEmail.error) === "email" ? serverText : undefined);
  const formError = serverText && fieldOf(updateEmail.error) !== "email" ? serverText : undefined;

  const save = (next: string | null, kind: "save" | "remove") => {
    if (updateEmail.isPending) return;
    const checked = validate(EmailUpdate, { email: next });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setAction(kind);
    setStatus("");
    updateEmail.mutate(checked.data, {
      onSuccess: (saved) => {
        setEmail(saved.email ?? "");
        setStatus(saved.email ? "email.saved" : "email.removed");
      },
    });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = email.trim();
    // An emptied field means "remove it"; an empty field with nothing saved needs no request.
    if (!trimmed && !me.email) return setStatus("email.none");
    save(trimmed || null, trimmed ? "save" : "remove");
  };

  return (
    <section className="card stack-small" aria-labelledby="email-title">
      <h2 id="email-title">{t("email.title")}</h2>
      <p className="muted">{t("email.intro")}</p>
      <form ref={form} className="stack-small" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <TextField
          id="account-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          label={t("email.label")}
          hint={me.email ? undefined : t("email.none")}
          error={fieldError}
          value={email}
          maxLength={254}
          onChange={(event) => {
            setStatus("");
            setEmail(event.target.value);
          }}
        />
        <StatusMessage message={status && t(status)} tone={status === "email.none" ? "info" : "success"} />
        <div className="form-actions">
          <Button type="submit" pending={updateEmail.isPending && action === "save"} pendingLabel={t("common.saving")}>
            {t("email.save")}
          </Button>
          {me.email && (
            <Button
              variant="quiet"
              pending={updateEmail.isPending && action === "remove"}
              pendingLabel={t("email.removing")}
              onClick={() => save(null, "remove")}
            >
              {t("email.remove")}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
