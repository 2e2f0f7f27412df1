import { getTypesForLanguage } from "@code4recovery/spec";
import { GroupFocus, GroupFormat, MeetingMode } from "@kinship/contracts/directory";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

export const FOCUSES = GroupFocus.options;
export const FORMATS = GroupFormat.options;
export const MODES = MeetingMode.options;

/** Languages offered in pickers; a meeting may carry others, which still show by name. */
export const COMMON_LANGUAGES = ["en", "es", "fr", "pt", "de", "it", "nl", "pl", "ru", "uk", "ar", "zh", "ja", "ko"];

/**
 * Meeting Guide type codes and their names in the reader's language (the @code4recovery/spec
 * translations), sorted by name. Codes without a translation fall back to English.
 */
export function useTypeNames() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const english = getTypesForLanguage("en") as Record<string, string>;
    const local = getTypesForLanguage(i18n.language) as Record<string, string>;
    const names: Record<string, string> = {};
    for (const code of Object.keys(english)) names[code] = local[code] || english[code] || code;
    const sorted = Object.keys(names).sort((a, b) => (names[a] ?? a).localeCompare(names[b] ?? b, i18n.language));
    return { names, sorted, nameOf: (code: string) => names[code] ?? code };
  }, [i18n.language]);
}

/** A language code written as its name in the reader's language ("es" → "Spanish" / "español"). */
export function useLanguageName() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([i18n.language], { type: "language" });
    } catch {
      names = null;
    }
    return (code: string) => {
      try {
        return names?.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [i18n.language]);
}

/** A country code written as its name ("GB" → "United Kingdom"). */
export function useCountryName() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([i18n.language], { type: "region" });
    } catch {
      names = null;
    }
    return (code: string) => {
      try {
        return names?.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [i18n.language]);
}
