import { useTranslation } from "react-i18next";
import "./moderation.css";
import { Link, useLocation } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAcceptConduct, useConduct, useMe } from "./api.ts";
import { ConductPoints, useStamp } from "./shared.tsx";

/** The community code of conduct, and accepting it (asked once of members who joined before it). */
export function ConductPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const conduct = useConduct(!!me);
  const accept = useAcceptConduct();
  const errorText = useErrorText();
  const stamp = useStamp();
  return (
    <div className="stack measure">
      <PageTitle intro={t("moderation.conduct.intro")}>{t("moderation.conduct.title")}</PageTitle>
      <Card>
        <ConductPoints />
        <p>{t("moderation.conduct.groups")}</p>
      </Card>
      {me && conduct.isPending && <Loading />}
      {conduct.data?.needsAcceptance && (
        <Card tone="soft" title={t("moderation.conduct.askTitle")}>
          <p>{t("moderation.conduct.ask")}</p>
          {accept.error ? <p className="field__error">{errorText(accept.error)}</p> : null}
          <Button pending={accept.isPending} onClick={() => accept.mutate()}>
            {t("moderation.conduct.accept")}
          </Button>
        </Card>
      )}
      {conduct.data && !conduct.data.needsAcceptance && conduct.data.acceptedAt && (
        <StatusMessage message={t("moderation.conduct.accepted", { when: stamp(conduct.data.acceptedAt) })} />
      )}
      {!me && (
        <p>
          <Link to="/signup">{t("nav.signup")}</Link>
        </p>
      )}
    </div>
  );
}

/** Asks a signed-in member who has not accepted the current code of conduct to read it, once. */
export function ConductBanner() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { pathname } = useLocation();
  const conduct = useConduct(!!me);
  if (!me || !conduct.data?.needsAcceptance || pathname === "/conduct" || pathname === "/signup") return null;
  return (
    <div className="conduct-banner">
      <Notice>
        <p>
          {t("moderation.conduct.banner")} <Link to="/conduct">{t("moderation.conduct.bannerLink")}</Link>
        </p>
      </Notice>
    </div>
  );
}
