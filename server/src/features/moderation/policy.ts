import type { Actor } from "../../platform/actor.ts";

/*
 * Who may do what in moderation: the only place these rules live. A scope is the public community
 * (its moderators are the community moderators, who also name one another) or an organisation (its
 * admins, and the moderators they name).
 */

/** Where a viewer stands with one moderation scope. */
export type ScopeStanding = { moderator: boolean; admin: boolean };
export const NO_SCOPE: ScopeStanding = { moderator: false, admin: false };

/** Works the scope's queue: sees reported content in context, acts, decides appeals. */
export const canModerate = (s: ScopeStanding) => s.moderator || s.admin;
/** Reads the scope's audit log. */
export const canReadAudit = (s: ScopeStanding) => s.admin;
/** Names and removes the scope's moderators. */
export const canNameModerators = (s: ScopeStanding) => s.admin;
/** No one moderates themselves. */
export const canActOn = (actor: Actor, s: ScopeStanding, memberId: string) =>
  canModerate(s) && actor.memberId !== memberId;
/** A scope's moderators act directly only on members of the scope (everyone is in the community). */
export const canReachMember = (tiedToScope: boolean) => tiedToScope;
/** An appeal goes to a different moderator than the one who acted (and never to the member). */
export const canDecideAppeal = (
  actor: Actor,
  s: ScopeStanding,
  action: { moderatorId: string | null; memberId: string },
) => canModerate(s) && action.moderatorId !== actor.memberId && action.memberId !== actor.memberId;
/** The member appeals an action on them once. */
export const canAppeal = (memberId: string, action: { memberId: string }, hasAppeal: boolean) =>
  action.memberId === memberId && !hasAppeal;
/** Trust is account-wide: any moderator may raise or lower it, never their own. */
export const canSetTrust = (actor: Actor, moderatesSomewhere: boolean, memberId: string) =>
  moderatesSomewhere && actor.memberId !== memberId;
/** Reporting oneself or blocking oneself makes no sense. */
export const canReportMember = (actor: Actor, memberId: string) => actor.memberId !== memberId;
export const canBlock = canReportMember;

/** Where someone stands with a group for mediation. */
export type MediationStanding = {
  /** Active member of the group, any role. */
  inGroup: boolean;
  /** Facilitator or co-facilitator of another group of the same organisation, or its admin. */
  facilitatorElsewhere: boolean;
};
/** Both people must be in the group; one asks about the other. */
export const canRequestMediation = (actor: Actor, requester: MediationStanding, otherId: string) =>
  requester.inGroup && actor.memberId !== otherId;
/** A facilitator of the organisation who is not involved: not in the group, not one of the two. */
export const canMediate = (
  actor: Actor,
  s: MediationStanding,
  m: { requesterId: string; otherId: string; mediatorId: string | null },
) =>
  s.facilitatorElsewhere &&
  !s.inGroup &&
  actor.memberId !== m.requesterId &&
  actor.memberId !== m.otherId &&
  (m.mediatorId === null || m.mediatorId === actor.memberId);
/** The three people in a mediation read it; no one else. */
export const canReadMediation = (
  actor: Actor,
  m: { requesterId: string; otherId: string; mediatorId: string | null },
) => [m.requesterId, m.otherId, m.mediatorId].includes(actor.memberId);
