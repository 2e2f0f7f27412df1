import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./lock.ts";
import * as schema from "./schema.ts";

/** One typed database handle, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  driver: "pglite" | "postgres";
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = path.resolve(import.meta.dirname, "migrations");

export type DatabaseOptions = { url: string } | { dataDir: string } | { pglite: PGlite };

/**
 * Open PostgreSQL (when a URL is given) or embedded PGlite, and bring its schema up to date. A PGlite
 * data folder is locked for this process until close() (see lock.ts): a second process is refused.
 */
export async function openDatabase(
  options: DatabaseOptions,
  { migrate = true, holder = "A Kinship server" } = {},
): Promise<Database> {
  if ("url" in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // A PostgreSQL restart kills idle clients; the pool replaces them, we only must not crash.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    if (migrate) await migratePg(drizzlePg(pool), { migrationsFolder });
    return {
      db,
      driver: "postgres",
      ping: async () => void (await pool.query("select 1")),
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  let release = () => {};
  if ("pglite" in options) client = options.pglite;
  else {
    mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir, holder);
    try {
      client = await PGlite.create(path.join(options.dataDir, "pglite"));
    } catch (error) {
      release();
      throw error;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  try {
    if (migrate) await migratePglite(drizzlePglite(client), { migrationsFolder });
  } catch (error) {
    await client.close().catch(() => {});
    release();
    throw error;
  }
  return {
    db,
    driver: "pglite",
    ping: async () => void (await db.execute(sql`select 1`)),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
