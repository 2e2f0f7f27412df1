import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { DataDirBusy } from "../db/lock.ts";
import { createRedisHub, type Hub } from "../realtime/hub.ts";
import { OperatorRefusal, operatorCommand, USAGE } from "./operator.ts";

/**
 * `npm run admin -- <role> <add|remove|list> [handle]`: the instance operator's command, run on the
 * server machine against the database Kinship is configured with (DATABASE_URL, else PGlite in
 * DATA_DIR, exactly as `npm start` reads them). It never migrates or creates a database: that is
 * the server's job at start.
 */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  let database: Database | null = null;
  let hub: Hub | null = null;
  try {
    if (args.length === 0) return { code: 2, out, err: [USAGE] };
    if (["help", "--help", "-h"].includes(args[0] as string)) return { code: 0, out: [USAGE], err };
    const config = loadConfig(env);
    if (!config.databaseUrl && !existsSync(path.join(config.dataDir, "pglite"))) {
      throw new OperatorRefusal(
        `There's no Kinship data in ${config.dataDir}. Run this on the server machine, from the folder you start Kinship in, with the same DATA_DIR (or DATABASE_URL); on a new installation, start Kinship once first and sign up. Nothing was changed.`,
      );
    }
    database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }, {
      migrate: false,
      holder: "The admin command",
    });
    // With Redis, running nodes hear of a removal at once (a former responder's open queue stops).
    if (config.redisUrl && args[1] === "remove") hub = createRedisHub(config.redisUrl);
    out.push(...(await operatorCommand(database.db, args, hub ?? undefined)));
    if (config.databaseUrl && !config.redisUrl && args[1] === "remove" && args[0] === "community-responder") {
      out.push(
        "Without REDIS_URL the running Kinship can't be told: restart it so that any crisis queue this responder has open stops at once.",
      );
    }
  } catch (error) {
    if (error instanceof OperatorRefusal) {
      code = error.exitCode;
      (code === 0 ? out : err).push(error.message);
    } else if (error instanceof ConfigError) {
      code = 2;
      err.push(error.message.replace("Kinship cannot start", "The admin command cannot run"));
    } else if (error instanceof DataDirBusy) {
      code = 1;
      err.push(error.message);
    } else if ((error as { code?: string } | null)?.code === "42P01") {
      code = 1;
      err.push(
        "This database has no Kinship tables yet. Start Kinship once (npm start) so it sets them up, sign up, then run this again. Nothing was changed.",
      );
    } else {
      code = 1;
      const detail = error instanceof Error ? error.message : String(error);
      err.push(`The admin command failed: ${detail}`);
    }
  } finally {
    await hub?.close().catch(() => {});
    await database?.close().catch(() => {});
  }
  return { code, out, err };
}
