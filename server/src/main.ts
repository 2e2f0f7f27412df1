import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { seedDemo } from "./db/demo.ts";
import { DataDirBusy } from "./db/lock.ts";
import { seedForumDemo } from "./features/forums/seed.ts";

/** Start Kinship: read config, open the database, seed the demo on first start, listen. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  const app = await buildApp(config, { database });
  if (config.demo) {
    const seeded = await seedDemo(database.db);
    if (seeded) app.log.info("Loaded the demo content (see the README for the demo members).");
    await seedForumDemo(database.db);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "stopping");
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? "PostgreSQL" : `PGlite in ${config.dataDir}`;
  app.log.info(`Kinship is ready at ${config.publicUrl.origin} (database: ${where})`);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof DataDirBusy) {
    console.error(`Kinship could not start: ${error.message}`);
    process.exit(1);
  }
  console.error("Kinship could not start:", error);
  process.exit(1);
});
