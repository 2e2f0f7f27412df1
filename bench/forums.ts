/**
 * Forum benchmark.
 *
 * 1. Thread page: a signed-in member asks for a thread page (20 posts with warnings, reactions, the
 *    viewer's trigger filters applied) through the whole server, with autocannon, and a bare Fastify
 *    hello-world is measured the same way in the same run. The figure is the ratio of requests per
 *    second (target ≥ 0.33). The server runs in this process; autocannon runs in a child process so
 *    the client does not eat the server's event loop. Beside them, for reading the gap: GET /api/me
 *    (the least a signed-in request costs), anonymous GET /api/crisis-lines (the least any Kinship
 *    request costs: no session, no database) and hello-world with only helmet's security headers.
 * 2. Search: full-text search over --posts posts (1,000,000 by default) as a member, through the
 *    service, p50/p95/p99 over a mix of rare, middling and common words.
 *
 *   DATABASE_URL=postgres://user@host:port/db npx tsx bench/forums.ts     # the figures that count
 *   npx tsx bench/forums.ts --posts 20000                                 # PGlite, in memory (smoke)
 *   options: --posts 1000000 --seconds 10 --connections 10 --rounds 3 --runs 200 --skip-search --skip-page
 *            --keep (PostgreSQL: keep the scratch database) --reuse (PostgreSQL: time a kept one again)
 *   BENCH_CPU_SPLIT=1 prints user and system CPU per request for each autocannon run.
 *
 * On PostgreSQL a scratch database `kinship_bench_forums` is created on that server and dropped after.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import helmet from "@fastify/helmet";
import { sql } from "drizzle-orm";
import Fastify from "fastify";
import pg from "pg";
import { buildApp } from "../server/src/app.ts";
import { loadConfig } from "../server/src/config.ts";
import { type Database, openDatabase } from "../server/src/db/client.ts";
import { createForumsService } from "../server/src/features/forums/service.ts";
import { contentSecurityPolicyFor } from "../server/src/platform/security.ts";

const { values: args } = parseArgs({
  options: {
    posts: { type: "string", default: "1000000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    runs: { type: "string", default: "200" },
    rounds: { type: "string", default: "3" },
    "skip-search": { type: "boolean", default: false },
    "skip-page": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const POSTS = Number(args.posts);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);
const ROUNDS = Number(args.rounds);
const run = promisify(execFile);
const autocannonBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve("autocannon/package.json")),
  "autocannon.js",
);
const log = (line: string) => process.stderr.write(`${line}\n`);

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function openBenchDatabase(): Promise<
  Database & { label: string; url: string | null; reused: boolean; drop(): Promise<void> }
> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ pglite: await PGlite.create() });
    return {
      ...database,
      label: "PGlite (in memory, WASM, same process)",
      url: null,
      reused: false,
      drop: async () => {},
    };
  }
  const name = "kinship_bench_forums";
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  const reused = Boolean(args.reuse && exists);
  if (!reused) {
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
    url: target.toString(),
    reused,
    drop: async () => {
      if (!args.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** autocannon in a child process against one URL; requests per second (mean) and latency. */
async function cannon(url: string, headers: Record<string, string> = {}) {
  const flags = ["-c", String(CONNECTIONS), "-d", String(SECONDS), "-j"];
  for (const [k, v] of Object.entries(headers)) flags.push("-H", `${k}=${v}`);
  const cpu = process.cpuUsage();
  const { stdout } = await run(process.execPath, [autocannonBin, ...flags, url], { maxBuffer: 64 * 1024 * 1024 });
  const used = process.cpuUsage(cpu);
  const r = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  // The server's own CPU time per request (this process: the server, its database driver, no client):
  // steadier than requests per second on a shared machine, where waiting is not working.
  const cpuMicros = Math.round((used.user + used.system) / Math.max(1, r.requests.total));
  if (process.env.BENCH_CPU_SPLIT)
    log(
      `    user ${Math.round(used.user / r.requests.total)} µs, system ${Math.round(used.system / r.requests.total)} µs per request`,
    );
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    cpuMicrosPerRequest: cpuMicros,
  };
}

