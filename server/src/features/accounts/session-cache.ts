import type { Actor } from "../../platform/actor.ts";

/*
 * Sessions seen in the last few seconds, so that most requests need no session query. Ending a
 * session evicts it here before the end is announced on the hub, and every other node evicts it when
 * the announcement (`sessions.ended`) arrives; the short lifetime of an entry only bounds how long a
 * hub message lost on the way (Redis pub/sub is at most once) could keep an ended session usable.
 */

export type CachedSession = { actor: Actor; expiresAt: number; lastSeenAt: number };

type Entry = CachedSession & { cachedAt: number };

export function createSessionCache({ ttlMs, max }: { ttlMs: number; max: number }) {
  const byHash = new Map<string, Entry>();
  const hashBySession = new Map<string, string>();
  // Sessions ended lately, so that a read racing with the end cannot put one back.
  const ended = new Map<string, number>();

  function drop(hash: string) {
    const entry = byHash.get(hash);
    if (!entry) return;
    byHash.delete(hash);
    hashBySession.delete(entry.actor.sessionId);
  }

  return {
    /** The cached session for a token hash, if it was read from the database under ttlMs ago. */
    get(hash: string, now: number): CachedSession | null {
      const entry = byHash.get(hash);
      if (!entry) return null;
      if (now - entry.cachedAt >= ttlMs) {
        drop(hash);
        return null;
      }
      return entry;
    },
    set(hash: string, session: CachedSession, now: number) {
      const endedAt = ended.get(session.actor.sessionId);
      if (endedAt !== undefined && now - endedAt < ttlMs) return;
      drop(hash);
      byHash.set(hash, { ...session, cachedAt: now });
      hashBySession.set(session.actor.sessionId, hash);
      // Oldest first: a Map keeps insertion order, and a refreshed entry is re-inserted.
      if (byHash.size > max) drop(byHash.keys().next().value as string);
    },
    /** Forgets ended sessions, by session id. */
    evict(sessionIds: readonly string[]) {
      const now = Date.now();
      for (const [id, at] of ended) {
        if (now - at < ttlMs) break;
        ended.delete(id);
      }
      for (const id of sessionIds) {
        ended.delete(id);
        ended.set(id, now);
        const hash = hashBySession.get(id);
        if (hash) drop(hash);
      }
    },
    forget(hash: string) {
      drop(hash);
    },
    get size() {
      return byHash.size;
    },
  };
}
