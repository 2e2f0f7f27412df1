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
import { findSlots } from "../server/src/features/meetings/finder.ts";
import { createMeetingsService } from "../server/src/features/meetings/service.ts";
import { type City, loadCities, seedMeetings } from "./seed.ts";

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
    seeded = await seedMeetings(database.db, cities, MEETINGS);
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
