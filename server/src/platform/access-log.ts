import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accessLog, members } from "../db/schema.ts";

/** One view of a member's sensitive record by someone else: what kind of record, never its content. */
export type AccessRecord = {
  memberId: string;
  viewerId: string | null;
  /** The capacity the viewer acted in: "moderator", "clinician", "responder", … */
  viewerRole: string;
  recordType: string;
  recordId?: string;
  reason: string;
};

/**
 * Record that someone viewed a member's data. Every feature that lets a moderator, clinician or
 * responder see private data calls this, so the member can read it in their access log.
 */
export async function recordAccess(db: Db, entry: AccessRecord): Promise<void> {
  if (entry.viewerId === entry.memberId) return;
  await db.insert(accessLog).values({
    memberId: entry.memberId,
    viewerId: entry.viewerId,
    viewerRole: entry.viewerRole,
    recordType: entry.recordType,
    recordId: entry.recordId ?? null,
    reason: entry.reason,
  });
}

/** A member's own access log, newest first, with the viewer's current handle (null once they left). */
export function listAccess(db: Db, memberId: string, limit = 500) {
  return db
    .select({
      id: accessLog.id,
      viewedAt: accessLog.viewedAt,
      viewerHandle: members.handle,
      viewerRole: accessLog.viewerRole,
      recordType: accessLog.recordType,
      reason: accessLog.reason,
    })
    .from(accessLog)
    .leftJoin(members, eq(members.id, accessLog.viewerId))
    .where(eq(accessLog.memberId, memberId))
    .orderBy(desc(accessLog.viewedAt))
    .limit(limit);
}
