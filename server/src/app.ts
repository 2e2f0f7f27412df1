import { existsSync } from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { Redis } from "ioredis";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { accountsRoutes } from "./features/accounts/routes.ts";
import { createAccountsService } from "./features/accounts/service.ts";
import { feedsRoutes } from "./features/feeds/routes.ts";
import { createFeedsService } from "./features/feeds/service.ts";
import { mentionsSocketFeature } from "./features/forums/live.ts";
import { forumsFeature } from "./features/forums/routes.ts";
import { groupsFeature } from "./features/groups/routes.ts";
import { meetingsRoutes } from "./features/meetings/routes.ts";
import { createMeetingsService } from "./features/meetings/service.ts";
import { mentorshipFeature } from "./features/mentorship/routes.ts";
import { moderationFeature } from "./features/moderation/routes.ts";
import { createPostingGuard } from "./features/moderation/trust.ts";
import { progressFeature } from "./features/progress/routes.ts";
import { roomsFeature } from "./features/rooms/routes.ts";
import { safetyFeature, safetySocketFeature } from "./features/safety/routes.ts";
import { systemRoutes } from "./features/system/routes.ts";
import { createScheduler } from "./jobs/scheduler.ts";
import { errorHandler } from "./platform/error-handler.ts";
import { NotFound } from "./platform/errors.ts";
import { createLimits } from "./platform/limits.ts";
import { registerMetrics } from "./platform/metrics.ts";
import {
  contentSecurityPolicyFor,
  noStoreForApi,
  refuseForeignOrigin,
  refuseNulCharacters,
} from "./platform/security.ts";
import { createLocalHub, createRedisHub, type Hub } from "./realtime/hub.ts";

/** What the app runs on; tests pass their own database and a key prefix of their own. */
export type AppDeps = { database?: Database; keyPrefix?: string; logger?: FastifyServerOptions["logger"] };

/** Sensitive fields never reach the logs, wherever they appear. */
export const REDACT = [
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
  "*.passphrase",
  "*.currentPassphrase",
  "*.newPassphrase",
  "*.email",
  "*.note",
  ...["*.helped", "*.gratitude", "*.triggersOwnWords", "*.slipNote", "*.people", "*.reasons"],
  "*.body",
  "*.text",
  ...["*.message", "*.requestMessage", "*.endNote", "*.canHelpWith", "*.cannotHelpWith", "*.about"],
  ...["*.reason", "*.outcome", "*.decisionNote", "*.snapshot"],
  "*.excerpt",
];

/** Build Kinship: plugins, hooks, then every feature's routes. The caller listens. */
export async function buildApp(config: Config, deps: AppDeps = {}) {
  const app = Fastify({
    logger: deps.logger ?? (config.logLevel === "silent" ? false : { level: config.logLevel, redact: REDACT }),
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  const database =
    deps.database ??
    (await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }));
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  redis?.on("error", (error) => app.log.warn({ err: error }, "redis unavailable; retrying"));
  const keyPrefix = deps.keyPrefix ?? "kinship";
  const hub: Hub = config.redisUrl ? createRedisHub(config.redisUrl, keyPrefix) : createLocalHub();
  const limits = createLimits({ redis, prefix: keyPrefix });
  const scheduler = createScheduler((name, error) => app.log.error({ err: error, job: name }, "job failed"));

  const accounts = createAccountsService({ db: database.db, limits, hub, session: config.session });
  const stopSessionEvents = await accounts.listen();
  const secure = config.publicUrl.protocol === "https:";
  const sessionCookie = { name: secure ? "__Host-kinship_session" : "kinship_session", secure };

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: contentSecurityPolicyFor(config.map.tileUrl),
    strictTransportSecurity: secure,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "Kinship API", version: "1.0.0", description: "Peer-led recovery support." },
    },
    transform: jsonSchemaTransform,
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: "/docs/api", staticCSP: true });

  app.decorateRequest("actor", null);
  app.addHook("onRequest", refuseForeignOrigin(config.publicUrl));
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[sessionCookie.name];
    request.actor = token ? await accounts.resolveSession(token) : null;
  });
  app.addHook("preValidation", refuseNulCharacters);
  app.addHook("onSend", noStoreForApi);

  const registry = registerMetrics(app);
  await app.register(systemRoutes(database, registry, config));
  await app.register(accountsRoutes(accounts, sessionCookie));
  await app.register(groupsFeature(database.db, limits));
  const meetings = createMeetingsService({ db: database.db });
  await app.register(meetingsRoutes(meetings));
  const logError = (err: unknown, message: string) => app.log.error({ err }, message);
  await app.register(feedsRoutes(createFeedsService({ db: database.db, publicUrl: config.publicUrl, logError })));
  await app.register(progressFeature(database.db, scheduler, limits, hub));
  const guard = createPostingGuard({ db: database.db, limits });
  await app.register(forumsFeature(database.db, { guard, hub }));
  await app.register(moderationFeature({ db: database.db, hub, sessions: accounts }));
  await app.register(safetyFeature(database.db, hub));
  await app.register(
    roomsFeature({
      db: database.db,
      hub,
      scheduler,
      publicUrl: config.publicUrl,
      cookieName: sessionCookie.name,
      resolveSession: accounts.resolveSession,
      guard: guard.speaking,
    }),
  );
  await app.register(mentorshipFeature({ db: database.db, hub, limits }));
  await app.register(safetySocketFeature({ db: database.db, hub }));
  await app.register(mentionsSocketFeature({ hub }));
  await serveWebApp(app, config.webDist);

  scheduler.every("purge-expired-sessions", 3_600_000, accounts.purgeExpiredSessions);
  scheduler.every("refresh-zone-offsets", 3_600_000, meetings.refreshZoneOffsets);
  app.addHook("onClose", async () => {
    scheduler.stop();
    await stopSessionEvents();
    await hub.close();
    redis?.disconnect();
    if (!deps.database) await database.close();
  });
  return app;
}

/** The built web client, with every unknown page answered by index.html so the router can take it. */
async function serveWebApp(app: FastifyInstance, webDist: string) {
  const hasWeb = existsSync(path.join(webDist, "index.html"));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === "GET" && !request.url.startsWith("/api/") && request.headers.accept?.includes("text/html");
    if (hasWeb && wantsPage) return reply.type("text/html").sendFile("index.html");
    // Through the error handler, so it is answered in the reader's language like every refusal.
    throw new NotFound("There's nothing at this address.");
  });
}
