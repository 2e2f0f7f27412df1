import type { Visibility } from "@kinship/contracts/common";
import type { Actor } from "../../platform/actor.ts";

/**
 * How the viewer stands to the member whose data is asked for; later features fill in more.
 * `sharesGroup`: both are active members of at least one same group (a pending request is not enough).
 */
export type Relation = { self: boolean; sharesGroup: boolean; isTheirMentor: boolean };

export const strangers: Relation = { self: false, sharesGroup: false, isTheirMentor: false };

/** Whether a viewer may see one profile field that its owner gave this visibility. */
export function canSeeField(relation: Relation, visibility: Visibility): boolean {
  if (relation.self || visibility === "public") return true;
  if (visibility === "group") return relation.sharesGroup || relation.isTheirMentor;
  if (visibility === "mentor") return relation.isTheirMentor;
  return false;
}

/** A member may end only their own sessions. */
export function canEndSession(actor: Actor, session: { memberId: string }): boolean {
  return session.memberId === actor.memberId;
}
