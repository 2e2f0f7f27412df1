import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { BlockList } from "node:net";

/** Fetches a feed's bytes; the import service takes one so tests can point it at a local server. */
export type FetchFeed = (url: URL) => Promise<Buffer>;

/** Why a fetch failed, in words the admin can act on. */
export class FeedFetchError extends Error {}

const MB = 1024 * 1024;

// Addresses a server-side fetch must never reach: loopback, private networks, link-local (cloud
// metadata lives there), carrier-grade NAT, multicast and reserved ranges, in IPv4 and IPv6.
const blocked = new BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(prefix, bits, "ipv6");

/** Is this IP address loopback, private, link-local or reserved? */
export function isPrivateAddress(address: string) {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true;
}

/** Is this web address one we'd refuse before even looking its name up? */
export function refusedAtOnce(url: URL) {
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Use a web address starting with https://.";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || (net.isIP(host) && isPrivateAddress(host)))
    return "That address is inside a private network. Kinship only fetches feeds from the public internet.";
  if (url.username || url.password) return "Please give the address without a user name or password.";
  return null;
}

const PRIVATE = "That address leads into a private network. Kinship only fetches feeds from the public internet.";

/** A DNS lookup that refuses names resolving to private addresses (checked at connect time, so no rebinding). */
const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as dns.LookupAddress[];
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address)))
      return callback(new FeedFetchError(PRIVATE), "", 4);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0] as dns.LookupAddress;
    return callback(null, first.address, first.family);
  });
};

/**
 * A fetch for feeds: http(s) only, a time limit for the whole download, a size limit, at most a few
 * redirects (each checked again), and never an address inside a private network unless allowed (tests).
 */
export function createFeedFetcher(
  opts: { allowPrivateAddresses?: boolean; timeoutMs?: number; maxBytes?: number; maxRedirects?: number } = {},
): FetchFeed {
  const { allowPrivateAddresses = false, timeoutMs = 30_000, maxBytes = 20 * MB, maxRedirects = 3 } = opts;
  const deadlineSeconds = Math.round(timeoutMs / 1000);

  function once(url: URL, deadline: number): Promise<{ redirect: URL } | { body: Buffer }> {
    return new Promise((resolve, reject) => {
      // The first reason wins: destroying a request also makes its response fail with a bare error.
      let reason: FeedFetchError | null = null;
      const stop = (error: FeedFetchError) => {
        reason ??= error;
        request.destroy(reason);
      };
      const fail = (error: unknown) =>
        reject(
          reason ??
            (error instanceof FeedFetchError
              ? error
              : new FeedFetchError("We couldn't reach that address. Please check it and try again.")),
        );
      if (!allowPrivateAddresses) {
        const refused = refusedAtOnce(url);
        if (refused) return reject(new FeedFetchError(refused));
      } else if (url.protocol !== "http:" && url.protocol !== "https:") {
        return reject(new FeedFetchError("Use a web address starting with https://."));
      }
      const client = url.protocol === "https:" ? https : http;
      const request = client.get(
        url,
        {
          headers: { accept: "application/json, text/plain;q=0.8, */*;q=0.5", "user-agent": "Kinship feed import" },
          ...(allowPrivateAddresses ? {} : { lookup: guardedLookup }),
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location) {
            response.resume();
            try {
              return resolve({ redirect: new URL(response.headers.location, url) });
            } catch {
              return reject(new FeedFetchError("That address sent us to a broken address."));
            }
          }
          if (status !== 200) {
            response.resume();
            return reject(new FeedFetchError(`That address answered with status ${status} instead of the feed.`));
          }
          const declared = Number(response.headers["content-length"] ?? 0);
          if (declared > maxBytes)
            return stop(new FeedFetchError(`The feed is larger than ${Math.round(maxBytes / MB)} MB.`));
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes)
              return stop(new FeedFetchError(`The feed is larger than ${Math.round(maxBytes / MB)} MB.`));
            chunks.push(chunk);
          });
          response.on("end", () => resolve({ body: Buffer.concat(chunks) }));
          response.on("error", fail);
        },
      );
      const timer = setTimeout(
        () => stop(new FeedFetchError(`That address didn't send the feed within ${deadlineSeconds} seconds.`)),
        Math.max(0, deadline - Date.now()),
      );
      request.on("close", () => clearTimeout(timer));
      request.on("error", fail);
    });
  }

  return async (url: URL) => {
    const deadline = Date.now() + timeoutMs;
    let current = url;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const result = await once(current, deadline);
      if ("body" in result) return result.body;
      current = result.redirect;
    }
    throw new FeedFetchError("That address redirected too many times.");
  };
}
