import type { Db } from "../../db/client.ts";
import { moderationAudit } from "../../db/schema.ts";

/** One line of the moderation audit log: what a moderator did or looked at, never the private words. */
export type AuditRecord = {
  organisationId: string | null;
  /** Null when the instance operator did it (events prefixed `operator_`). */
  moderatorId: string | null;
  event: string;
  subjectId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: string;
};

/** Records a moderator's action or view for the scope's admins (the forums call it too). */
export async function recordAudit(db: Db, r: AuditRecord) {
  await db.insert(moderationAudit).values({
    organisationId: r.organisationId,
    moderatorId: r.moderatorId,
    event: r.event,
    subjectId: r.subjectId ?? null,
    targetType: r.targetType ?? null,
    targetId: r.targetId ?? null,
    detail: r.detail ?? "",
  });
}
