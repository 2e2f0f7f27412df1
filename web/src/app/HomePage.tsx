import type { Me } from "@kinship/contracts/accounts";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useMe } from "../features/accounts/session.ts";
import { ButtonLink } from "../ui/Button.tsx";
import { Card } from "../ui/Card.tsx";
import { StatusMessage } from "../ui/Notice.tsx";
import { PageTitle } from "../ui/PageTitle.tsx";

type HomeNotice = "signedOut" | "signedOutEverywhere" | "farewell" | "welcome";
const NOTICES: Record<HomeNotice, "home.signedOut" | "home.signedOutEverywhere" | "home.farewell" | "home.welcomeNew"> =
  {
    signedOut: "home.signedOut",
    signedOutEverywhere: "home.signedOutEverywhere",
    farewell: "home.farewell",
    welcome: "home.welcomeNew",
  };

/** What Kinship offers, with where to find it. */
const FEATURES = [
  { feature: "groups", to: "/meetings" },
  { feature: "forums", to: "/community" },
  { feature: "progress", to: "/progress" },
  { feature: "mentors", to: "/mentorship" },
] as const;

/** The front door: a warm welcome, what Kinship is, and the way in. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const state = useLocation().state as { notice?: HomeNotice } | null;
  const notice = state?.notice && NOTICES[state.notice];
  const name = me ? (me.profile.displayName.value ?? me.handle) : "";

  return (
    <div className="stack">
      <section className="hero stack-small">
        {me ? (
          <PageTitle intro={t("home.signedInLead")}>
            {/* Someone who has just signed up is not coming back yet. */}
            {t(state?.notice === "welcome" ? "home.hello" : "home.welcomeBack", { name })}
          </PageTitle>
        ) : (
          <PageTitle intro={t("home.lead")}>{t("home.title")}</PageTitle>
        )}
        {/* After the heading, where focus lands after navigating here. */}
        <StatusMessage message={notice ? t(notice, { name }) : undefined} tone="info" />
        {!me && !isPending && (
          <div className="stack-small">
            <div className="cluster">
              <ButtonLink to="/signup">{t("home.createAccount")}</ButtonLink>
              <ButtonLink to="/login" variant="secondary">
                {t("home.haveAccount")}
              </ButtonLink>
            </div>
            <p className="muted">{t("home.noRealName")}</p>
          </div>
        )}
      </section>

      {me && <AccountLinks me={me} />}

      <Card tone="soft">
        <p>
          {t("home.hardDay")} <Link to="/help">{t("home.hardDayLink")}</Link>
        </p>
      </Card>

      <section aria-labelledby="what-title" className="stack-small">
        <h2 id="what-title">{t("home.whatTitle")}</h2>
        <p className="muted measure">{t("home.whatIntro")}</p>
        <div className="grid grid--two">
          {FEATURES.map(({ feature, to }) => (
            <section key={feature} className="card feature-card" aria-labelledby={`feature-${feature}`}>
              <h3 id={`feature-${feature}`}>
                <Link to={to}>{t(`home.${feature}Title`)}</Link>
              </h3>
              <p>{t(`home.${feature}Body`)}</p>
            </section>
          ))}
        </div>
      </section>

      <Card title={t("home.privacyTitle")}>
        <ul className="bullets">
          <li>{t("home.privacy1")}</li>
          <li>{t("home.privacy2")}</li>
          <li>{t("home.privacy3")}</li>
        </ul>
      </Card>
    </div>
  );
}

function AccountLinks({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Card title={t("home.accountTitle")}>
      <p className="muted">@{me.handle}</p>
      <ul className="bullets">
        <li>
          <Link to="/account">{t("home.accountProfile")}</Link>
        </li>
        <li>
          <Link to="/account/security">{t("home.accountSecurity")}</Link>
        </li>
        <li>
          <Link to="/account/privacy">{t("home.accountPrivacy")}</Link>
        </li>
      </ul>
    </Card>
  );
}
