import { useTranslation } from "react-i18next";
import { ButtonLink } from "../ui/Button.tsx";
import { PageTitle } from "../ui/PageTitle.tsx";

/** Any address the app doesn't know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="measure">
      <PageTitle intro={t("notFound.body")}>{t("notFound.title")}</PageTitle>
      <ButtonLink to="/">{t("notFound.home")}</ButtonLink>
    </div>
  );
}
