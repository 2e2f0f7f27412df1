import type { AlertOutcome } from "@kinship/contracts/safety";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField } from "../../ui/Field.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAlert, useAudit, useClaim, useCloseAlert, useConversation, useRelease, useWrite } from "./api.ts";
import { Conversation } from "./Conversation.tsx";
import { SeverityBadge } from "./shared.tsx";

const SEVERITY_WORDS = {
  high: "safety.severity.high",
  medium: "safety.severity.medium",
  low: "safety.severity.low",
} as const;
const OUTCOMES: AlertOutcome[] = [
  "reached_safe",
  "referred_professional",
  "emergency_services",
  "no_response",
  "not_a_crisis",
];

/** One alert for a responder: why, where, the matched words (audited), take it, write, close, every step. */
export function AlertPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useDateTime();
  const alert = useAlert(id);
  const audit = useAudit(id);
  const claim = useClaim(id);
  const release = useRelease(id);
  const close = useCloseAlert(id);
  const mine = alert.data?.mine && alert.data.status === "claimed";
  const conversation = useConversation(id, Boolean(alert.data));
  const write = useWrite(id);
  const [outcome, setOutcome] = useState<AlertOutcome>("reached_safe");
  const [note, setNote] = useState("");

  // The server keeps a step's detail as "<severity or outcome code> · <rule or note>": say the code in words.
  const detailText = (action: string, detail: string) => {
    const cut = detail.indexOf(" · ");
    const code = cut < 0 ? detail : detail.slice(0, cut);
    const rest = cut < 0 ? "" : detail.slice(cut);
    if ((action === "created" || action === "detected_again") && code in SEVERITY_WORDS)
      return t(SEVERITY_WORDS[code as keyof typeof SEVERITY_WORDS]) + rest;
    if (action === "closed" && (OUTCOMES as string[]).includes(code))
      return t(`safety.alert.outcomes.${code as AlertOutcome}`) + rest;
    return detail;
  };
  if (alert.isPending) return <Loading />;
  if (alert.error) return <Notice tone="error">{errorText(alert.error)}</Notice>;
  const a = alert.data;
  const onClose = (e: FormEvent) => {
    e.preventDefault();
    close.mutate({ outcome, note });
  };
  return (
    <div className="stack measure">
      <p>
        <Link to="/safety/queue">{t("safety.alert.back")}</Link>
      </p>
      <PageTitle>{`${t("safety.alert.title")}: ${t(`safety.category.${a.category}`)}`}</PageTitle>
      <Card>
        <div className="cluster">
          <SeverityBadge severity={a.severity} />
          <span>{t(`safety.source.${a.source}`)}</span>
          <span className="muted">{when(a.createdAt)}</span>
        </div>
        <dl className="details-list">
          <dt>{t("safety.alert.place")}</dt>
          <dd>
            {a.place} {a.link && <Link to={a.link}>{t("safety.alert.link")}</Link>}
          </dd>
          <dt>{t("safety.alert.rule")}</dt>
          <dd>
            {a.ruleDescription} <span className="muted">({a.rule})</span>
          </dd>
          <dt>{t("safety.alert.words")}</dt>
          <dd>
            {a.excerpt ? (
              <blockquote className="alert-excerpt">{a.excerpt}</blockquote>
            ) : (
              <span className="muted">
                {a.status === "closed" ? t("safety.alert.wordsGone") : t("safety.alert.noWords")}
              </span>
            )}
          </dd>
        </dl>
        {a.excerpt && <p className="muted">{t("safety.alert.wordsNote")}</p>}
        <div className="cluster" role="status">
          {a.status === "open" && (
            <Button pending={claim.isPending} pendingLabel={t("safety.alert.claiming")} onClick={() => claim.mutate()}>
              {t("safety.alert.claim")}
            </Button>
          )}
          {a.status === "claimed" && a.claimedBy && <span>{t("safety.queue.claimedBy", { handle: a.claimedBy })}</span>}
          {mine && (
            <Button variant="secondary" pending={release.isPending} onClick={() => release.mutate()}>
              {t("safety.alert.release")}
            </Button>
          )}
          {a.outcome && <strong>{t(`safety.alert.outcomes.${a.outcome}`)}</strong>}
        </div>
        <FormError
          message={claim.error ? errorText(claim.error) : release.error ? errorText(release.error) : undefined}
        />
      </Card>

      {(mine || (conversation.data?.items.length ?? 0) > 0) && (
        <Card title={t("safety.alert.conversationTitle")}>
          <Conversation
            items={conversation.data?.items ?? []}
            empty={t("safety.alert.conversationEmpty")}
            canWrite={Boolean(mine)}
            label={t("safety.alert.message")}
            pending={write.isPending}
            error={write.error ? errorText(write.error) : undefined}
            onSend={(body, done) => write.mutate(body, { onSuccess: done })}
          />
        </Card>
      )}

      {mine && (
        <Card title={t("safety.alert.closeTitle")}>
          <form onSubmit={onClose} className="stack-small">
            <SelectField
              label={t("safety.alert.outcome")}
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as AlertOutcome)}
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`safety.alert.outcomes.${o}`)}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              rows={3}
              label={t("safety.alert.note")}
              value={note}
              maxLength={1000}
              onChange={(e) => setNote(e.target.value)}
            />
            <FormError message={close.error ? errorText(close.error) : undefined} />
            <Button type="submit" pending={close.isPending} pendingLabel={t("safety.alert.closing")}>
              {t("safety.alert.close")}
            </Button>
          </form>
        </Card>
      )}

      <Card title={t("safety.alert.auditTitle")} tone="soft">
        <ol className="list-plain stack-small">
          {(audit.data?.items ?? []).map((e) => (
            <li key={`${e.at}-${e.action}-${e.actor ?? ""}`}>
              {when(e.at)} · {t(`safety.alert.actions.${e.action}`, { defaultValue: e.action })}
              {e.actor ? ` · @${e.actor}` : ""}
              {e.detail ? <span className="muted"> · {detailText(e.action, e.detail)}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
