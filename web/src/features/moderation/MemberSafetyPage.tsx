import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField } from "../../ui/Field.tsx";
import { Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useBlock, useBlocks, useMyGroups, useReportMember } from "./api.ts";
import { type ReasonCode, ReasonSelect } from "./shared.tsx";

/** A member's safety menu: block or mute them (they are never told), or report them to moderators. */
export function MemberSafetyPage() {
  const { t } = useTranslation();
  const handle = useParams().handle ?? "";
  const errorText = useErrorText();
  const blocks = useBlocks();
  const block = useBlock();
  const current = blocks.data?.items.find((b) => b.handle.toLowerCase() === handle.toLowerCase())?.kind ?? null;
  return (
    <div className="stack measure">
      <PageTitle intro={t("moderation.member.intro")}>{t("moderation.member.title", { handle })}</PageTitle>
      <p>
        <Link to={`/members/${encodeURIComponent(handle)}`}>{t("moderation.member.back", { handle })}</Link>
      </p>
      <Card title={t("moderation.member.blockTitle")}>
        <p>{t("moderation.member.blockIntro")}</p>
        {current && <p role="status">{t(`moderation.member.now.${current}`)}</p>}
        <div className="cluster">
          {current !== "mute" && (
            <Button
              variant="secondary"
              small
              pending={block.isPending}
              onClick={() => block.mutate({ handle, kind: "mute" })}
            >
              {t("moderation.member.mute")}
            </Button>
          )}
          {current !== "block" && (
            <Button
              variant="secondary"
              small
              pending={block.isPending}
              onClick={() => block.mutate({ handle, kind: "block" })}
            >
              {t("moderation.member.block")}
            </Button>
          )}
          {current && (
            <Button
              variant="quiet"
              small
              pending={block.isPending}
              onClick={() => block.mutate({ handle, kind: null })}
            >
              {t(current === "block" ? "moderation.blocks.unblock" : "moderation.blocks.unmute")}
            </Button>
          )}
        </div>
        {block.error ? <Notice tone="error">{errorText(block.error)}</Notice> : null}
      </Card>
      <ReportMemberCard handle={handle} />
    </div>
  );
}

function ReportMemberCard({ handle }: { handle: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const report = useReportMember();
  const groups = useMyGroups();
  const [reason, setReason] = useState<ReasonCode>("harassment");
  const [note, setNote] = useState("");
  const [groupId, setGroupId] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    report.mutate({ handle, reason, note, ...(groupId ? { groupId } : {}) });
  };
  if (report.isSuccess) {
    return (
      <Card title={t("moderation.member.reportTitle")}>
        <StatusMessage message={t("moderation.member.reported")} />
      </Card>
    );
  }
  return (
    <Card title={t("moderation.member.reportTitle")}>
      <p>{t("moderation.member.reportIntro")}</p>
      <form className="stack-small" onSubmit={submit}>
        <ReasonSelect value={reason} onChange={setReason} />
        <SelectField
          label={t("moderation.member.where")}
          hint={t("moderation.member.whereHint")}
          value={groupId}
          onChange={(e) => setGroupId(e.target.value)}
        >
          <option value="">{t("moderation.member.community")}</option>
          {(groups.data?.items ?? [])
            .filter((g) => g.status === "active")
            .map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
        </SelectField>
        <TextAreaField
          label={t("forums.report.note")}
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          error={report.error ? errorText(report.error) : undefined}
        />
        <div>
          <Button type="submit" pending={report.isPending}>
            {t("forums.report.send")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