const WORDS = (
  "today meeting craving sponsor walk called friend night morning slept coffee tired angry lonely hungry " +
  "grateful family brother sister mother father work boss rain sun park dog cat read step prayer breathe " +
  "journal counselor group share listen cried laughed hope fear anger shame guilt honest trust patience " +
  "reunión ansiedad esperanza familia trabajo noche mañana caminar hablar llorar gracias fuerza miedo " +
  "weekend party wedding bar beer wine whisky casino bet lottery pills clinic doctor detox relapse sober"
).split(" ");

/** Posts for search: --posts of them over 5,000 threads on the community boards, words from a small pool. */
async function seedSearch(db: Database["db"], memberId: string) {
  const boards = rows<{ id: string }>(
    await db.execute(sql`select id from forum_boards where kind = 'community' order by position`),
  ).map((b) => b.id);
  const threads = 5000;
  const started = Date.now();
  await db.execute(sql`
    insert into forum_threads (board_id, author_id, title, kind, last_seq, created_at, last_post_at)
    select (${sql.raw(`array['${boards.join("','")}']::uuid[]`)})[1 + (s % ${sql.raw(String(boards.length))})], ${memberId}::uuid,
           'Thread ' || s, (array['discussion','question','recovery_story','milestone','coping_strategy'])[1 + s % 5]::forum_thread_kind,
           ${sql.raw(String(Math.ceil(POSTS / threads)))}, now() - (s || ' hours')::interval, now()
    from generate_series(1, ${sql.raw(String(threads))}) s`);
  const words = `array['${WORDS.join("','")}']`;
  const batch = 100_000;
  for (let from = 0; from < POSTS; from += batch) {
    const to = Math.min(POSTS, from + batch);
    await db.execute(sql`
      with t as (select id, board_id, row_number() over (order by created_at) - 1 as n from forum_threads where title like 'Thread %')
      insert into forum_posts (thread_id, board_id, seq, author_id, body, html, warnings, created_at, search)
      select t.id, t.board_id, s / ${sql.raw(String(threads))}, ${memberId}::uuid, x.body, '<p>' || x.body || '</p>',
             case when s % 7 = 0 then array['relapse'] else '{}'::text[] end,
             now() - ((s % 100000) || ' minutes')::interval,
             to_tsvector('english', x.body) || to_tsvector('spanish', x.body)
      from generate_series(${sql.raw(String(from))}, ${sql.raw(String(to - 1))}) s
      join t on t.n = s % ${sql.raw(String(threads))}
      cross join lateral (
        select string_agg((${sql.raw(words)})[1 + floor(random() * ${sql.raw(String(WORDS.length))})::int], ' ') as body
        from generate_series(1, 12 + (s % 20)) w where s >= 0
      ) x`);
    log(`  seeded ${to.toLocaleString("en")} posts (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.execute(sql`analyze forum_posts`);
  return (Date.now() - started) / 1000;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function main() {
  const database = await openBenchDatabase();
  const config = loadConfig({
    LOG_LEVEL: "silent",
    KINSHIP_DEMO: "off",
    PUBLIC_URL: "http://127.0.0.1",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });
  const app = await buildApp(config, { database, keyPrefix: "bench-forums" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  // A viewer, an author and a few people who react; the viewer folds some warnings and hides a word.
  const people: { id: string; cookie: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/signup",
      payload: { handle: `bench_${i}_${Date.now() % 100000}`, passphrase: "a calm walk by the canal" },
      remoteAddress: `10.9.0.${i + 1}`,
    });
    const cookie = res.cookies.find((c) => c.name.endsWith("kinship_session"));
    if (res.statusCode !== 201 || !cookie) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    people.push({ id: res.json().id, cookie: `${cookie.name}=${cookie.value}` });
    // Past the newcomer limits (links, posts an hour): this measures the forums, not a new account.
    await database.db.execute(
      sql`insert into member_trust (member_id, level, reason) values (${res.json().id}, 1, 'benchmark')`,
    );
  }
  const [viewer, author, ...reactors] = people as [(typeof people)[0], (typeof people)[0], ...typeof people];
  const call = (who: { cookie: string }, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    app.inject({ method, url, payload: payload as object, headers: { cookie: who.cookie } });
  await call(viewer, "PUT", "/api/forums/filters", { foldWarnings: ["relapse", "self_harm"], hideWords: ["whisky"] });
  const boards = (await call(viewer, "GET", "/api/boards")).json().items as { id: string }[];
  const thread = (
    await call(author, "POST", `/api/boards/${boards[1]?.id}/threads`, {
      title: "Day 3 again after seven months",
      body: "I had seven months and then a wedding happened. **Starting again** today.",
      kind: "recovery_story",
      warnings: ["relapse"],
    })
  ).json() as { id: string };
  for (let i = 1; i <= 40; i++) {
    const who = i % 3 === 0 ? viewer : i % 3 === 1 ? author : (reactors[i % reactors.length] as (typeof people)[0]);
    const post = (
      await call(who, "POST", `/api/threads/${thread.id}/replies`, {
        body: `Reply ${i}: what helped me was a *walk* and a call to my sponsor. https://example.org/help/${i}`,
        warnings: i % 4 === 0 ? ["self_harm"] : i % 5 === 0 ? ["grief"] : [],
        anonymous: i % 6 === 0,
      })
    ).json() as { id: string };
    for (const r of reactors.slice(0, 1 + (i % reactors.length))) {
      await call(r, "PUT", `/api/posts/${post.id}/reactions/${i % 2 ? "me_too" : "sending_strength"}`);
    }
  }
  const check = await call(viewer, "GET", `/api/threads/${thread.id}`);
  if (check.statusCode !== 200 || check.json().posts.length !== 20) throw new Error(`thread page: ${check.statusCode}`);
  const page = {
    bytes: check.body.length,
    folded: (check.json().posts as { folded: boolean }[]).filter((p) => p.folded).length,
  };

  const result: Record<string, unknown> = {
    database: database.label,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
  };

  if (!args["skip-page"]) {
    // The baseline: a bare Fastify hello-world in this same process, measured the same way.
    const hello = Fastify();
    hello.get("/", async () => ({ hello: "world" }));
    await hello.listen({ port: 0, host: "127.0.0.1" });
    const helloAddress = hello.server.address();
    const helloUrl = `http://127.0.0.1:${typeof helloAddress === "object" && helloAddress ? helloAddress.port : 0}/`;
    // The same hello-world with only the security headers every Kinship response carries (helmet, our CSP).
    const helmeted = Fastify();
    await helmeted.register(helmet, {
      contentSecurityPolicy: contentSecurityPolicyFor(null),
      crossOriginEmbedderPolicy: false,
    });
    helmeted.get("/", async () => ({ hello: "world" }));
    await helmeted.listen({ port: 0, host: "127.0.0.1" });
    const helmetedAddress = helmeted.server.address();
    const helmetedUrl = `http://127.0.0.1:${typeof helmetedAddress === "object" && helmetedAddress ? helmetedAddress.port : 0}/`;
    const threadUrl = `${base}/api/threads/${thread.id}`;
    log(`Thread page vs hello-world: ${CONNECTIONS} connections, ${SECONDS} s each, ${ROUNDS} alternating rounds`);
    await cannon(helloUrl);
    await cannon(threadUrl, { cookie: viewer.cookie });
    type Run = Awaited<ReturnType<typeof cannon>>;
    const rounds: {
      helloWorld: Run;
      threadPage: Run;
      signedInMe: Run;
      appFloor: Run;
      helloWithHelmet: Run;
      ratio: number;
      cpuRatio: number;
    }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const baseline = await cannon(helloUrl);
      const threadPage = await cannon(threadUrl, { cookie: viewer.cookie });
      // The least a signed-in request costs here (session lookup, one small answer): the floor under the page.
      const me = await cannon(`${base}/api/me`, { cookie: viewer.cookie });
      // The least any request costs in Kinship: no session, no database, a small answer from memory,
      // through the same security headers, origin check, metrics and response check as every route.
      const appFloor = await cannon(`${base}/api/crisis-lines?country=US`);
      const helloWithHelmet = await cannon(helmetedUrl);
      const ratio = Number((threadPage.rps / baseline.rps).toFixed(3));
      const cpuRatio = Number((baseline.cpuMicrosPerRequest / threadPage.cpuMicrosPerRequest).toFixed(3));
      rounds.push({ helloWorld: baseline, threadPage, signedInMe: me, appFloor, helloWithHelmet, ratio, cpuRatio });
      log(
        `  round ${i + 1}: hello-world ${baseline.rps.toFixed(0)} req/s · thread page ${threadPage.rps.toFixed(0)} req/s (p50 ${threadPage.p50} ms, p99 ${threadPage.p99} ms, non-2xx ${threadPage.non2xx}) · ratio ${ratio} · server CPU per request ${baseline.cpuMicrosPerRequest} µs vs ${threadPage.cpuMicrosPerRequest} µs (${cpuRatio}) · GET /api/me ${me.rps.toFixed(0)} req/s, ${me.cpuMicrosPerRequest} µs · anonymous crisis lines ${appFloor.rps.toFixed(0)} req/s, ${appFloor.cpuMicrosPerRequest} µs · hello-world + helmet ${helloWithHelmet.rps.toFixed(0)} req/s, ${helloWithHelmet.cpuMicrosPerRequest} µs`,
      );
    }
    await hello.close();
    await helmeted.close();
    const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
    result.threadPage = {
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds,
      medianRatio: ratios[Math.floor(ratios.length / 2)],
      medianCpuRatio: rounds.map((r) => r.cpuRatio).sort((a, b) => a - b)[Math.floor(rounds.length / 2)],
      target: 0.33,
      pageBytes: page.bytes,
      foldedOnPage: page.folded,
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(1))),
    };
  }

  if (!args["skip-search"]) {
    const existing = Number(
      rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from forum_posts`))[0]?.n,
    );
    let seconds = 0;
    if (existing < POSTS) {
      log(`Seeding ${POSTS.toLocaleString("en")} posts for search…`);
      seconds = await seedSearch(database.db, author.id);
    }
    const forums = createForumsService({ db: database.db });
    const actor = { memberId: viewer.id, handle: "bench", sessionId: "bench" };
    const queries = [
      "sponsor",
      "lottery clinic",
      "reunión familia",
      "wedding",
      "detox pills",
      "gratitude journal",
      "esperanza",
    ];
    for (let i = 0; i < 20; i++) await forums.search(actor, { q: queries[i % queries.length] as string });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const q = queries[i % queries.length] as string;
      const t0 = performance.now();
      await forums.search(actor, { q, ...(i % 3 === 0 ? { kind: "question" as const } : {}) });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    result.search = {
      posts: Math.max(existing, POSTS),
      seededSeconds: Number(seconds.toFixed(0)),
      runs: RUNS,
      queries,
      p50: Number(quantile(times, 0.5).toFixed(1)),
      p95: Number(quantile(times, 0.95).toFixed(1)),
      p99: Number(quantile(times, 0.99).toFixed(1)),
    };
    log(
      `  search over ${Math.max(existing, POSTS).toLocaleString("en")} posts: p50 ${quantile(times, 0.5).toFixed(1)} ms · p95 ${quantile(times, 0.95).toFixed(1)} ms · p99 ${quantile(times, 0.99).toFixed(1)} ms`,
    );
  }

  await app.close();
  await database.close();
  await database.drop();
  console.log(args.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
