import type { Me } from "@kinship/contracts/accounts";
import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Outlet, useLocation, useOutletContext } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { useMe } from "./api.ts";

/** The signed-in member, for pages inside the account area (which only render when there is one). */
export const useAccountMe = () => useOutletContext<{ me: Me }>().me;

/** The account area: only for signed-in members, with a sub-navigation between its pages. */
export function AccountLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const errorText = useErrorText();
  const { data: me, error, isPending, refetch, isRefetching } = useMe();

  if (isPending) return <Loading />;
  if (!me && error) {
    return (
      <Notice tone="error">
        <p>{errorText(error)}</p>
        <Button variant="secondary" pending={isRefetching} onClick={() => refetch()}>
          {t("common.tryAgain")}
        </Button>
      </Notice>
    );
  }
  // Signed out: log in first, then come straight back here.
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  return (
    <div>
      <nav className="subnav" aria-label={t("account.nav")}>
        <ul>
          <li>
            <NavLink to="/account" end>
              {t("account.profile")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/account/security">{t("account.security")}</NavLink>
          </li>
          <li>
            <NavLink to="/account/privacy">{t("account.privacy")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet context={{ me }} />
    </div>
  );
}
