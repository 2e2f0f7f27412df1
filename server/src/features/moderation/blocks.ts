import { and, eq, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { memberBlocks, members } from "../../db/schema.ts";

/** Hub channel on which a member's blocks and mutes changing is announced, so live rooms apply it at once. */
export const BLOCKS_CHANGED = "blocks.changed";

/**
 * Has either member blocked the other? For messaging and mentions: a blocked member cannot reach
 * the one who blocked them, and is never told why.
 */
export async function isBlocked(db: Db, a: string, b: string): Promise<boolean> {
  const rows = await db
    .select({ kind: memberBlocks.kind })
    .from(memberBlocks)
    .where(
      and(
        eq(memberBlocks.kind, "block"),
        or(
          and(eq(memberBlocks.blockerId, a), eq(memberBlocks.blockedId, b)),
          and(eq(memberBlocks.blockerId, b), eq(memberBlocks.blockedId, a)),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Members whose posts this member does not want to see (blocked or muted). */
export async function hiddenAuthorsFor(db: Db, memberId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: memberBlocks.blockedId })
    .from(memberBlocks)
    .where(eq(memberBlocks.blockerId, memberId));
  return new Set(rows.map((r) => r.id));
}

/** The handles (lower case) of members this member blocked or muted: rooms know speakers by handle. */
export async function hiddenHandlesFor(db: Db, memberId: string): Promise<Set<string>> {
  const rows = await db
    .select({ handle: members.handle })
    .from(memberBlocks)
    .innerJoin(members, eq(members.id, memberBlocks.blockedId))
    .where(eq(memberBlocks.blockerId, memberId));
  return new Set(rows.map((r) => r.handle.toLowerCase()));
}
