import { PassphraseChange } from "@kinship/contracts/accounts";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { type FieldErrors, useValidate } from "../../app/validation.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { PassphraseField } from "../../ui/Field.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useChangePassphrase, useLogoutEverywhere } from "./api.ts";
import { useFocusFirstError } from "./focus.ts";
import { SessionsCard } from "./SessionsCard.tsx";

/** Passphrase, sessions, and the big "sign out everywhere" switch. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageTitle eyebrow={t("account.eyebrow")} intro={t("security.intro")}>
        {t("security.title")}
      </PageTitle>
      <PassphraseCard />
      <SessionsCard />
      <SignOutEverywhereCard />
    </div>
  );
}

type PassphraseFieldName = "currentPassphrase" | "newPassphrase";

function PassphraseCard() {
  const { t } = useTranslation();
  const validate = useValidate();
  const errorText = useErrorText();
  const change = useChangePassphrase();
  const [values, setValues] = useState({ currentPassphrase: "", newPassphrase: "" });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [changed, setChanged] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, clientErrors, change.error);

  const serverField = fieldOf(change.error);
  const serverText = change.error ? errorText(change.error) : undefined;
  const errorFor = (field: PassphraseFieldName) =>
    clientErrors[field] ?? (serverField === field ? serverText : undefined);
  const formError =
    serverText && serverField !== "currentPassphrase" && serverField !== "newPassphrase" ? serverText : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    const checked = validate(PassphraseChange, values);
    setClientErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setChanged(false);
    change.mutate(checked.data, {
      onSuccess: () => {
        // Don't leave passphrases sitting in the page.
        setValues({ currentPassphrase: "", newPassphrase: "" });
        setChanged(true);
      },
    });
  };

  const set = (field: PassphraseFieldName) => (event: { target: { value: string } }) => {
    setChanged(false);
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  return (
    <Card title={t("security.passphraseTitle")}>
      <p className="muted">{t("security.passphraseIntro")}</p>
      <form ref={form} className="stack-small" onSubmit={onSubmit} noValidate>
        <FormError message={formError} />
        <PassphraseField
          id="security-current"
          name="currentPassphrase"
          label={t("security.current")}
          autoComplete="current-password"
          value={values.currentPassphrase}
          error={errorFor("currentPassphrase")}
          onChange={set("currentPassphrase")}
        />
        <PassphraseField
          id="security-new"
          name="newPassphrase"
          label={t("security.new")}
          hint={t("signup.passphraseHint")}
          autoComplete="new-password"
          value={values.newPassphrase}
          error={errorFor("newPassphrase")}
          onChange={set("newPassphrase")}
        />
        <StatusMessage message={changed ? t("security.changed") : undefined} />
        <div className="form-actions">
          <Button type="submit" pending={change.isPending} pendingLabel={t("security.changing")}>
            {t("security.change")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function SignOutEverywhereCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const logoutEverywhere = useLogoutEverywhere();
  const onClick = () =>
    logoutEverywhere.mutate(undefined, {
      // flushSync leaves the account area at once, before it notices the member is gone and asks for a login.
      onSuccess: () => navigate("/", { state: { notice: "signedOutEverywhere" }, replace: true, flushSync: true }),
    });
  return (
    <Card title={t("security.everywhereTitle")}>
      <p>{t("security.everywhereBody")}</p>
      <FormError message={logoutEverywhere.error ? errorText(logoutEverywhere.error) : undefined} />
      <div className="form-actions">
        <Button
          variant="secondary"
          pending={logoutEverywhere.isPending}
          pendingLabel={t("security.everywherePending")}
          onClick={onClick}
        >
          {t("security.everywhere")}
        </Button>
      </div>
    </Card>
  );
}
