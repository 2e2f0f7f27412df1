import type { ActionKind, AppealQueue, Queue, ReportType } from "@kinship/contracts/moderation";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import {
  useAct,
  useAppealQueue,
  useAudit as useAuditFor,
  useDecide,
  useDismiss,
  useModerators,
  useNameModerator,
  useQueue,
  useReportDetail,
  useScopes,
  useSetTrust,
} from "./api.ts";
import { useStamp } from "./shared.tsx";

/** The scope chosen in the address (?scope=), else the first the member moderates. */
export function useChosenScope() {
  const scopes = useScopes();
  const [params, setParams] = useSearchParams();
  const wanted = params.get("scope");
  const items = scopes.data?.items ?? [];
  const current = items.find((s) => s.scope === wanted) ?? items[0] ?? null;
  const choose = (scope: string) => setParams({ scope }, { replace: true });
  return { scopes, current, choose };
}

/** Moderators' page: the queue of one scope, reported content in context, actions, appeals, moderators. */
export function ModerationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { scopes, current, choose } = useChosenScope();
  return (
    <div className="stack">
      <PageTitle intro={t("moderation.queue.intro")}>{t("moderation.queue.title")}</PageTitle>
      {scopes.isPending && <Loading />}
      {scopes.error && <Notice tone="error">{errorText(scopes.error)}</Notice>}
      {scopes.data?.items.length === 0 && <p>{t("moderation.queue.noScopes")}</p>}
      {scopes.data && scopes.data.items.length > 1 && current && (
        <SelectField label={t("moderation.queue.scope")} value={current.scope} onChange={(e) => choose(e.target.value)}>
          {scopes.data.items.map((s) => (
            <option key={s.scope} value={s.scope}>
              {s.scope === "community" ? t("moderation.queue.community") : s.name} ({s.openReports})
            </option>
          ))}
        </SelectField>
      )}
      {current && (
        <>
          <p className="lede">
            {current.scope === "community" ? t("moderation.queue.community") : current.name}
            {current.admin && (
              <>
                {" · "}
                <Link to={`/moderation/audit?scope=${encodeURIComponent(current.scope)}`}>
                  {t("moderation.audit.title")}
                </Link>
              </>
            )}
          </p>
          <Reports scope={current.scope} />
          <Appeals scope={current.scope} />
          <ModeratorsCard scope={current.scope} admin={current.admin} />
        </>
      )}
    </div>
  );
}

