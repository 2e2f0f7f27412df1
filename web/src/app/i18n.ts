import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type en from "../locales/en.json";
import enUrl from "../locales/en.json?url";
import type es from "../locales/es.json";
import esUrl from "../locales/es.json?url";

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

// A key missing from es.json fails type-checking here.
const spanishHasEveryKey: typeof es extends typeof en ? true : never = true;
void spanishHasEveryKey;

// The words are data, fetched as JSON beside the JavaScript (hashed, cached by the service worker),
// so the app's first load stays small however much text the features add; each language only for
// the people who read it.
const WORDS: Record<AppLanguage, string> = { en: enUrl, es: esUrl };

async function loadLanguage(language: AppLanguage) {
  if (i18next.hasResourceBundle(language, "translation")) return;
  const response = await fetch(WORDS[language]);
  if (!response.ok) throw new Error(`Could not load the ${language} words (${response.status})`);
  i18next.addResourceBundle(language, "translation", (await response.json()) as typeof en);
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
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes everything it renders
    returnNull: false,
  });
  await loadLanguage("en");
  const initial = storedLanguage() ?? browserLanguage();
  // If the Spanish file can't load (offline), starting in English beats not starting at all.
  if (initial !== "en") await changeLanguage(initial).catch(() => {});
  document.documentElement.lang = i18next.language;
}
