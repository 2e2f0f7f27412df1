import { existsSync, readFileSync } from "node:fs";
import type { CrisisLine } from "@kinship/contracts/safety";
import directory from "./crisis-lines.json" with { type: "json" };

type Directory = { countries: Record<string, CrisisLine[]>; fallback: CrisisLine[] };
const DIRECTORY = directory as Directory;

/** Countries the directory covers, by code. */
export const COVERED = Object.keys(DIRECTORY.countries).sort();

/** A country's crisis lines followed by the international fallback; only the fallback for an unknown country. */
export function linesFor(country: string | null | undefined): CrisisLine[] {
  const own = country ? (DIRECTORY.countries[country.toUpperCase()] ?? []) : [];
  return [...own, ...DIRECTORY.fallback];
}

/** The whole directory, for the page that lists every country. */
export function directoryOfLines() {
  return {
    items: COVERED.map((country) => ({ country, lines: DIRECTORY.countries[country] ?? [] })),
    fallback: DIRECTORY.fallback,
  };
}

/** The region of the first language tag that has one ("es-MX,es;q=0.9" → "MX"). */
export function countryFromAcceptLanguage(header: string | undefined): string | null {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim() ?? "";
    const region = /^[a-z]{2,3}[-_]([a-z]{2})$/i.exec(tag)?.[1];
    if (region) return region.toUpperCase();
  }
  return null;
}

let zones: Map<string, string> | null = null;
/** The country of an IANA time zone, from the system's zone.tab (null when unknown or absent). */
export function countryFromTimeZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  if (!zones) {
    zones = new Map();
    const file = "/usr/share/zoneinfo/zone.tab";
    if (existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (line.startsWith("#")) continue;
        const [code, , name] = line.split("\t");
        if (code && name) zones.set(name, code);
      }
    }
  }
  return zones.get(zone) ?? null;
}
