import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { useLogout, useMe } from "../features/accounts/session.ts";
import { Button } from "../ui/Button.tsx";
import { apiJson } from "./api-client.ts";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";

/**
 * The top of every page: home, help, navigation, language and account. On a phone the help and
 * "I'm struggling" buttons stay in sight and the rest folds behind a Menu button, so the page
 * itself starts near the top of the screen.
 */
export function Header() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  // Only whether the member moderates anywhere, without the moderation feature's code in every page.
  const scopes = useQuery({
    queryKey: ["moderation", "scopes", "any"],
    queryFn: () => apiJson<{ items: unknown[] }>("/api/moderation/scopes"),
    enabled: !!me,
  });
  const moderates = (scopes.data?.items.length ?? 0) > 0;
  // Unread @mentions, shown by the Community link; the same query the community's own navigation uses.
  const mentions = useQuery({
    queryKey: ["forums", "mentions", "count"],
    queryFn: () => apiJson<{ unread: number }>("/api/me/mentions/count"),
    enabled: !!me,
    refetchInterval: 60_000,
  });
  const unreadMentions = me ? (mentions.data?.unread ?? 0) : 0;
  // Unread private messages (mentorships and direct conversations), shown by the Mentors link.
  const messages = useQuery({
    queryKey: ["mentorship", "unread"],
    queryFn: () => apiJson<{ unread: number }>("/api/me/messages/count"),
    enabled: !!me,
    refetchInterval: 60_000,
  });
  const unreadMessages = me ? (messages.data?.unread ?? 0) : 0;
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  // Going somewhere closes the menu: the person has found what they opened it for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not a value used inside.
  useEffect(() => setMenuOpen(false), [pathname]);

  const onLogout = () =>
    logout.mutate(undefined, {
      // flushSync leaves any account page at once, before it notices the member is gone and asks for a login.
      onSuccess: () => navigate("/", { state: { notice: "signedOut" }, flushSync: true }),
    });

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="wordmark">
          <img src="/icon.svg" alt="" width="36" height="36" />
          {t("common.appName")}
        </Link>
        <div className="site-urgent">
          <NavLink to="/help" className="help-button site-help">
            <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path
                d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinejoin="round"
              />
            </svg>
            {t("nav.help")}
          </NavLink>
          {/* One tap from every page: the member's own plan, and a word to the people they chose. */}
          {me && (
            <NavLink to="/progress/struggling" className="help-button site-struggling">
              {t("progress.struggling.button")}
            </NavLink>
          )}
        </div>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d={menuOpen ? "M6 6l12 12M18 6L6 18" : "M4 7h16M4 12h16M4 17h16"}
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </svg>
          {t("nav.menu")}
        </button>
        <div id="site-menu" className="site-menu" data-open={menuOpen}>
          <nav className="site-nav" aria-label={t("nav.main")}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t("nav.home")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/meetings">{t("directory.nav.meetings")}</NavLink>
              </li>
              <li>
                <NavLink to="/groups">{t("directory.nav.groups")}</NavLink>
              </li>
              <li>
                <NavLink to="/community">
                  {t("forums.nav.label")}
                  <UnreadBadge count={unreadMentions} label={t("forums.nav.unread", { count: unreadMentions })} />
                </NavLink>
              </li>
              <li>
                <NavLink to="/safety">{t("safety.nav.label")}</NavLink>
              </li>
              {me ? (
                <>
                  <li>
                    <NavLink to="/my-meetings">{t("directory.nav.schedule")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/progress">{t("progress.nav.label")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/mentorship">
                      {t("mentorship.nav.header")}
                      <UnreadBadge
                        count={unreadMessages}
                        label={t("mentorship.nav.unread", { count: unreadMessages })}
                      />
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/notices">{t("moderation.nav.safety")}</NavLink>
                  </li>
                  {moderates && (
                    <li>
                      <NavLink to="/moderation">{t("moderation.nav.moderation")}</NavLink>
                    </li>
                  )}
                  <li>
                    <NavLink to="/account">{t("nav.account")}</NavLink>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">{t("nav.login")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup">{t("nav.signup")}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <div className="site-tools">
            <LanguageSwitcher />
            {me && (
              <>
                <span className="signed-in-as" data-testid="signed-in-as" title={`@${me.handle}`}>
                  <span className="visually-hidden">{t("nav.signedInAs")} </span>@{me.handle}
                </span>
                <Button
                  variant="secondary"
                  small
                  pending={logout.isPending}
                  pendingLabel={t("nav.loggingOut")}
                  onClick={onLogout}
                >
                  {t("nav.logout")}
                </Button>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}

/** A small count by a link, read out in words to screen readers. */
function UnreadBadge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <>
      {" "}
      <span className="badge badge--accent" aria-hidden="true">
        {count >= 100 ? "99+" : count}
      </span>
      <span className="visually-hidden">({label})</span>
    </>
  );
}
