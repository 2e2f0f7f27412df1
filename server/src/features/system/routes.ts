import { Health, Instance } from "@kinship/contracts/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Registry } from "prom-client";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";

/** Health and metrics for load balancers and monitoring, and what the web client needs to know of this instance. */
export function systemRoutes(database: Database, registry: Registry, config: Pick<Config, "map">) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      "/health",
      {
        schema: {
          tags: ["system"],
          summary: "200 when the database answers, 503 otherwise",
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        try {
          await database.ping();
          return { status: "ok" as const };
        } catch {
          return reply.code(503).send({ status: "unavailable" as const });
        }
      },
    );
    app.get(
      "/api/instance",
      {
        schema: {
          tags: ["system"],
          summary: "Settings of this Kinship the web client needs",
          response: { 200: Instance },
        },
      },
      async () => ({ mapTileUrl: config.map.tileUrl, mapAttribution: config.map.attribution }),
    );
    app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
      reply.header("content-type", registry.contentType);
      return registry.metrics();
    });
  };
}
