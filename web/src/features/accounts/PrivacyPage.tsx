import type { AccessLogEntry } from "@kinship/contracts/accounts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAccessLog, useDownloadExport } from "./api.ts";
import { DeleteAccountCard } from "./DeleteAccountCard.tsx";

/** The member's data: a copy to take away, who has looked at it, and a way to delete it all. */
export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageTitle eyebrow={t("account.eyebrow")} intro={t("privacy.intro")}>
        {t("privacy.title")}
      </PageTitle>
      <ExportCard />
      <AccessLogCard />
      <DeleteAccountCard />
    </div>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const download = useDownloadExport();
  const [done, setDone] = useState(false);
  const onClick = () => {
    if (download.isPending) return;
    setDone(false);
    download.mutate(undefined, { onSuccess: () => setDone(true) });
  };
  return (
    <Card title={t("privacy.exportTitle")}>
      <p>{t("privacy.exportBody")}</p>
      <FormError message={download.error ? errorText(download.error) : undefined} />
      <StatusMessage
        message={download.isPending ? t("privacy.exporting") : done ? t("privacy.exported") : undefined}
        tone={download.isPending ? "info" : "success"}
      />
      <div className="form-actions">
        <Button pending={download.isPending} pendingLabel={t("privacy.exporting")} onClick={onClick}>
          {t("privacy.export")}
        </Button>
      </div>
    </Card>
  );
}

function AccessLogCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const accessLog = useAccessLog();
  const items = accessLog.data?.items ?? [];
  return (
    <Card title={t("privacy.accessTitle")}>
      <p className="muted">{t("privacy.accessIntro")}</p>
      {accessLog.isPending && <Loading />}
      {accessLog.error && (
        <Notice tone="error">
          <p>{errorText(accessLog.error)}</p>
          <Button variant="secondary" small pending={accessLog.isRefetching} onClick={() => accessLog.refetch()}>
            {t("common.tryAgain")}
          </Button>
        </Notice>
      )}
      {accessLog.data && items.length === 0 && <Notice>{t("privacy.accessEmpty")}</Notice>}
      {items.length > 0 && (
        <ul className="list-plain">
          {items.map((entry) => (
            <AccessItem key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </Card>
  );
}

const KNOWN_ROLES = ["moderator", "clinician", "admin", "responder", "facilitator", "mentor", "member"] as const;

function AccessItem({ entry }: { entry: AccessLogEntry }) {
  const { t } = useTranslation();
  const formatDate = useDateTime();
  const known = KNOWN_ROLES.find((role) => role === entry.viewer.role);
  const role = known ? t(`roles.${known}`) : entry.viewer.role;
  const who = entry.viewer.handle ? `@${entry.viewer.handle}` : t("privacy.formerMember");
  return (
    <li className="access-item">
      <dl className="details-list">
        <dt>{t("privacy.when")}</dt>
        <dd>
          <time dateTime={entry.viewedAt}>{formatDate(entry.viewedAt)}</time>
        </dd>
        <dt>{t("privacy.who")}</dt>
        <dd>
          {who} · {role}
        </dd>
        <dt>{t("privacy.what")}</dt>
        <dd>{entry.recordType}</dd>
        <dt>{t("privacy.why")}</dt>
        <dd>{entry.reason}</dd>
      </dl>
    </li>
  );
}
