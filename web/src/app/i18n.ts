import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "../locales/en.json";

export const APP_LANGUAGES = ["en", "es"] as const;
export type AppLanguage = (typeof APP_LANGUAGES)[number];

// The only thing Kinship keeps in browser storage: the language someone picked on this device.
const STORAGE_KEY = "kinship.lang";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

export const isAppLanguage = (value: unknown): value is AppLanguage =>
  typeof value === "string" && (APP_LANGUAGES as readonly string[]).includes(value);

/** The language chosen on this device with the switcher, if any. */
export function storedLanguage(): AppLanguage | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isAppLanguage(value) ? value : null;
  } catch {
    return null; // storage can be blocked (private modes, strict settings); that's fine
  }
}

function browserLanguage(): AppLanguage {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isAppLanguage(base)) return base;
  }
  return "en";
}

// English ships with the app; Spanish is fetched only by the people who read it.
async function loadLanguage(language: AppLanguage) {
  if (language === "en" || i18next.hasResourceBundle(language, "translation")) return;
  const module = await import("../locales/es.json");
  const es: typeof en = module.default; // a missing key in es.json fails type-checking here
  i18next.addResourceBundle("es", "translation", es);
}

/** Changes the language everywhere at once; `remember` keeps the choice on this device. */
export async function changeLanguage(language: AppLanguage, options: { remember?: boolean } = {}) {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
  if (options.remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Not being able to remember the choice is not worth bothering anyone about.
    }
  }
}

/** Follows the member's profile language, unless they picked one on this device. */
export function followProfileLanguage(language: AppLanguage | null) {
  if (language && !storedLanguage() && i18next.language !== language) void changeLanguage(language);
}

export const currentLanguage = (): AppLanguage => (isAppLanguage(i18next.language) ? i18next.language : "en");

/** Starts i18next: this device's choice, then the browser's languages, then English. */
export async function setupI18n() {
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = language;
  });
  await i18next.use(initReactI18next).init({
    lng: "en",
    fallbackLng: "en",
    supportedLngs: [...APP_LANGUAGES],
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes everything it renders
    returnNull: false,
  });
  const initial = storedLanguage() ?? browserLanguage();
  // If the Spanish file can't load (offline), starting in English beats not starting at all.
  if (initial !== "en") await changeLanguage(initial).catch(() => {});
  document.documentElement.lang = i18next.language;
}
