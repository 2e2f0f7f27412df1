import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { useMe } from "../accounts/session.ts";
import { useNotices, useProgressSettings, useUpdateSettings } from "./api.ts";
import { deviceZone } from "./shared.tsx";
import "./progress.css";

/** The progress area: signed-in members only, with a sub-navigation ("I'm struggling" is in the header). */
export function ProgressLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const errorText = useErrorText();
  const { data: me, isPending, error, refetch } = useMe();
  useZoneOnFirstVisit(Boolean(me));
  const notices = useNotices(Boolean(me));

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

  const unread = notices.data?.unread ?? 0;
  return (
    <div>
      <div className="progress-top">
        <nav className="subnav progress-subnav" aria-label={t("progress.nav.label")}>
          <ul>
            <li>
              <NavLink to="/progress" end>
                {t("progress.nav.journeys")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/progress/check-in">{t("progress.nav.checkin")}</NavLink>
            </li>
            <li>
              <NavLink to="/progress/charts">{t("progress.nav.charts")}</NavLink>
            </li>
            <li>
              <NavLink to="/progress/goals">{t("progress.nav.goals")}</NavLink>
            </li>
            <li>
              <NavLink to="/progress/partners">
                {t("progress.nav.partners")}
                {unread > 0 && (
                  <span className="badge badge--accent progress-unread">
                    {unread}
                    <span className="visually-hidden"> {t("progress.nav.unread", { count: unread })}</span>
                  </span>
                )}
              </NavLink>
            </li>
            <li>
              <NavLink to="/progress/plan">{t("progress.nav.plan")}</NavLink>
            </li>
          </ul>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}

/** Days begin and end where the member is: the first visit stores this device's zone, unless one is set. */
function useZoneOnFirstVisit(signedIn: boolean) {
  const settings = useProgressSettings(signedIn);
  const update = useUpdateSettings();
  const missing = signedIn && settings.isSuccess && settings.data.timeZone === null;
  const { mutate } = update;
  useEffect(() => {
    if (missing) mutate({ timeZone: deviceZone() });
  }, [missing, mutate]);
}
