import { LoginBody, SignupBody } from "@kinship/contracts/accounts";
import { CONDUCT_VERSION } from "@kinship/contracts/moderation";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { apiJson, isApiError, type Restriction } from "../../app/api-client.ts";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { type FieldErrors, useValidate } from "../../app/validation.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { PassphraseField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useLogin, useMe, useSignedOutAppeal, useSignup } from "./api.ts";
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
  // A suspended or closed account is told so; "welcome back" and "create an account" don't fit then.
  const [restricted, setRestricted] = useState(false);
  return (
    <div className="stack measure">
      <PageTitle intro={restricted ? undefined : t("login.intro")}>{t("login.title")}</PageTitle>
      {redirected && !restricted && <Notice>{t("login.needed")}</Notice>}
      <CredentialsForm mode="login" onRestricted={setRestricted} />
      {!restricted && (
        <p>
          {t("login.noAccount")} <Link to="/signup">{t("login.signupLink")}</Link>
        </p>
      )}
    </div>
  );
}

/** Handle + passphrase, shared by signup and login; they differ in rules, words and where they lead. */
function CredentialsForm({ mode, onRestricted }: { mode: Mode; onRestricted?: (restricted: boolean) => void }) {
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
  // The refusal has its own code, so this page words it in the reader's language (never the server's English).
  const restriction =
    isApiError(mutation.error) && mutation.error.code === "account_restricted" ? mutation.error.restriction : undefined;
  useEffect(() => onRestricted?.(restriction !== undefined), [restriction, onRestricted]);
  const formError =
    serverText && !restriction && serverField !== "handle" && serverField !== "passphrase" ? serverText : undefined;

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
  if (restriction) return <RestrictedAccount restriction={restriction} handle={handle} passphrase={passphrase} />;
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

/**
 * A suspended or banned member who tried to sign in: until when and why, kindly, with a way to ask
 * for a fresh look (their handle and passphrase, just typed, prove who they are) and to reach help.
 */
function RestrictedAccount({
  restriction,
  handle,
  passphrase,
}: {
  restriction: Restriction;
  handle: string;
  passphrase: string;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const appeal = useSignedOutAppeal();
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const until = restriction.endsAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(restriction.endsAt))
    : null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (appeal.isPending) return;
    if (!note.trim()) return setNoteError(t("login.restricted.noteNeeded"));
    setNoteError(undefined);
    appeal.mutate({ handle, passphrase, note: note.trim() });
  };
  return (
    <section className="card stack-small" aria-labelledby="restricted-title">
      <h2 id="restricted-title" ref={heading} tabIndex={-1}>
        {until ? t("login.restricted.suspendedTitle", { date: until }) : t("login.restricted.bannedTitle")}
      </h2>
      <p>{until ? t("login.restricted.suspendedBody", { date: until }) : t("login.restricted.bannedBody")}</p>
      <p>
        <strong>{t("login.restricted.reason")}</strong> {restriction.reason}
      </p>
      <p>
        {t("login.restricted.support")} <Link to="/help">{t("login.restricted.supportLink")}</Link>
      </p>
      {appeal.isSuccess ? (
        <StatusMessage message={t("login.restricted.appealSent")} />
      ) : (
        <form className="stack-small" onSubmit={onSubmit} noValidate>
          <h3>{t("login.restricted.appealTitle")}</h3>
          <FormError message={appeal.error ? errorText(appeal.error) : undefined} title={t("common.formErrorTitle")} />
          <TextAreaField
            name="note"
            label={t("login.restricted.appealLabel")}
            hint={t("login.restricted.appealHint")}
            error={noteError}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            rows={4}
            maxLength={2000}
          />
          <div className="form-actions">
            <Button type="submit" pending={appeal.isPending} pendingLabel={t("login.restricted.appealPending")}>
              {t("login.restricted.appealSubmit")}
            </Button>
          </div>
        </form>
      )}
    </section>
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
