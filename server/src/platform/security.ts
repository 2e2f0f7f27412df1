import type { FastifyReply, FastifyRequest } from "fastify";
import { Forbidden, Invalid } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuse state-changing requests a browser sends from another site (CSRF). Browsers always send
 * Origin on such requests; clients without one (curl, other servers) carry no ambient cookie risk.
 */
export function refuseForeignOrigin(publicUrl: URL) {
  return async (request: FastifyRequest) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (request.headers["sec-fetch-site"] === "cross-site")
      throw new Forbidden("Requests from other sites are refused.");
    const origin = request.headers.origin;
    if (!origin) return;
    const ownByHost = `${request.protocol}://${request.headers.host}`;
    if (origin !== publicUrl.origin && origin !== ownByHost) {
      throw new Forbidden("Requests from other sites are refused.");
    }
  };
}

/** Private answers must not be kept by browsers or proxies. */
export async function noStoreForApi(request: FastifyRequest, reply: FastifyReply) {
  if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
}

/** The origin a tile address loads images from, for the CSP (`{s}` subdomains become a wildcard). */
export function tileOrigin(tileUrl: string) {
  const [scheme, rest] = tileUrl.split("://") as [string, string];
  const host = (rest.split("/")[0] ?? "").replace(/\{s\}/g, "*");
  return `${scheme}://${host}`;
}

/** A strict Content-Security-Policy: everything from Kinship itself (and map tiles if configured), no inline script. */
export const contentSecurityPolicyFor = (tileUrl: string | null) => ({
  ...contentSecurityPolicy,
  directives: {
    ...contentSecurityPolicy.directives,
    imgSrc: tileUrl ? ["'self'", "data:", tileOrigin(tileUrl)] : contentSecurityPolicy.directives.imgSrc,
  },
});

export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    manifestSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
};

/** Where in a request a NUL character hides, if anywhere: PostgreSQL can't store one in text. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key].join(".");
    const found = findNul(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Refuse text with a NUL character before any route sees it (a 400 naming the field, never a 500). */
export async function refuseNulCharacters(request: FastifyRequest) {
  const config = request.routeOptions.config as { nulCheckedPerRow?: boolean } | undefined;
  if (config?.nulCheckedPerRow) return; // the route checks it per row and reports it (feed import)
  const field = findNul(request.query) ?? findNul(request.params) ?? findNul(request.body);
  if (field !== null) throw new Invalid("Text can't contain the NUL character (\\u0000).", field);
}
