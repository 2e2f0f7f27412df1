import type { Session } from "@kinship/contracts/accounts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { useEndSession, useSessions } from "./api.ts";

/** Every device signed in to this account, this one first, each with a way to end it. */
export function SessionsCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const sessions = useSessions();
  const endSession = useEndSession();
  const [ended, setEnded] = useState(false);

  const end = (session: Session) => {
    if (endSession.isPending) return;
    setEnded(false);
    endSession.mutate(session, {
      onSuccess: () => {
        if (session.current) navigate("/", { state: { notice: "signedOut" }, replace: true, flushSync: true });
        else setEnded(true);
      },
    });
  };

  const items = [...(sessions.data?.items ?? [])].sort((a, b) => Number(b.current) - Number(a.current));
  const others = items.filter((session) => !session.current);

  return (
    <Card title={t("security.sessionsTitle")}>
      <p className="muted">{t("security.sessionsIntro")}</p>
      {sessions.isPending && <Loading />}
      {sessions.error && (
        <Notice tone="error">
          <p>{errorText(sessions.error)}</p>
          <Button variant="secondary" small pending={sessions.isRefetching} onClick={() => sessions.refetch()}>
            {t("common.tryAgain")}
          </Button>
        </Notice>
      )}
      <FormError message={endSession.error ? errorText(endSession.error) : undefined} />
      <StatusMessage message={ended ? t("security.ended") : undefined} />
      {sessions.data && (
        <ul className="list-plain">
          {items.map((session) => (
            <SessionItem
              key={session.id}
              session={session}
              pending={endSession.isPending && endSession.variables?.id === session.id}
              onEnd={() => end(session)}
            />
          ))}
        </ul>
      )}
      {sessions.data && others.length === 0 && <p className="muted">{t("security.noSessions")}</p>}
    </Card>
  );
}

function SessionItem({ session, pending, onEnd }: { session: Session; pending: boolean; onEnd: () => void }) {
  const { t } = useTranslation();
  const formatDate = useDateTime();
  const when = (iso: string) => <time dateTime={iso}>{formatDate(iso)}</time>;
  return (
    <li className="session-item">
      <div className="session-item__head">
        <span className="session-item__device">{session.device}</span>
        {session.current && <span className="badge badge--accent">{t("security.thisDevice")}</span>}
      </div>
      <dl className="details-list">
        <dt>{t("security.signedIn")}</dt>
        <dd>{when(session.createdAt)}</dd>
        <dt>{t("security.lastActive")}</dt>
        <dd>{when(session.lastSeenAt)}</dd>
        <dt>{t("security.expires")}</dt>
        <dd>{when(session.expiresAt)}</dd>
      </dl>
      <div className="form-actions session-item__actions">
        <Button variant="secondary" small pending={pending} pendingLabel={t("security.ending")} onClick={onEnd}>
          {t("security.end")}
          <span className="visually-hidden"> {t("security.endOn", { device: session.device })}</span>
        </Button>
      </div>
    </li>
  );
}
