import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { inject } from "vitest";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { TEMPLATE_DB, withDatabase } from "./global-setup.ts";

export const driver = process.env.KINSHIP_TEST_DRIVER === "postgres" ? "postgres" : "pglite";

/** A fresh database for one test file: a copy of the migrated template. */
export async function freshDatabase(): Promise<Database & { drop(): Promise<void>; url?: string }> {
  if (driver === "pglite") {
    const dump = new Blob([readFileSync(inject("pgliteTemplate"))]);
    const database = await openDatabase({ pglite: await PGlite.create({ loadDataDir: dump }) }, { migrate: false });
    return { ...database, drop: async () => {} };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `kinship_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const database = await openDatabase({ url: withDatabase(url, name) }, { migrate: false });
  return {
    ...database,
    url: withDatabase(url, name),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Config for tests: PostgreSQL runs also get Redis, so limits and the hub go through it. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    KINSHIP_DEMO: "off",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://kinship.test",
    ...(driver === "postgres" && process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    ...env,
  });
}

type Body = InjectOptions["payload"];

/** A client that keeps its session cookie, like one browser. */
export class Agent {
  cookie: string | undefined;
  constructor(
    readonly app: FastifyInstance,
    readonly ip = "127.0.0.1",
  ) {}

  async request(method: InjectOptions["method"], url: string, payload?: Body, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      payload,
      remoteAddress: this.ip,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    this.keepCookie(res);
    return res;
  }

  private keepCookie(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (!c.name.endsWith("kinship_session")) continue;
      this.cookie = c.value && c.maxAge !== 0 ? `${c.name}=${c.value}` : undefined;
    }
  }

  get = (url: string, headers?: Record<string, string>) => this.request("GET", url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) => this.request("POST", url, body, headers);
  put = (url: string, body?: Body) => this.request("PUT", url, body);
  patch = (url: string, body?: Body) => this.request("PATCH", url, body);
  delete = (url: string, body?: Body) => this.request("DELETE", url, body);
}

let counter = 0;
/** A handle no other test uses. */
export const uniqueHandle = (base = "member") => `${base}_${process.pid % 1000}_${++counter}`;
export const PASSPHRASE = "a calm walk by the canal";

/** One app on one fresh database for a test file, with factories that persist real rows. */
export async function buildTestApp(env: Record<string, string> = {}) {
  const database = await freshDatabase();
  const app = await buildApp(testConfig(env), { database, keyPrefix: `test:${randomUUID()}` });
  await app.ready();

  /** Signs up a member through the API and returns their logged-in agent. */
  async function makeMember(overrides: { handle?: string; passphrase?: string; ip?: string } = {}) {
    const handle = overrides.handle ?? uniqueHandle();
    const passphrase = overrides.passphrase ?? PASSPHRASE;
    const agent = new Agent(app, overrides.ip ?? `10.0.${counter % 250}.${(counter * 7) % 250}`);
    const res = await agent.post("/api/auth/signup", { handle, passphrase });
    if (res.statusCode !== 201) throw new Error(`makeMember failed: ${res.statusCode} ${res.body}`);
    return Object.assign(agent, { handle, passphrase, id: res.json().id as string });
  }

  return {
    app,
    db: database.db,
    database,
    makeMember,
    anonymous: (ip?: string) => new Agent(app, ip),
    async close() {
      await app.close();
      await database.close();
      await database.drop();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;
