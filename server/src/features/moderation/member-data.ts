import type { ModerationExport } from "@kinship/contracts/moderation";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { mediationMessages, moderationReports } from "../../db/schema.ts";
import { Conflict, NotFound } from "../../platform/errors.ts";
import { forgetReportedWordsOf } from "./direct-messages.ts";
import { canAppeal } from "./policy.ts";
import { presentAppeal } from "./presenters.ts";
import { moderationStore as store } from "./store.ts";

/** What the member's export holds of moderation: their acceptance, reports, notices, blocks, mediations. */
export async function exportModeration(db: Db, memberId: string): Promise<ModerationExport> {
  const conduct = await store.conductOf(db, memberId);
  const reports = await store.reportsBy(db, memberId);
  const notices = await store.noticesOf(db, memberId);
  const blocks = await store.blocksBy(db, memberId);
  const trust = await store.trustOverride(db, memberId);
  const mediations = await store.mediationsOf(db, memberId);
  const messages = await db
    .select()
    .from(mediationMessages)
    .where(eq(mediationMessages.authorId, memberId))
    .orderBy(mediationMessages.createdAt);
  return {
    conduct: conduct ? { version: conduct.version, acceptedAt: conduct.acceptedAt.toISOString() } : null,
    reports: reports.map((r) => ({
      type: r.kind,
      reason: r.reason,
      note: r.note,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    })),
    notices: notices.map(({ action: a, appeal }) => ({
      kind: a.kind,
      reason: a.reason,
      createdAt: a.createdAt.toISOString(),
      endsAt: a.endsAt?.toISOString() ?? null,
      revoked: a.revokedAt !== null,
      appeal: appeal ? presentAppeal(appeal) : null,
    })),
    blocks: blocks.map((b) => ({ handle: b.handle, kind: b.kind, createdAt: b.createdAt.toISOString() })),
    trust: trust ? { level: trust.level, reason: trust.reason, updatedAt: trust.updatedAt.toISOString() } : null,
    mediations: mediations.map(({ mediation: m, groupName }) => ({
      groupName,
      status: m.status,
      note: m.requesterId === memberId ? m.note : null,
      outcome: m.outcome,
      createdAt: m.createdAt.toISOString(),
      myMessages: messages
        .filter((x) => x.mediationId === m.id)
        .map((x) => ({ body: x.body, at: x.createdAt.toISOString() })),
    })),
  };
}

/**
 * Before an account is deleted: the member's own words in reports (their note, and their messages
 * copied from a private conversation they reported) and mediations go. Reports stay
 * for the moderators without the note or the reporter; what others said stays theirs. Everything
 * else (acceptance, actions on them, appeals, blocks, mediations they were a party to) goes with the
 * account through the foreign keys.
 */
export async function forgetModerationMember(database: Db, memberId: string) {
  await database.transaction(async (db) => {
    await forgetReportedWordsOf(db, memberId);
    await db
      .update(moderationReports)
      .set({ note: "", reporterId: null })
      .where(eq(moderationReports.reporterId, memberId));
    await db.delete(mediationMessages).where(eq(mediationMessages.authorId, memberId));
  });
}

/**
 * The member appeals one action on them, once. Shared by the notices page and by the sign-in page,
 * where a suspended or banned member (who cannot sign in) asks for a fresh look.
 */
export async function fileAppeal(db: Db, memberId: string, actionId: string, note: string) {
  const action = await store.action(db, actionId);
  // Someone else's action is "not found": its existence is theirs.
  if (!action || action.memberId !== memberId) throw new NotFound("We couldn't find that notice.");
  const already = "You've already appealed this. We'll let you know.";
  if (!canAppeal(memberId, action, !!(await store.appealOf(db, actionId)))) throw new Conflict(already);
  const appeal = await store.insertAppeal(db, { actionId, memberId, note });
  if (!appeal) throw new Conflict(already);
  return presentAppeal(appeal);
}
