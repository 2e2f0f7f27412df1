import path from "node:path";
import { z } from "zod";

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
  .pipe(z.url());
const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
  .pipe(z.url());
const onOff = z.enum(["on", "off"]);
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  REDIS_URL: z.preprocess(emptyAsUndefined, redisUrl.optional()),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  KINSHIP_DEMO: onOff.default("on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("false")),
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 7),
  SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(30),
  SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  MAP_TILE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/,
        "must be a tile address such as https://tile.example.org/{z}/{x}/{y}.png",
      )
      .optional(),
  ),
  MAP_ATTRIBUTION: z.preprocess(emptyAsUndefined, z.string().max(300).optional()),
});

/** Everything Kinship reads from its environment, parsed once at start. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  publicUrl: URL;
  demo: boolean;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
  trustProxy: boolean;
  /** cacheMs: how long a node answers from a session it read, unless told the session ended. */
  session: { idleMs: number; maxMs: number; cacheMs: number };
  webDist: string;
  /** Map tiles for the finder's map; off by default so no viewer's location reaches a third party. */
  map: { tileUrl: string | null; attribution: string | null };
};

export class ConfigError extends Error {}

/** Parse the environment or throw a ConfigError listing every wrong value in words. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Kinship cannot start; fix these settings:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`),
    demo: e.KINSHIP_DEMO === "on",
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === "true",
    session: {
      idleMs: e.SESSION_IDLE_HOURS * 3_600_000,
      maxMs: e.SESSION_MAX_DAYS * 86_400_000,
      cacheMs: e.SESSION_CACHE_SECONDS * 1000,
    },
    webDist: path.resolve(import.meta.dirname, "../../web/dist"),
    map: { tileUrl: e.MAP_TILE_URL ?? null, attribution: e.MAP_ATTRIBUTION ?? null },
  };
}
