import { LoginBody, SignupBody } from "@kinship/contracts/accounts";
import { CONDUCT_VERSION } from "@kinship/contracts/moderation";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { apiJson } from "../../app/api-client.ts";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { type FieldErrors, useValidate } from "../../app/validation.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { PassphraseField, TextField } from "../../ui/Field.tsx";
import { FormError, Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useLogin, useMe, useSignup } from "./api.ts";
import { useFocusFirstError } from "./focus.ts";

type Mode = "signup" | "login";

/** Where to go after logging in: only a path inside Kinship, never another site. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") ? from : "/";
}

export function SignupPage() {
  const { t } = useTranslation();
  return (
    <div className="stack measure">
      <PageTitle intro={t("signup.intro")}>{t("signup.title")}</PageTitle>
      <CredentialsForm mode="signup" />
      <Card title={t("signup.privacyTitle")} tone="soft">
        <p>{t("signup.privacyBody")}</p>
      </Card>
      <p>
        {t("signup.haveAccount")} <Link to="/login">{t("signup.loginLink")}</Link>
      </p>
    </div>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state } = useLocation();
  const redirected = returnPath(state) !== "/";
  return (
    <div className="stack measure">
      <PageTitle intro={t("login.intro")}>{t("login.title")}</PageTitle>
      {redirected && <Notice>{t("login.needed")}</Notice>}
      <CredentialsForm mode="login" />
      <p>
        {t("login.noAccount")} <Link to="/signup">{t("login.signupLink")}</Link>
      </p>
    </div>
  );
}

/** Handle + passphrase, shared by signup and login; they differ in rules, words and where they lead. */
function CredentialsForm({ mode }: { mode: Mode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { state } = useLocation();
  const { data: me } = useMe();
  const validate = useValidate();
  const errorText = useErrorText();
  const signup = useSignup();
  const login = useLogin();
  const queryClient = useQueryClient();
  const mutation = mode === "signup" ? signup : login;
  const [handle, setHandle] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, clientErrors, mutation.error);

  const serverField = fieldOf(mutation.error);
  const serverText = mutation.error ? errorText(mutation.error) : undefined;
  const errorFor = (field: "handle" | "passphrase") =>
    clientErrors[field] ?? (serverField === field ? serverText : undefined);
  const formError = serverText && serverField !== "handle" && serverField !== "passphrase" ? serverText : undefined;

  if (me && !mutation.isSuccess) {
    return (
      <Notice>
        <p>{t("auth.alreadySignedIn", { handle: me.handle })}</p>
        <p>
          <Link to="/account">{t("auth.goToAccount")}</Link>
        </p>
      </Notice>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const checked = validate(mode === "signup" ? SignupBody : LoginBody, { handle, passphrase });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    mutation.mutate(checked.data, {
      onSuccess: async () => {
        if (mode === "login") return navigate(returnPath(state), { replace: true });
        // Creating the account accepts the code of conduct shown above the button; if this fails,
        // the member is asked again on their next visit.
        await apiJson("/api/me/conduct", { method: "PUT", body: { version: CONDUCT_VERSION } }).catch(() => {});
        await queryClient.invalidateQueries({ queryKey: ["moderation", "conduct"] });
        return navigate("/", { state: { notice: "welcome" }, replace: true });
      },
    });
  };

  const id = (field: string) => `${mode}-${field}`;
  return (
    <form ref={form} className="card stack-small" onSubmit={onSubmit} noValidate>
      <FormError message={formError} title={t("common.formErrorTitle")} />
      <TextField
        id={id("handle")}
        name="handle"
        label={t("auth.handle")}
        hint={mode === "signup" ? t("signup.handleHint") : undefined}
        error={errorFor("handle")}
        value={handle}
        onChange={(event) => setHandle(event.target.value)}
        autoComplete="username"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        required
      />
      <PassphraseField
        id={id("passphrase")}
        name="passphrase"
        label={t("auth.passphrase")}
        hint={mode === "signup" ? t("signup.passphraseHint") : undefined}
        error={errorFor("passphrase")}
        value={passphrase}
        onChange={(event) => setPassphrase(event.target.value)}
        autoComplete={mode === "signup" ? "new-password" : "current-password"}
        required
      />
      {mode === "signup" && <ConductAtSignup />}
      <div className="form-actions">
        <Button type="submit" pending={mutation.isPending} pendingLabel={t(`${mode}.pending`)}>
          {t(`${mode}.submit`)}
        </Button>
      </div>
    </form>
  );
}

/** The community code of conduct, shown before the account is created (accepting it is creating it). */
function ConductAtSignup() {
  const { t } = useTranslation();
  const points = t("moderation.conduct.points", { returnObjects: true }) as string[];
  return (
    <div className="stack-small">
      <p>{t("moderation.conduct.signup")}</p>
      <details>
        <summary>{t("moderation.conduct.signupSummary")}</summary>
        <ol className="conduct-points">
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
