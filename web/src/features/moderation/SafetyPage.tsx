import type { Notices } from "@kinship/contracts/moderation";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextAreaField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAppeal, useBlock, useBlocks, useMyReports, useNotices, useTrust } from "./api.ts";
import { useStamp } from "./shared.tsx";

/** The member's own safety page: trust, moderators' notices and appeals, reports made, blocks. */
export function SafetyPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageTitle intro={t("moderation.safety.intro")}>{t("moderation.safety.title")}</PageTitle>
      <NoticesCard />
      <TrustCard />
      <BlocksCard />
      <MyReportsCard />
      <Card title={t("moderation.safety.moreTitle")}>
        <ul className="moderation-links">
          <li>
            <Link to="/mediation">{t("moderation.mediation.title")}</Link>
          </li>
          <li>
            <Link to="/conduct">{t("moderation.conduct.title")}</Link>
          </li>
          <li>
            <Link to="/community/settings">{t("forums.filters.title")}</Link>
          </li>
        </ul>
      </Card>
    </div>
  );
}

function TrustCard() {
  const { t } = useTranslation();
  const trust = useTrust();
  const stamp = useStamp();
  const data = trust.data;
  return (
    <Card title={t("moderation.trust.title")}>
      {trust.isPending && <Loading />}
      {data && (
        <>
          <p>{t(`moderation.trust.level.${data.name}`)}</p>
          {data.level === 0 && (
            <p>
              {data.opensAt
                ? t("moderation.trust.opensAt", { when: stamp(data.opensAt), posts: data.postsNeeded })
                : t("moderation.trust.opensAfterPosts", { posts: data.postsNeeded })}
            </p>
          )}
          {data.restriction && (
            <Notice>
              <p>
                {t(`moderation.trust.restriction.${data.restriction.kind as "mute" | "suspend" | "ban"}`, {
                  when: data.restriction.endsAt ? stamp(data.restriction.endsAt) : "",
                })}
              </p>
            </Notice>
          )}
        </>
      )}
    </Card>
  );
}

function NoticesCard() {
  const { t } = useTranslation();
  const notices = useNotices();
  const errorText = useErrorText();
  return (
    <Card title={t("moderation.notices.title")}>
      {notices.isPending && <Loading />}
      {notices.error && <Notice tone="error">{errorText(notices.error)}</Notice>}
      {notices.data?.items.length === 0 && <p className="muted">{t("moderation.notices.none")}</p>}
      <ul className="stack-small plain-list">
        {notices.data?.items.map((n) => (
          <NoticeItem key={n.id} notice={n} />
        ))}
      </ul>
    </Card>
  );
}

function NoticeItem({ notice: n }: { notice: Notices["items"][number] }) {
  const { t } = useTranslation();
  const stamp = useStamp();
  const errorText = useErrorText();
  const appeal = useAppeal();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    appeal.mutate({ id: n.id, note }, { onSuccess: () => setOpen(false) });
  };
  return (
    <li className="card card--soft stack-small" data-testid="notice">
      <h3 className="moderation-item__title">
        {t(`moderation.actionKind.${n.kind}`)}{" "}
        {n.active && n.endsAt && (
          <span className="badge">{t("moderation.notices.until", { when: stamp(n.endsAt) })}</span>
        )}
        {!n.active && n.kind !== "warn" && <span className="badge">{t("moderation.notices.ended")}</span>}
      </h3>
      <p className="muted">{stamp(n.createdAt)}</p>
      <p>
        <strong>{t("moderation.notices.reason")}</strong> {n.reason}
      </p>
      {n.post && (
        <p>
          <Link to={`/threads/${n.post.threadId}`}>{t("moderation.notices.post", { title: n.post.threadTitle })}</Link>
        </p>
      )}
      {n.appeal && (
        <div className="stack-small">
          <p>
            <strong>{t("moderation.appeal.yours")}</strong> {n.appeal.note}
          </p>
          <p role="status">
            {t(`moderation.appeal.status.${n.appeal.status}`)}
            {n.appeal.decisionNote && (
              <>
                {" "}
                <strong>{t("moderation.appeal.decisionNote")}</strong> {n.appeal.decisionNote}
              </>
            )}
          </p>
        </div>
      )}
      {n.canAppeal && !open && (
        <div>
          <Button small variant="secondary" aria-expanded={false} onClick={() => setOpen(true)}>
            {t("moderation.appeal.start")}
          </Button>
        </div>
      )}
      {n.canAppeal && open && (
        <form className="stack-small" onSubmit={submit}>
          <TextAreaField
            label={t("moderation.appeal.note")}
            hint={t("moderation.appeal.hint")}
            value={note}
            maxLength={2000}
            required
            onChange={(e) => setNote(e.target.value)}
            error={appeal.error ? errorText(appeal.error) : undefined}
          />
          <div className="cluster">
            <Button type="submit" small pending={appeal.isPending}>
              {t("moderation.appeal.send")}
            </Button>
            <Button small variant="quiet" onClick={() => setOpen(false)}>
              {t("moderation.common.cancel")}
            </Button>
          </div>
        </form>
      )}
      {appeal.isSuccess && <StatusMessage message={t("moderation.appeal.sent")} />}
    </li>
  );
}

function BlocksCard() {
  const { t } = useTranslation();
  const blocks = useBlocks();
  const change = useBlock();
  return (
    <Card title={t("moderation.blocks.title")}>
      <p className="muted">{t("moderation.blocks.intro")}</p>
      {blocks.data?.items.length === 0 && <p className="muted">{t("moderation.blocks.none")}</p>}
      <ul className="plain-list stack-small">
        {blocks.data?.items.map((b) => (
          <li key={b.handle} className="cluster">
            <Link to={`/members/${encodeURIComponent(b.handle)}`}>@{b.handle}</Link>
            <span className="badge">{t(`moderation.blocks.kind.${b.kind}`)}</span>
            <Button
              small
              variant="quiet"
              pending={change.isPending && change.variables?.handle === b.handle}
              onClick={() => change.mutate({ handle: b.handle, kind: null })}
            >
              {t(b.kind === "block" ? "moderation.blocks.unblock" : "moderation.blocks.unmute")}
              <span className="visually-hidden"> @{b.handle}</span>
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function MyReportsCard() {
  const { t } = useTranslation();
  const reports = useMyReports();
  const stamp = useStamp();
  if (!reports.data || reports.data.items.length === 0) return null;
  return (
    <Card title={t("moderation.myReports.title")}>
      <ul className="plain-list stack-small">
        {reports.data.items.map((r) => (
          <li key={r.id}>
            {t(`moderation.reportType.${r.type}`)} · {t(`forums.report.reasons.${r.reason}`)} · {stamp(r.createdAt)} ·{" "}
            <strong>{t(`forums.report.status.${r.status}`)}</strong>
          </li>
        ))}
      </ul>
    </Card>
  );
}
