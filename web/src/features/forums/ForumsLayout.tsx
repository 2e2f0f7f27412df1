import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../accounts/session.ts";
import { useMentionCount } from "./api.ts";
import { useLiveMentions } from "./live.ts";
import "./forums.css";

/** The community: for signed-in members only, with its own small navigation. */
export function ForumsLayout() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data: me, isPending, error } = useMe();
  const mentionCount = useMentionCount(!!me);
  useLiveMentions(!!me);
  const unread = mentionCount.data?.unread ?? 0;
  if (isPending) return <Loading />;
  if (!me && error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!me) {
    // The page's own h1 (and tab title), as on every other page, with the way in below it.
    return (
      <div className="stack">
        <PageTitle>{t("forums.boards.title")}</PageTitle>
        <Card>
          <p>{t("forums.signIn")}</p>
          <div className="cluster">
            <ButtonLink to="/login">{t("nav.login")}</ButtonLink>
            <ButtonLink to="/signup" variant="secondary">
              {t("nav.signup")}
            </ButtonLink>
          </div>
        </Card>
      </div>
    );
  }
  return (
    <div className="stack">
      <nav className="subnav" aria-label={t("forums.nav.label")}>
        <ul>
          <li>
            <NavLink to="/community" end>
              {t("forums.nav.boards")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/community/search">{t("forums.nav.search")}</NavLink>
          </li>
          <li>
            <NavLink to="/community/mentions">
              {t("forums.nav.mentions")}
              {unread > 0 && <UnreadCount count={unread} />}
            </NavLink>
          </li>
          <li>
            <NavLink to="/community/settings">{t("forums.nav.settings")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

/** A small count of unread mentions: the number shown, the words read out. */
export function UnreadCount({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <>
      {" "}
      <span className="badge badge--accent" aria-hidden="true">
        {count >= 100 ? "99+" : count}
      </span>
      <span className="visually-hidden">({t("forums.nav.unread", { count })})</span>
    </>
  );
}
