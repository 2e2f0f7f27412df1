/**
 * Meeting Guide feed benchmark: seeds 100,000 synthetic meetings (bench/seed.ts), starts Kinship as a
 * real listening server in a child process, streams GET /feeds/meeting-guide.json over HTTP and
 * reports the time, the bytes and the server's peak memory (RSS, V8 heap, external/WASM) against the
 * same server idle. For comparison the server then builds the same feed in memory (every page
 * collected, then one JSON.stringify), which is what streaming avoids.
 *
 *   npx tsx bench/feed.ts                                   # PGlite in a temporary folder
 *   DATABASE_URL=postgres://user@host:port/db npx tsx bench/feed.ts
 *   options: --meetings 100000 --runs 3 --json
 *            --heap-mb 64   run the server with a V8 heap capped at 64 MB (--max-old-space-size): the
 *                           feed still streams; the in-memory comparison is skipped, as it could not fit
 *
 * On PostgreSQL a scratch database `kinship_bench_feed` is created on that server and dropped after.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildApp } from "../server/src/app.ts";
import { loadConfig } from "../server/src/config.ts";
import { type Database, openDatabase } from "../server/src/db/client.ts";
import {
  FEED_PAGE_SIZE,
  type MeetingGuideRow,
  presentMeetingGuide,
} from "../server/src/features/feeds/meeting-guide.ts";
import { feedsStore } from "../server/src/features/feeds/store.ts";
import { loadCities, seedMeetings } from "./seed.ts";

const { values: args } = parseArgs({
  options: {
    meetings: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
    serve: { type: "boolean", default: false },
    "heap-mb": { type: "string" },
  },
});

const MB = 1024 * 1024;
type Memory = { rss: number; heapUsed: number; external: number };
type Peaks = { peak: Memory; samples: number };
type ToServer = { kind: "reset" } | { kind: "report" } | { kind: "in-memory" } | { kind: "stop" };
type FromServer =
  | { kind: "ready"; port: number }
  | { kind: "report"; peaks: Peaks }
  | { kind: "in-memory"; peaks: Peaks; seconds: number; bytes: number };

const where = () =>
  process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL }
    : { dataDir: process.env.BENCH_DATA_DIR as string };

// ───────────────────────────── The server (child process) ─────────────────────────────

async function serve() {
  const database = await openDatabase(where());
  const config = loadConfig({ KINSHIP_DEMO: "off", LOG_LEVEL: "silent", PUBLIC_URL: "http://bench.test" });
  const app = await buildApp(config, { database });
  await app.listen({ port: 0, host: "127.0.0.1" });

  // Sample memory often enough to catch the peak of a stream that lasts a few seconds.
  let peaks: Peaks = { peak: { rss: 0, heapUsed: 0, external: 0 }, samples: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peaks.samples++;
    peaks.peak.rss = Math.max(peaks.peak.rss, m.rss);
    peaks.peak.heapUsed = Math.max(peaks.peak.heapUsed, m.heapUsed);
    peaks.peak.external = Math.max(peaks.peak.external, m.external);
  };
  const timer = setInterval(sample, 5);
  const reset = () => {
    global.gc?.();
    peaks = { peak: { rss: 0, heapUsed: 0, external: 0 }, samples: 0 };
    sample();
  };
  const send = (message: FromServer) => process.send?.(message);

  process.on("message", async (message: ToServer) => {
    if (message.kind === "reset") reset();
    if (message.kind === "report") send({ kind: "report", peaks });
    if (message.kind === "in-memory") {
      reset();
      const t0 = performance.now();
      const all = [];
      let afterId: string | null = null;
      for (;;) {
        const page = await feedsStore.publicWeeklyPage(database.db, afterId, FEED_PAGE_SIZE);
        all.push(...page);
        if (page.length < FEED_PAGE_SIZE) break;
        afterId = page[page.length - 1]?.id ?? null;
      }
      const rows: MeetingGuideRow[] = all.flatMap((m) => presentMeetingGuide(m, config.publicUrl, new Set()));
      const body = JSON.stringify(rows);
      sample();
      send({ kind: "in-memory", peaks, seconds: (performance.now() - t0) / 1000, bytes: Buffer.byteLength(body) });
    }
    if (message.kind === "stop") {
      clearInterval(timer);
      await app.close();
      await database.close();
      process.exit(0);
    }
  });
  send({ kind: "ready", port: (app.server.address() as { port: number }).port });
}

// ───────────────────────────── The client (this process) ─────────────────────────────

/** Send a message to the server (or none) and wait for its reply of the given kind. */
function ask<K extends FromServer["kind"]>(child: ChildProcess, message: ToServer | null, reply: K) {
  return new Promise<Extract<FromServer, { kind: K }>>((resolve, reject) => {
    const on = (m: FromServer) => {
      if (m.kind !== reply) return;
      child.off("message", on);
      child.off("exit", exited);
      resolve(m as Extract<FromServer, { kind: K }>);
    };
    const exited = (code: number) => reject(new Error(`the server stopped (exit ${code})`));
    child.on("message", on);
    child.once("exit", exited);
    if (message) child.send(message);
  });
}

