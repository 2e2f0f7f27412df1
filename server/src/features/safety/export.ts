import type { SafetyExport } from "@kinship/contracts/safety";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { safetyAlertMessages, safetyAlerts, safetyProfessionals, safetyResponders } from "../../db/schema.ts";

/**
 * The member's section of their export: the alerts their own words raised (never a responder's
 * notes), the conversations responders had with them, and any safety roles they hold. On account
 * deletion all of it goes with the account (ON DELETE CASCADE); messages they sent as a responder
 * stay in the other member's conversation with no name.
 */
export async function exportSafety(db: Db, memberId: string): Promise<SafetyExport> {
  const alerts = await db
    .select({
      id: safetyAlerts.id,
      source: safetyAlerts.source,
      place: safetyAlerts.place,
      severity: safetyAlerts.severity,
      category: safetyAlerts.category,
      rule: safetyAlerts.rule,
      status: safetyAlerts.status,
      outcome: safetyAlerts.outcome,
      createdAt: safetyAlerts.createdAt,
    })
    .from(safetyAlerts)
    .where(eq(safetyAlerts.authorId, memberId));
  const messages = await db
    .select({
      alertId: safetyAlertMessages.alertId,
      fromResponder: safetyAlertMessages.fromResponder,
      body: safetyAlertMessages.body,
      createdAt: safetyAlertMessages.createdAt,
    })
    .from(safetyAlertMessages)
    .innerJoin(safetyAlerts, eq(safetyAlerts.id, safetyAlertMessages.alertId))
    .where(eq(safetyAlerts.authorId, memberId));
  const responder = await db
    .select({ organisationId: safetyResponders.organisationId })
    .from(safetyResponders)
    .where(eq(safetyResponders.memberId, memberId));
  const professional = await db
    .select({ organisationId: safetyProfessionals.organisationId, title: safetyProfessionals.title })
    .from(safetyProfessionals)
    .where(eq(safetyProfessionals.memberId, memberId));
  return {
    alerts: alerts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    roles: [
      ...responder.map((r) => ({ role: "responder" as const, organisationId: r.organisationId })),
      ...professional.map((r) => ({ role: "professional" as const, organisationId: r.organisationId, title: r.title })),
    ],
  };
}