function Reports({ scope }: { scope: string }) {
  const { t } = useTranslation();
  const queue = useQueue(scope);
  const stamp = useStamp();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="stack-small" aria-labelledby="reports-title">
      <h2 id="reports-title">{t("moderation.queue.reports")}</h2>
      {queue.isPending && <Loading />}
      {queue.data?.items.length === 0 && <p className="muted">{t("moderation.queue.empty")}</p>}
      <ul className="plain-list stack-small">
        {queue.data?.items.map((item) => (
          <li key={item.id} className="card stack-small" data-testid="queue-item">
            <h3 className="moderation-item__title">
              {t(`moderation.reportType.${item.type}`)}: {t(`forums.report.reasons.${item.reason}`)}
            </h3>
            <p className="muted">
              {item.where && <>{item.where} · </>}
              {item.subjectHandle ? `@${item.subjectHandle}` : t("moderation.queue.anonymous")} ·{" "}
              {stamp(item.createdAt)} · {t(`forums.report.status.${item.status}`)}
            </p>
            <div>
              <Button
                small
                variant={open === item.id ? "quiet" : "secondary"}
                aria-expanded={open === item.id}
                onClick={() => setOpen(open === item.id ? null : item.id)}
              >
                {open === item.id ? t("moderation.queue.close") : t("moderation.queue.review")}
              </Button>
            </div>
            {open === item.id && <Review item={item} onDone={() => setOpen(null)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

const HOURS = [1, 24, 72, 168, 720] as const;

function Review({ item, onDone }: { item: Queue["items"][number]; onDone: () => void }) {
  const { t } = useTranslation();
  const stamp = useStamp();
  const errorText = useErrorText();
  const detail = useReportDetail(item.type as ReportType, item.id);
  const act = useAct();
  const dismiss = useDismiss();
  const kinds: ActionKind[] =
    item.type === "post" ? ["hide", "warn", "mute", "suspend", "ban"] : ["warn", "mute", "suspend", "ban"];
  const [kind, setKind] = useState<ActionKind>(kinds[0] as ActionKind);
  const [hours, setHours] = useState<number>(24);
  const [reason, setReason] = useState("");
  if (detail.isPending) return <Loading />;
  if (detail.error) return <Notice tone="error">{errorText(detail.error)}</Notice>;
  const d = detail.data;
  const timed = kind === "mute" || kind === "suspend";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    act.mutate(
      { kind, reason, report: { type: d.type, id: d.id }, ...(timed ? { hours } : {}) },
      { onSuccess: onDone },
    );
  };
  return (
    <div className="stack-small moderation-review">
      <h4>{t("moderation.review.context")}</h4>
      <ol className="plain-list moderation-context">
        {d.context.map((line) => (
          <li
            key={`${line.at}-${line.from}-${line.text.slice(0, 20)}`}
            className={line.reported ? "moderation-context__reported" : undefined}
          >
            <p className="muted">
              <strong>{line.from ? `@${line.from}` : t("moderation.queue.anonymous")}</strong> · {stamp(line.at)}{" "}
              {line.reported && <span className="badge badge--accent">{t("moderation.review.reported")}</span>}{" "}
              {line.hidden && <span className="badge">{t("moderation.review.hidden")}</span>}
            </p>
            <p className="pre-line">{line.text || t("forums.post.deleted")}</p>
          </li>
        ))}
      </ol>
      {d.threadId && (
        <p>
          <Link to={`/threads/${d.threadId}`}>{t("moderation.review.openThread")}</Link>
        </p>
      )}
      {d.note && (
        <p>
          <strong>{t("moderation.review.note")}</strong> {d.note}
        </p>
      )}
      <h4>{t("moderation.review.history", { handle: d.subject.handle ?? t("moderation.queue.anonymous") })}</h4>
      {d.subject.anonymous && <p className="muted">{t("moderation.review.anonymousHistory")}</p>}
      {!d.subject.anonymous && d.priorReports.length === 0 && d.priorActions.length === 0 && (
        <p className="muted">{t("moderation.review.noHistory")}</p>
      )}
      <ul className="plain-list">
        {d.priorReports.map((r) => (
          <li key={`${r.type}-${r.createdAt}`}>
            {t(`moderation.reportType.${r.type}`)} · {t(`forums.report.reasons.${r.reason}`)} · {stamp(r.createdAt)} ·{" "}
            {t(`forums.report.status.${r.status}`)}
          </li>
        ))}
        {d.priorActions.map((a) => (
          <li key={a.id}>
            <strong>{t(`moderation.actionKind.${a.kind}`)}</strong> · {stamp(a.createdAt)} · {a.reason}
            {a.revoked && <> · {t("moderation.review.revoked")}</>}
          </li>
        ))}
      </ul>
      {d.subject.handle && <TrustForm handle={d.subject.handle} />}
      <form className="stack-small card card--soft" onSubmit={submit}>
        <h4>{t("moderation.action.title")}</h4>
        <fieldset className="choice-group">
          <legend className="field__label">{t("moderation.action.kind")}</legend>
          {kinds.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name={`kind-${d.id}`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`moderation.actionKind.${k}`)}
            </label>
          ))}
        </fieldset>
        {timed && (
          <SelectField
            label={t("moderation.action.hours")}
            value={String(hours)}
            onChange={(e) => setHours(Number(e.target.value))}
          >
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {t(`moderation.action.duration.h${h}`)}
              </option>
            ))}
          </SelectField>
        )}
        <TextAreaField
          label={t("moderation.action.reason")}
          hint={t("moderation.action.reasonHint")}
          value={reason}
          maxLength={1000}
          required
          onChange={(e) => setReason(e.target.value)}
          error={act.error ? errorText(act.error) : undefined}
        />
        {(kind === "suspend" || kind === "ban") && <p className="muted">{t("moderation.action.endsSessions")}</p>}
        <div className="cluster">
          <Button type="submit" small pending={act.isPending}>
            {t("moderation.action.submit")}
          </Button>
          <Button
            small
            variant="quiet"
            pending={dismiss.isPending}
            onClick={() => dismiss.mutate({ type: d.type, id: d.id, note: "" }, { onSuccess: onDone })}
          >
            {t("moderation.action.dismiss")}
          </Button>
        </div>
        {dismiss.error ? <p className="field__error">{errorText(dismiss.error)}</p> : null}
      </form>
    </div>
  );
}

