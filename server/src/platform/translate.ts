import zodSpanish from "zod/v4/locales/es.js";
import spanish from "./messages.es.json" with { type: "json" };

/**
 * The server's refusals in the reader's language. Services throw English; the error handler and the
 * socket's error sender translate here, once, from a catalogue keyed by the English sentence
 * (messages.es.json; `{name}` stands for a part that varies). A sentence missing from the catalogue
 * stays English: a refusal is never lost to a missing translation.
 */
export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** The best of Kinship's languages for an `Accept-Language` header (or a bare tag); English otherwise. */
export function languageFrom(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  const tags = value
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((t) => t.base && t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { base } of tags) if (isLanguage(base)) return base;
  return "en";
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

type Entry = { pattern: RegExp; names: string[]; text: string };
const catalogues: Record<Exclude<Language, "en">, { exact: Map<string, string>; templates: Entry[] }> = {
  es: compile(spanish as Record<string, string>),
};

function compile(catalogue: Record<string, string>) {
  const exact = new Map<string, string>();
  const templates: Entry[] = [];
  for (const [english, text] of Object.entries(catalogue)) {
    if (!/\{\w+\}/.test(english)) {
      exact.set(english, text);
      continue;
    }
    const names: string[] = [];
    const source = english
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return escapeRegExp(part);
        names.push(name);
        return "([\\s\\S]*?)";
      })
      .join("");
    templates.push({ pattern: new RegExp(`^${source}$`), names, text });
  }
  // The most specific (longest) template first.
  templates.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  return { exact, templates };
}

/** A sentence in the reader's language, or as it was if the catalogue doesn't know it. */
export function translate(message: string, language: Language): string {
  if (language === "en" || !message) return message;
  return lookup(message, language) ?? message;
}

function lookup(message: string, language: Exclude<Language, "en">, depth = 0): string | undefined {
  const catalogue = catalogues[language];
  const exact = catalogue.exact.get(message);
  if (exact !== undefined) return exact;
  if (depth > 2) return undefined;
  for (const { pattern, names, text } of catalogue.templates) {
    const match = pattern.exec(message);
    if (!match) continue;
    // A varying part that is itself a sentence of ours ("… until 2026-12-01") is translated too.
    const values = new Map(names.map((name, i) => [name, match[i + 1] ?? ""]));
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values.get(name);
      if (value === undefined) return whole;
      return lookup(value, language, depth + 1) ?? value;
    });
  }
  return undefined;
}

const zodLocales: Record<Exclude<Language, "en">, (issue: Record<string, unknown>) => string | undefined> = {
  es: (issue) => {
    const answer = zodSpanish().localeError(issue as never);
    return typeof answer === "string" ? answer : answer?.message;
  },
};

/**
 * A request-validation message: our contracts' own sentences come from the catalogue; zod's
 * built-in ones ("Too big: …") are written again by zod's own locale for that language.
 */
export function translateIssue(
  message: string,
  issue: { keyword?: string; params?: Record<string, unknown> } | undefined,
  language: Language,
): string {
  if (language === "en") return message;
  const known = lookup(message, language);
  if (known !== undefined) return known;
  if (!issue?.keyword) return message;
  try {
    return zodLocales[language]({ ...issue.params, code: issue.keyword }) || message;
  } catch {
    return message;
  }
}
