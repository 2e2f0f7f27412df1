import { Health } from "@kinship/contracts/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Registry } from "prom-client";
import type { Database } from "../../db/client.ts";

/** Health and metrics, for load balancers and monitoring. */
export function systemRoutes(database: Database, registry: Registry) {
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
    app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
      reply.header("content-type", registry.contentType);
      return registry.metrics();
    });
  };
}
