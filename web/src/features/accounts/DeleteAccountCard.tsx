import { PassphraseConfirm } from "@kinship/contracts/accounts";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { type FieldErrors, useValidate } from "../../app/validation.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { PassphraseField } from "../../ui/Field.tsx";
import { FormError } from "../../ui/Notice.tsx";
import { useDeleteAccount } from "./api.ts";
import { useFocusFirstError } from "./focus.ts";

/**
 * The danger zone. Two steps: first the explanation and one button, then the passphrase and the
 * final button, so no one deletes their account by a slip of the finger.
 */
export function DeleteAccountCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const validate = useValidate();
  const errorText = useErrorText();
  const deleteAccount = useDeleteAccount();
  const [confirming, setConfirming] = useState(false);
  const [passphrase, setPassphrase] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  useFocusFirstError(form, clientErrors, deleteAccount.error);

  // Opening the confirmation puts the cursor in its passphrase field.
  useEffect(() => {
    if (confirming) form.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, [confirming]);

  const serverText = deleteAccount.error ? errorText(deleteAccount.error) : undefined;
  const fieldError =
    clientErrors.passphrase ?? (fieldOf(deleteAccount.error) === "passphrase" ? serverText : undefined);
  const formError = serverText && fieldOf(deleteAccount.error) !== "passphrase" ? serverText : undefined;

  const cancel = () => {
    setConfirming(false);
    setPassphrase("");
    setClientErrors({});
    deleteAccount.reset();
    requestAnimationFrame(() => openButton.current?.focus());
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (deleteAccount.isPending) return;
    const checked = validate(PassphraseConfirm, { passphrase });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    deleteAccount.mutate(checked.data, {
      // flushSync leaves the account area at once, before it notices the member is gone and asks for a login.
      onSuccess: () => navigate("/", { state: { notice: "farewell" }, replace: true, flushSync: true }),
    });
  };

  return (
    <Card title={t("privacy.deleteTitle")} tone="danger">
      <p>{t("privacy.deleteBody1")}</p>
      <p>{t("privacy.deleteBody2")}</p>
      <p>{t("privacy.deleteBody2b")}</p>
      <p className="muted">{t("privacy.deleteBody3")}</p>
      {!confirming ? (
        <div className="form-actions">
          <Button ref={openButton} variant="danger" onClick={() => setConfirming(true)}>
            {t("privacy.delete")}
          </Button>
        </div>
      ) : (
        <form ref={form} className="stack-small" onSubmit={onSubmit} noValidate>
          <p>
            <strong>{t("privacy.deleteConfirmIntro")}</strong>
          </p>
          <FormError message={formError} />
          <PassphraseField
            id="delete-passphrase"
            name="passphrase"
            label={t("auth.passphrase")}
            autoComplete="current-password"
            value={passphrase}
            error={fieldError}
            onChange={(event) => setPassphrase(event.target.value)}
          />
          <div className="form-actions">
            <Button
              type="submit"
              variant="danger"
              pending={deleteAccount.isPending}
              pendingLabel={t("privacy.deleting")}
            >
              {t("privacy.deleteForever")}
            </Button>
            <Button variant="secondary" onClick={cancel}>
              {t("privacy.keep")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
