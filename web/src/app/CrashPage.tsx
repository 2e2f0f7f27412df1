import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { Button, ButtonLink } from "../ui/Button.tsx";
import { PageTitle } from "../ui/PageTitle.tsx";

/** Shown inside the normal frame when a page fails to render or its code can't be loaded. */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error); // for whoever opens the console; nothing is sent anywhere
  }, [error]);
  return (
    <div className="measure">
      <PageTitle intro={t("crash.body")}>{t("crash.title")}</PageTitle>
      <div className="cluster">
        <Button onClick={() => window.location.reload()}>{t("crash.reload")}</Button>
        <ButtonLink to="/" variant="secondary" reloadDocument>
          {t("notFound.home")}
        </ButtonLink>
      </div>
    </div>
  );
}
