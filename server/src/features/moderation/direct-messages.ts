import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { moderationReports } from "../../db/schema.ts";
import { presentMyReport } from "./service.ts";
import { moderationStore as store } from "./store.ts";

type ReportInput = { reason: typeof import("@kinship/contracts/forums").REPORT_REASONS[number]; note: string };

/** One copied message of a reported conversation. `byReporter` lets the reporter's own words go with their account. */
export type ReportedMessage = {
  from: string | null;
  text: string;
  at: string;
  seq: number;
  /** Written by the reported member (the rest is the reporter's side, kept for context). */
  reported: boolean;
  byReporter: boolean;
};

/**
 * Files a report of a private conversation, for the direct messages feature, after its policy said
 * the reporter is one of the two people. Only the chosen messages are copied; a private conversation
 * belongs to no organisation, so the report goes to the community's moderators.
 */
export async function fileConversationReport(
  db: Db,
  input: ReportInput & { reporterId: string; subjectId: string; conversationId: string; messages: ReportedMessage[] },
) {
  const r = await store.insertReport(db, {
    kind: "direct_message",
    organisationId: null,
    reporterId: input.reporterId,
    subjectId: input.subjectId,
    snapshot: { conversation: input.conversationId, messages: input.messages },
    reason: input.reason,
    note: input.note,
  });
  return presentMyReport(r);
}

/** Before the reporter's account goes: their own messages leave the copies in their reports. */
export async function forgetReportedWordsOf(db: Db, memberId: string) {
  const rows = await db
    .select({ id: moderationReports.id, snapshot: moderationReports.snapshot })
    .from(moderationReports)
    .where(and(eq(moderationReports.reporterId, memberId), eq(moderationReports.kind, "direct_message")));
  for (const row of rows) {
    const snap = row.snapshot as { conversation?: string; messages?: ReportedMessage[] } | null;
    if (!snap?.messages) continue;
    const messages = snap.messages.filter((m) => !m.byReporter);
    await db
      .update(moderationReports)
      .set({ snapshot: { ...snap, messages } })
      .where(eq(moderationReports.id, row.id));
  }
}
