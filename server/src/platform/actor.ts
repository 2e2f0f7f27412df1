import type { FastifyRequest } from "fastify";
import { Unauthenticated } from "./errors.ts";

/** The signed-in member behind a request, as every feature's policies see them. */
export type Actor = { memberId: string; handle: string; sessionId: string };

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in member, or a 401 for the route. */
export function requireMember(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthenticated();
  return request.actor;
}
