import {
  CrisisCountries as CountriesSchema,
  type CrisisCountries,
  type CrisisLine,
  CrisisLineList,
} from "@kinship/contracts/safety";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiJson } from "../app/api-client.ts";
import { SelectField } from "./Field.tsx";

/** The country of this browser's language ("es-MX" → "MX"), the first guess at where someone is. */
export function browserCountry(): string {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = /^[a-z]{2,3}-([A-Z]{2})$/i.exec(tag)?.[1];
    if (region) return region.toUpperCase();
  }
  return "";
}

/** Crisis lines of one country (then an international fallback), straight from the server's directory. */
export function useCrisisLines(country: string) {
  return useQuery({
    queryKey: ["crisis-lines", country],
    queryFn: async () =>
      CrisisLineList.parse(
        await apiJson(`/api/crisis-lines${country ? `?country=${encodeURIComponent(country)}` : ""}`),
      ).items,
    staleTime: 3_600_000,
  });
}

function useCountries() {
  return useQuery({
    queryKey: ["crisis-lines", "directory"],
    queryFn: async (): Promise<CrisisCountries> => CountriesSchema.parse(await apiJson("/api/crisis-lines/directory")),
    staleTime: 3_600_000,
  });
}

const digits = (phone: string) => phone.replace(/[^\d+]/g, "");

// The directory's two international lines (server/src/features/safety/crisis-lines.json, "fallback")
// are named in English there; known by their source, they are named in the reader's language here.
const FALLBACK_NAMES = {
  "https://findahelpline.com/": "safety.lines.fallback.findAHelpline",
  "https://www.iasp.info/crisis-centres-helplines/": "safety.lines.fallback.emergency",
} as const;

/** A line's name in the reader's language where we have it (the international lines), else as listed. */
export function useLineName() {
  const { t } = useTranslation();
  return (line: CrisisLine) => {
    const key = FALLBACK_NAMES[line.source as keyof typeof FALLBACK_NAMES];
    return key ? t(key) : line.name;
  };
}

/** One line: call, text, website, and where its details come from. */
export function CrisisLineItem({ line, headingLevel = 3 }: { line: CrisisLine; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const lineName = useLineName();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <article className="card crisis-line stack-small">
      <Heading className="crisis-line__name">{lineName(line)}</Heading>
      <div className="cluster">
        {line.phone && (
          <a className="button button--primary" href={`tel:${digits(line.phone)}`}>
            {t("safety.lines.call", { number: line.phone })}
          </a>
        )}
        {line.text && (
          <a className="button button--secondary" href={`sms:${digits(line.text)}`}>
            {t("safety.lines.text", { number: line.text })}
          </a>
        )}
        {line.url && (
          <a className="button button--secondary" href={line.url} rel="noreferrer">
            {t("safety.lines.website")}
          </a>
        )}
      </div>
      <p className="muted">
        {t("safety.lines.source")}:{" "}
        <a href={line.source} rel="noreferrer">
          {new URL(line.source).hostname}
        </a>
      </p>
    </article>
  );
}

/**
 * Crisis lines with a country picker, from the full directory. The country starts as the
 * browser's; `initial` lines show at once while the chosen country's load, and `offline` shows
 * as soon as the directory fails to answer (the installed app opened without a connection), not
 * only after the retries.
 */
export function CrisisLines({
  initial,
  headingLevel = 3,
  offline,
}: {
  initial?: CrisisLine[];
  headingLevel?: 3 | 4;
  offline?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [country, setCountry] = useState(browserCountry);
  const countries = useCountries();
  const lines = useCrisisLines(country);
  const shown = lines.data ?? initial ?? [];
  const regionName = (code: string) => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: "region" }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <div className="stack-small crisis-lines">
      <SelectField label={t("safety.lines.country")} value={country} onChange={(e) => setCountry(e.target.value)}>
        <option value="">{t("safety.lines.otherCountry")}</option>
        {(countries.data?.items ?? []).map((c) => (
          <option key={c.country} value={c.country}>
            {regionName(c.country)}
          </option>
        ))}
        {country && !countries.data?.items.some((c) => c.country === country) && (
          <option value={country}>{regionName(country)}</option>
        )}
      </SelectField>
      <ul className="list-plain stack-small" aria-live="polite">
        {shown.map((line) => (
          <li key={`${line.name}-${line.phone ?? line.url ?? ""}`}>
            <CrisisLineItem line={line} headingLevel={headingLevel} />
          </li>
        ))}
      </ul>
      {!lines.data && lines.failureCount > 0 && offline}
    </div>
  );
}
