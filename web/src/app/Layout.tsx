import type { MouseEvent } from "react";
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { useMe } from "../features/accounts/session.ts";
import { Loading } from "../ui/Loading.tsx";
import { Header } from "./Header.tsx";
import { followProfileLanguage } from "./i18n.ts";

// Asked of signed-in members who have not accepted the code of conduct: loaded after the page, not with it.
const ConductBanner = lazy(() =>
  import("../features/moderation/ConductPage.tsx").then((module) => ({ default: module.ConductBanner })),
);

/** Landmarks every page shares: skip link, header, main, footer. */
export function Layout() {
  const { t } = useTranslation();
  useProfileLanguage();

  // Move focus into main without changing the URL (a #hash would count as a navigation).
  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const main = document.getElementById("main");
    main?.focus();
    main?.scrollIntoView();
  };

  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link by convention; the click handler only keeps the URL clean. */}
      <a className="skip-link" href="#main" onClick={skipToContent}>
        {t("nav.skip")}
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="container site-main">
        <Suspense fallback={null}>
          <ConductBanner />
        </Suspense>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </>
  );
}

/** When someone signs in on a device where they never picked a language, use their profile's. */
function useProfileLanguage() {
  const { data: me } = useMe();
  const language = me?.profile.language.value ?? null;
  useEffect(() => followProfileLanguage(language), [language]);
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <nav aria-label={t("nav.footer")}>
          <ul>
            <li>
              <Link to="/help">{t("footer.help")}</Link>
            </li>
            <li>
              {/* Served by the API server itself, so a plain link rather than a router link. */}
              <a href="/docs/api">{t("footer.apiDocs")}</a>
            </li>
          </ul>
        </nav>
        <p className="measure">{t("footer.peerNote")}</p>
      </div>
    </footer>
  );
}
