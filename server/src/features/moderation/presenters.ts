import type { Actor } from "../../platform/actor.ts";
import type { ActionRow, AppealRow, MediationRow } from "./store.ts";

/** Allow-lists for moderation's answers: nothing leaves but what is named here. */

export const iso = (d: string | Date) => new Date(d).toISOString();

export function presentAction(a: ActionRow, handles: Map<string, string>) {
  return {
    id: a.id,
    kind: a.kind,
    reason: a.reason,
    createdAt: a.createdAt.toISOString(),
    endsAt: a.endsAt?.toISOString() ?? null,
    revoked: a.revokedAt !== null,
    moderatorHandle: a.moderatorId ? (handles.get(a.moderatorId) ?? null) : null,
  };
}

export function presentAppeal(a: AppealRow) {
  return {
    id: a.id,
    status: a.status,
    note: a.note,
    decisionNote: a.status === "open" ? null : a.decisionNote,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

/** An action as the member it concerns reads it: never who the moderator was. */
export function presentNotice(
  r: { action: ActionRow; appeal: AppealRow | null; threadId: string | null; threadTitle: string | null },
  _viewer: Actor,
  now = new Date(),
) {
  const a = r.action;
  const active = a.revokedAt === null && (a.endsAt === null || a.endsAt > now);
  return {
    id: a.id,
    kind: a.kind,
    reason: a.reason,
    createdAt: a.createdAt.toISOString(),
    endsAt: a.endsAt?.toISOString() ?? null,
    active,
    post:
      a.postId && r.threadId && r.threadTitle !== null
        ? { id: a.postId, threadId: r.threadId, threadTitle: r.threadTitle }
        : null,
    appeal: r.appeal ? presentAppeal(r.appeal) : null,
    canAppeal: !r.appeal && a.revokedAt === null,
  };
}

export function presentMediation(
  r: { mediation: MediationRow; groupName: string },
  viewer: Actor,
  handles: Map<string, string>,
) {
  const m = r.mediation;
  const role =
    m.requesterId === viewer.memberId
      ? "requester"
      : m.otherId === viewer.memberId
        ? "other"
        : m.mediatorId === viewer.memberId
          ? "mediator"
          : "available";
  return {
    id: m.id,
    groupName: r.groupName,
    status: m.status,
    requesterHandle: handles.get(m.requesterId) ?? "",
    otherHandle: handles.get(m.otherId) ?? "",
    mediatorHandle: m.mediatorId ? (handles.get(m.mediatorId) ?? null) : null,
    // The requester's words are for the three people in it; a facilitator deciding whether to take it sees them only once they do.
    note: role === "available" ? null : m.note,
    outcome: m.outcome,
    createdAt: m.createdAt.toISOString(),
    role: role as "requester" | "other" | "mediator" | "available",
  };
}