/** GET a URL, counting bytes as they arrive; keeps the body only when asked. */
function stream(url: string, keep: boolean) {
  return new Promise<{ status: number; firstByte: number; seconds: number; bytes: number; body?: string }>(
    (resolve, reject) => {
      const t0 = performance.now();
      let firstByte = 0;
      let bytes = 0;
      const chunks: Buffer[] = [];
      http
        .get(url, (res) => {
          res.on("data", (chunk: Buffer) => {
            if (bytes === 0) firstByte = (performance.now() - t0) / 1000;
            bytes += chunk.length;
            if (keep) chunks.push(chunk);
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              firstByte,
              seconds: (performance.now() - t0) / 1000,
              bytes,
              body: keep ? Buffer.concat(chunks).toString("utf8") : undefined,
            }),
          );
          res.on("error", reject);
        })
        .on("error", reject);
    },
  );
}

async function scratchDatabase(): Promise<{
  open: () => Promise<Database>;
  env: Record<string, string>;
  label: string;
  drop: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kinship-bench-feed-"));
    return {
      open: () => openDatabase({ dataDir: dir }),
      env: { BENCH_DATA_DIR: dir },
      label: "PGlite (a data folder, in the server process)",
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = "kinship_bench_feed";
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const version = (await admin.query("show server_version")).rows[0]?.server_version;
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    open: () => openDatabase({ url: target.toString() }),
    env: { BENCH_DATABASE_URL: target.toString() },
    label: `PostgreSQL ${version} (${target.host})`,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);

async function main() {
  const meetings = Number(args.meetings);
  const runs = Math.max(1, Number(args.runs));
  const heapMb = args["heap-mb"] ? Number(args["heap-mb"]) : null;
  const scratch = await scratchDatabase();

  process.stderr.write(`Seeding ${meetings} meetings on ${scratch.label}…\n`);
  const database = await scratch.open();
  const seeded = await seedMeetings(database.db, loadCities(), meetings);
  process.stderr.write(`  done in ${seeded.seconds.toFixed(1)} s\n`);
  // The database alone: every page of the feed's query, nothing else (the floor for the feed's time).
  const t0 = performance.now();
  let weekly = 0;
  for (let afterId: string | null = null; ; ) {
    const page = await feedsStore.publicWeeklyPage(database.db, afterId, FEED_PAGE_SIZE);
    weekly += page.length;
    if (page.length < FEED_PAGE_SIZE) break;
    afterId = page[page.length - 1]?.id ?? null;
  }
  const dbSeconds = (performance.now() - t0) / 1000;
  await database.close(); // PGlite: one process per data folder, and the server is another.

  const child = fork(import.meta.filename, ["--serve"], {
    env: { ...process.env, ...scratch.env },
    execArgv: [
      ...process.execArgv,
      "--expose-gc",
      ...(heapMb
        ? [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${Math.max(1, Math.floor(heapMb / 16))}`]
        : []),
    ],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const { port } = await ask(child, null, "ready");
    const base = `http://127.0.0.1:${port}`;

    // Idle baseline: the server after start-up, warmed by a few small requests, then measured over a few more.
    for (let i = 0; i < 20; i++) await stream(`${base}/health`, false);
    await new Promise((r) => setTimeout(r, 500));
    child.send({ kind: "reset" });
    for (let i = 0; i < 20; i++) await stream(`${base}/health`, false);
    await new Promise((r) => setTimeout(r, 500));
    const baseline = (await ask(child, { kind: "report" }, "report")).peaks.peak;

    const results = [];
    let checked: { rows: number; meetings: number } | null = null;
    for (let run = 0; run < runs; run++) {
      child.send({ kind: "reset" });
      await new Promise((r) => setTimeout(r, 50));
      const res = await stream(`${base}/feeds/meeting-guide.json`, run === 0);
      const { peaks } = await ask(child, { kind: "report" }, "report");
      if (res.status !== 200) throw new Error(`feed answered ${res.status}`);
      if (res.body) {
        const rows = JSON.parse(res.body) as MeetingGuideRow[];
        const slugs = new Set(rows.map((r) => r.slug));
        if (slugs.size !== rows.length) throw new Error("slugs repeat");
        if (!rows.every((r) => Number.isInteger(r.day))) throw new Error("a day is not a number");
        checked = { rows: rows.length, meetings: new Set(rows.map((r) => r.url)).size };
      }
      results.push({ ...res, body: undefined, peak: peaks.peak, samples: peaks.samples });
    }
    const inMemory = heapMb ? null : await ask(child, { kind: "in-memory" }, "in-memory");

    const best = results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const worstPeak = {
      rss: Math.max(...results.map((r) => r.peak.rss)),
      heapUsed: Math.max(...results.map((r) => r.peak.heapUsed)),
      external: Math.max(...results.map((r) => r.peak.external)),
    };
    const summary = {
      database: scratch.label,
      meetings,
      publicWeeklyMeetings: weekly,
      feedRows: checked?.rows,
      seedSeconds: seeded.seconds,
      dbReadSeconds: dbSeconds,
      runs: results.map(({ firstByte, seconds, bytes, peak, samples }) => ({
        firstByte,
        seconds,
        bytes,
        peak,
        samples,
      })),
      baseline,
      heapLimitMb: heapMb,
      inMemory: inMemory && { seconds: inMemory.seconds, bytes: inMemory.bytes, peak: inMemory.peaks.peak },
    };
    if (args.json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`\n${scratch.label}: ${meetings} meetings seeded (${weekly} public weekly), ${runs} runs`);
      if (heapMb) console.log(`Server started with its V8 heap capped at ${heapMb} MB (--max-old-space-size).`);
      console.log(`Feed: ${checked?.rows} rows for ${checked?.meetings} meetings, ${mb(best.bytes)} MB\n`);
      console.log("| measure | value |");
      console.log("|---|---:|");
      console.log(`| database alone: read every page (${FEED_PAGE_SIZE} per page) | ${dbSeconds.toFixed(2)} s |`);
      console.log(`| stream over HTTP, first byte | ${(best.firstByte * 1000).toFixed(0)} ms |`);
      console.log(
        `| stream over HTTP, whole feed (best of ${runs}; all: ${results.map((r) => r.seconds.toFixed(2)).join(", ")} s) | ${best.seconds.toFixed(2)} s (${(best.seconds / dbSeconds).toFixed(1)}× the database alone) |`,
      );
      console.log(`| throughput | ${mb(best.bytes / best.seconds)} MB/s |`);
      console.log(
        `| server idle: RSS / heap used / external | ${mb(baseline.rss)} / ${mb(baseline.heapUsed)} / ${mb(baseline.external)} MB |`,
      );
      console.log(
        `| server peak while streaming: RSS / heap used / external | ${mb(worstPeak.rss)} / ${mb(worstPeak.heapUsed)} / ${mb(worstPeak.external)} MB |`,
      );
      console.log(
        `| streaming's cost over idle: RSS / heap | +${mb(worstPeak.rss - baseline.rss)} / +${mb(worstPeak.heapUsed - baseline.heapUsed)} MB |`,
      );
      if (inMemory)
        console.log(
          `| for comparison, built in memory: peak RSS / heap used | ${mb(inMemory.peaks.peak.rss)} / ${mb(inMemory.peaks.peak.heapUsed)} MB (+${mb(inMemory.peaks.peak.heapUsed - baseline.heapUsed)} MB heap, ${inMemory.seconds.toFixed(2)} s) |`,
        );
    }
  } finally {
    if (child.connected && child.exitCode === null) {
      child.send({ kind: "stop" });
      await new Promise((r) => child.once("exit", r));
    }
    await scratch.drop();
  }
}

if (args.serve) await serve();
else await main();
