import type { CalendarFeed, MeetingImport } from "@kinship/contracts/directory";
import type { z } from "zod";
import type { ImportRow } from "./store.ts";

/** An import that says "running" this long after it started was lost to a restart. */
export const IMPORT_LOST_AFTER_MS = 60 * 60_000;
const LOST = "This import stopped when the server restarted, so nothing from it was saved. Please start it again.";

/** An import as its organisation's admins see it: progress, then the report. */
export function presentImport(row: ImportRow, now = new Date()): MeetingImport {
  const lost = row.status === "running" && now.getTime() - row.createdAt.getTime() > IMPORT_LOST_AFTER_MS;
  const report = row.report as MeetingImport["report"];
  return {
    id: row.id,
    status: lost ? "failed" : (row.status as MeetingImport["status"]),
    source: row.source,
    total: row.total,
    processed: row.processed,
    report: report ?? null,
    error: lost ? LOST : row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The member's calendar feed: the address only right after it was made, since only its hash is kept. */
export const presentCalendarFeed = (
  createdAt: Date | null,
  url: string | null = null,
): z.infer<typeof CalendarFeed> => ({
  url,
  createdAt: createdAt?.toISOString() ?? null,
});
