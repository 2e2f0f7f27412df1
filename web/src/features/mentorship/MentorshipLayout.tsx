import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { useMe } from "../accounts/session.ts";
import "./mentorship.css";

/** The mentorship area: signed-in members only, with a sub-navigation. */
export function MentorshipLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const errorText = useErrorText();
  const { data: me, isPending, error, refetch } = useMe();
  if (isPending) return <Loading />;
  if (!me && error) {
    return (
      <Notice tone="error">
        <p>{errorText(error)}</p>
        <Button variant="secondary" onClick={() => refetch()}>
          {t("common.tryAgain")}
        </Button>
      </Notice>
    );
  }
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <div>
      <nav className="subnav m-subnav" aria-label={t("mentorship.nav.label")}>
        <ul>
          <li>
            <NavLink to="/mentorship" end>
              {t("mentorship.nav.mine")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/mentorship/find">{t("mentorship.nav.find")}</NavLink>
          </li>
          <li>
            <NavLink to="/mentorship/mentor">{t("mentorship.nav.mentor")}</NavLink>
          </li>
          <li>
            <NavLink to="/mentorship/messages">{t("mentorship.nav.messages")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
