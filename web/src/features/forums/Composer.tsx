import { THREAD_KINDS, type ThreadKind, WARNING_CODES } from "@kinship/contracts/forums";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { CrisisCheck } from "../../ui/CrisisCheck.tsx";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { FormError } from "../../ui/Notice.tsx";
import { preview } from "./api.ts";

/** What a composer hands back: the post's words and choices. */
export type Draft = {
  title?: string;
  body: string;
  kind?: ThreadKind;
  dayCount?: number;
  /** A milestone of the author's own journey; the server counts its days. */
  milestone?: { journeyId: string; milestone: string };
  warnings: string[];
  anonymous: boolean;
};

/**
 * Writing a thread or a reply: Markdown with a preview rendered by the server (so it is exactly what
 * will be posted), the kind of post, content warnings and posting anonymously.
 */
export function Composer({
  mode,
  onSubmit,
  pending,
  error,
  initial,
  submitLabel,
  onCancel,
  children,
}: {
  mode: "thread" | "reply" | "edit";
  onSubmit: (draft: Draft) => void;
  pending: boolean;
  error: unknown;
  initial?: Partial<Draft> & { milestoneName?: string };
  submitLabel: string;
  onCancel?: () => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const [kind, setKind] = useState<ThreadKind>(initial?.kind ?? "discussion");
  const [dayCount, setDayCount] = useState(initial?.dayCount ? String(initial.dayCount) : "");
  const [linked, setLinked] = useState(initial?.milestone ?? null);
  const [warnings, setWarnings] = useState<string[]>(initial?.warnings ?? []);
  const [anonymous, setAnonymous] = useState(initial?.anonymous ?? false);
  const field = fieldOf(error);
  const message = error ? errorText(error) : undefined;
  const at = (name: string) => (field === name ? message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      ...(mode === "thread"
        ? {
            title,
            kind,
            ...(kind === "milestone" ? (linked ? { milestone: linked } : { dayCount: Number(dayCount) }) : {}),
          }
        : {}),
      body,
      warnings,
      anonymous,
    });
  };

  return (
    <form className="stack-small composer" onSubmit={submit} noValidate>
      {error && !["title", "body", "dayCount", "warnings"].includes(field ?? "") ? (
        <FormError message={message} />
      ) : null}
      {children}
      {mode === "thread" && (
        <>
          <TextField
            label={t("forums.compose.title")}
            hint={t("forums.compose.titleHint")}
            value={title}
            maxLength={160}
            required
            error={at("title")}
            onChange={(e) => setTitle(e.target.value)}
          />
          <SelectField
            label={t("forums.compose.kind")}
            value={kind}
            onChange={(e) => setKind(e.target.value as ThreadKind)}
          >
            {THREAD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`forums.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          {kind === "milestone" && linked && (
            <div className="composer__milestone">
              <p>{t("forums.compose.fromJourney", { milestone: initial?.milestoneName ?? linked.milestone })}</p>
              <Button variant="secondary" small onClick={() => setLinked(null)}>
                {t("forums.compose.typeDays")}
              </Button>
            </div>
          )}
          {kind === "milestone" && !linked && (
            <TextField
              label={t("forums.compose.dayCount")}
              type="number"
              inputMode="numeric"
              min={1}
              value={dayCount}
              error={at("dayCount")}
              onChange={(e) => setDayCount(e.target.value)}
            />
          )}
        </>
      )}
      <MarkdownEditor value={body} onChange={setBody} error={at("body")} />
      <CrisisCheck text={mode === "thread" ? `${title}\n${body}` : body} />
      <WarningPicker value={warnings} onChange={setWarnings} error={at("warnings")} />
      {mode !== "edit" && (
        <label className="forum-check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>
            {t("forums.compose.anonymous")}
            <span className="field__hint composer__hint">{t("forums.compose.anonymousHint")}</span>
          </span>
        </label>
      )}
      <div className="form-actions cluster">
        <Button type="submit" pending={pending} pendingLabel={t("forums.compose.posting")}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="quiet" onClick={onCancel}>
            {t("forums.post.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}

/** A Markdown textarea with Write / Preview tabs. */
function MarkdownEditor({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [html, setHtml] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const showPreview = async () => {
    setTab("preview");
    setPreviewError(null);
    if (!value.trim()) return setHtml("");
    try {
      setHtml((await preview(value)).html);
    } catch (e) {
      setPreviewError(e);
    }
  };
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t("forums.compose.body")}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t("forums.compose.bodyHint")}
      </p>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="cluster composer__tabs">
        <Button
          small
          variant={tab === "write" ? "secondary" : "quiet"}
          aria-pressed={tab === "write"}
          onClick={() => setTab("write")}
        >
          {t("forums.compose.write")}
        </Button>
        <Button
          small
          variant={tab === "preview" ? "secondary" : "quiet"}
          aria-pressed={tab === "preview"}
          onClick={showPreview}
        >
          {t("forums.compose.preview")}
        </Button>
      </div>
      <textarea
        id={id}
        className="input forum-textarea"
        rows={8}
        maxLength={20_000}
        value={value}
        hidden={tab !== "write"}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {tab === "preview" && (
        <div className="post__body composer__preview" aria-live="polite">
          {previewError ? (
            <p className="field__error">{errorText(previewError)}</p>
          ) : html ? (
            // The server renders and sanitises: no raw HTML, no images, safe links only.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by an allow-list
            <div dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <p className="muted">{t("forums.compose.previewEmpty")}</p>
          )}
        </div>
      )}
    </div>
  );
}

/** Content warnings: the common ones to tick, and the author's own words. */
export function WarningPicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const codes = new Set<string>(WARNING_CODES);
  const own = value.filter((w) => !codes.has(w));
  const [ownText, setOwnText] = useState(own.join(", "));
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((w) => w !== code));
  const setOwn = (text: string) => {
    setOwnText(text);
    const words = text
      .split(",")
      .map((w) => w.trim())
      .filter(Boolean);
    onChange([...value.filter((w) => codes.has(w)), ...words]);
  };
  return (
    <fieldset className="forum-fieldset">
      <legend className="field__label">{t("forums.warnings.label")}</legend>
      <p className="field__hint">{t("forums.warnings.hint")}</p>
      {error && <p className="field__error">{error}</p>}
      <div className="forum-checks">
        {WARNING_CODES.map((code) => (
          <label key={code} className="forum-check">
            <input type="checkbox" checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />
            {t(`forums.warnings.codes.${code}`)}
          </label>
        ))}
      </div>
      <TextField
        label={t("forums.warnings.own")}
        hint={t("forums.warnings.ownHint")}
        value={ownText}
        onChange={(e) => setOwn(e.target.value)}
      />
    </fieldset>
  );
}
