import type { PublicMember } from "@kinship/contracts/accounts";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../app/api-client.ts";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useStartDirect } from "../mentorship/api.ts";
import { useMe, useMember } from "./api.ts";

const SHOWN_FIELDS = ["displayName", "pronouns", "recoveryFocus", "timeZone", "language"] as const;

/** Another member as you may see them: only what they chose to share with you. */
export function MemberPage() {
  const { t } = useTranslation();
  const handle = useParams().handle ?? "";
  const member = useMember(handle);
  const { data: me } = useMe();
  const errorText = useErrorText();
  const notFound = isApiError(member.error) && member.error.status === 404;
  const needsLogin = isApiError(member.error) && member.error.status === 401;
  const isMe = me?.handle.toLowerCase() === handle.toLowerCase();

  const title = notFound
    ? t("member.notFoundTitle")
    : (member.data?.profile.displayName ?? `@${member.data?.handle ?? handle}`);

  return (
    <div className="stack measure">
      {/* One heading for every state, so focus lands once and stays put while the page loads. */}
      <PageTitle>{title}</PageTitle>
      {member.isPending && <Loading />}
      {notFound && <p>{t("member.notFoundBody", { handle })}</p>}
      {needsLogin && (
        <Notice>
          <p>{t("member.loginNeeded")}</p>
          <p>
            <Link to="/login" state={{ from: `/members/${encodeURIComponent(handle)}` }}>
              {t("nav.login")}
            </Link>
          </p>
        </Notice>
      )}
      {member.error && !notFound && !needsLogin && (
        <Notice tone="error">
          <p>{errorText(member.error)}</p>
          <Button variant="secondary" small pending={member.isRefetching} onClick={() => member.refetch()}>
            {t("common.tryAgain")}
          </Button>
        </Notice>
      )}
      {member.data && <MemberDetails member={member.data} />}
      {member.data && !isMe && me && (
        <>
          <MessageButton handle={member.data.handle} />
          <p>
            <Link to={`/members/${encodeURIComponent(member.data.handle)}/safety`}>{t("moderation.member.menu")}</Link>
          </p>
        </>
      )}
      {member.data && isMe && (
        <Notice>
          <p>{t("member.yourPage")}</p>
          <p>
            <Link to="/account">{t("member.editProfile")}</Link>
          </p>
        </Notice>
      )}
    </div>
  );
}

/** Opens (or returns to) a private conversation; the server says kindly when they don't take messages. */
function MessageButton({ handle }: { handle: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartDirect();
  const errorText = useErrorText();
  return (
    <div className="stack-small">
      <p className="field__hint">{t("mentorship.direct.messageHint", { handle })}</p>
      {start.error && (
        <Notice tone="error">
          <p>{errorText(start.error)}</p>
        </Notice>
      )}
      <div>
        <Button
          variant="secondary"
          pending={start.isPending}
          onClick={() => start.mutate(handle, { onSuccess: (m) => navigate(`/mentorship/${m.id}`) })}
        >
          {t("mentorship.direct.message")}
        </Button>
      </div>
    </div>
  );
}

function MemberDetails({ member }: { member: PublicMember }) {
  const { t } = useTranslation();
  const shown = SHOWN_FIELDS.filter((name) => member.profile[name]);
  if (shown.length === 0) return <p>{t("member.nothingShared", { handle: member.handle })}</p>;
  const displayValue = (name: (typeof SHOWN_FIELDS)[number]) => {
    const value = member.profile[name] ?? "";
    return name === "language" && (value === "en" || value === "es") ? t(`languages.${value}`) : value;
  };
  return (
    <Card>
      <p className="muted">@{member.handle}</p>
      <dl className="details-list">
        {shown.map((name) => (
          <Fragment key={name}>
            <dt>{t(`profile.${name}`)}</dt>
            <dd>{displayValue(name)}</dd>
          </Fragment>
        ))}
      </dl>
    </Card>
  );
}
