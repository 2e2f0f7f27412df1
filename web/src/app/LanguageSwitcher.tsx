import type { ChangeEvent } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useMe, useSaveLanguage } from "../features/accounts/session.ts";
import { APP_LANGUAGES, changeLanguage, isAppLanguage } from "./i18n.ts";

/**
 * English / Español, switching at once. The choice is remembered on this device and, when someone
 * is signed in, saved to their profile so every device follows it.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { data: me } = useMe();
  const saveLanguage = useSaveLanguage();

  const onChange = async (event: ChangeEvent<HTMLSelectElement>) => {
    const language = event.target.value;
    if (!isAppLanguage(language)) return;
    await changeLanguage(language, { remember: true });
    // If saving to the profile fails, the page still speaks the chosen language; no need to worry anyone.
    if (me) saveLanguage.mutate(language);
  };

  return (
    <div className="language-switcher">
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path
          d="M3 12h18M12 3c2.8 3 2.8 15 0 18M12 3c-2.8 3-2.8 15 0 18"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        />
      </svg>
      <label htmlFor={id} className="visually-hidden">
        {t("nav.language")}
      </label>
      <select
        id={id}
        className="select"
        value={isAppLanguage(i18n.language) ? i18n.language : "en"}
        onChange={onChange}
      >
        {APP_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