/** Raise or lower a member's trust (links, posting rate), or return it to the usual rules. */
function TrustForm({ handle }: { handle: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const setTrust = useSetTrust();
  const [level, setLevel] = useState("usual");
  const [reason, setReason] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTrust.mutate({ handle, level: level === "usual" ? null : Number(level), reason });
  };
  return (
    <details>
      <summary>{t("moderation.trustForm.title", { handle })}</summary>
      <form className="stack-small" onSubmit={submit}>
        <SelectField label={t("moderation.trustForm.level")} value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="usual">{t("moderation.trustForm.usual")}</option>
          <option value="0">{t("moderation.trustForm.new")}</option>
          <option value="1">{t("moderation.trustForm.member")}</option>
          <option value="2">{t("moderation.trustForm.trusted")}</option>
        </SelectField>
        <TextField
          label={t("moderation.action.reason")}
          value={reason}
          required
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
          error={setTrust.error ? errorText(setTrust.error) : undefined}
        />
        <div>
          <Button type="submit" small variant="secondary" pending={setTrust.isPending}>
            {t("moderation.trustForm.save")}
          </Button>
        </div>
        {setTrust.isSuccess && <StatusMessage message={t("moderation.trustForm.saved")} />}
      </form>
    </details>
  );
}

function Appeals({ scope }: { scope: string }) {
  const { t } = useTranslation();
  const appeals = useAppealQueue(scope);
  return (
    <section className="stack-small" aria-labelledby="appeals-title">
      <h2 id="appeals-title">{t("moderation.appeals.title")}</h2>
      {appeals.data?.items.length === 0 && <p className="muted">{t("moderation.appeals.empty")}</p>}
      <ul className="plain-list stack-small">
        {appeals.data?.items.map((a) => (
          <AppealItem key={a.id} appeal={a} />
        ))}
      </ul>
    </section>
  );
}

function AppealItem({ appeal: a }: { appeal: AppealQueue["items"][number] }) {
  const { t } = useTranslation();
  const stamp = useStamp();
  const errorText = useErrorText();
  const decide = useDecide();
  const [decision, setDecision] = useState<"upheld" | "overturned">("upheld");
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({ id: a.id, decision, note });
  };
  return (
    <li className="card stack-small" data-testid="appeal-item">
      <h3 className="moderation-item__title">
        {t(`moderation.actionKind.${a.action.kind}`)} · @{a.action.memberHandle}
      </h3>
      <p className="muted">
        {stamp(a.action.createdAt)} · {t("moderation.appeals.by", { handle: a.action.moderatorHandle ?? "—" })}
      </p>
      <p>
        <strong>{t("moderation.notices.reason")}</strong> {a.action.reason}
      </p>
      <p>
        <strong>{t("moderation.appeals.note")}</strong> {a.note}
      </p>
      {!a.canDecide ? (
        <p className="muted">{t("moderation.appeals.notYours")}</p>
      ) : (
        <form className="stack-small" onSubmit={submit}>
          <fieldset className="choice-group">
            <legend className="field__label">{t("moderation.appeals.decision")}</legend>
            {(["upheld", "overturned"] as const).map((k) => (
              <label key={k} className="choice">
                <input
                  type="radio"
                  name={`decision-${a.id}`}
                  checked={decision === k}
                  onChange={() => setDecision(k)}
                />
                {t(`moderation.appeals.${k}`)}
              </label>
            ))}
          </fieldset>
          <TextAreaField
            label={t("moderation.appeals.decisionNote")}
            hint={t("moderation.action.reasonHint")}
            value={note}
            maxLength={1000}
            required
            onChange={(e) => setNote(e.target.value)}
            error={decide.error ? errorText(decide.error) : undefined}
          />
          <div>
            <Button type="submit" small pending={decide.isPending}>
              {t("moderation.appeals.submit")}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}

function ModeratorsCard({ scope, admin }: { scope: string; admin: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const moderators = useModerators(scope);
  const name = useNameModerator();
  const [handle, setHandle] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    name.mutate({ scope, handle: handle.replace(/^@/, ""), on: true }, { onSuccess: () => setHandle("") });
  };
  return (
    <Card title={t("moderation.moderators.title")}>
      <ul className="plain-list stack-small">
        {moderators.data?.items.map((m) => (
          <li key={m.handle} className="cluster">
            <span>@{m.handle}</span>
            {m.admin && <span className="badge">{t("moderation.moderators.admin")}</span>}
            {admin && !(scope !== "community" && m.admin) && (
              <Button small variant="quiet" onClick={() => name.mutate({ scope, handle: m.handle, on: false })}>
                {t("moderation.moderators.remove")}
                <span className="visually-hidden"> @{m.handle}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      {admin && (
        <form className="stack-small" onSubmit={submit}>
          <TextField
            label={t("moderation.moderators.handle")}
            hint={t("moderation.moderators.hint")}
            value={handle}
            required
            onChange={(e) => setHandle(e.target.value)}
            error={name.error ? errorText(name.error) : undefined}
          />
          <div>
            <Button type="submit" small pending={name.isPending}>
              {t("moderation.moderators.add")}
            </Button>
          </div>
        </form>
      )}
      {name.isSuccess && <StatusMessage message={t("moderation.moderators.saved")} />}
    </Card>
  );
}

/** The audit log of one scope, for its admins. */
export function AuditPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const stamp = useStamp();
  const { current } = useChosenScope();
  const audit = useAuditFor(current?.admin ? current.scope : null);
  return (
    <div className="stack">
      <PageTitle intro={t("moderation.audit.intro")}>{t("moderation.audit.title")}</PageTitle>
      <p>
        <ButtonLink
          small
          variant="secondary"
          to={`/moderation${current ? `?scope=${encodeURIComponent(current.scope)}` : ""}`}
        >
          {t("moderation.audit.back")}
        </ButtonLink>
      </p>
      {current && !current.admin && <Notice>{t("moderation.audit.adminsOnly")}</Notice>}
      {audit.error && <Notice tone="error">{errorText(audit.error)}</Notice>}
      {audit.data?.items.length === 0 && <p className="muted">{t("moderation.audit.empty")}</p>}
      {audit.data && audit.data.items.length > 0 && (
        // A wide table scrolls sideways on a phone: the region takes focus, so a keyboard can scroll it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-label={t("moderation.audit.title")}>
          <table className="moderation-table">
            <caption className="visually-hidden">{t("moderation.audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("moderation.audit.when")}</th>
                <th scope="col">{t("moderation.audit.who")}</th>
                <th scope="col">{t("moderation.audit.what")}</th>
                <th scope="col">{t("moderation.audit.member")}</th>
                <th scope="col">{t("moderation.audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{stamp(e.at)}</td>
                  <td>
                    {e.byOperator ? t("moderation.audit.operator") : e.moderatorHandle ? `@${e.moderatorHandle}` : "—"}
                  </td>
                  <td>{t(`moderation.audit.events.${e.event}`, { defaultValue: e.event })}</td>
                  <td>{e.subjectHandle ? `@${e.subjectHandle}` : "—"}</td>
                  <td>{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
