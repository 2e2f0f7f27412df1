/**
 * Who may do what in safety. A scope is an organisation id, or null for the public community.
 * Responders act only on alerts of their own scopes; organisation admins (and, for the community,
 * community moderators) grant roles and curate services; professionals review coping strategies.
 */
export type Scope = string | null;
export type SafetyStanding = {
  responderOf: Scope[];
  adminOf: Scope[];
  professionalOf: Scope[];
};

const has = (scopes: Scope[], scope: Scope) => scopes.some((s) => s === scope);

/** A responder sees and handles only the alerts of the organisation (or community) they serve. */
export const canHandleAlert = (s: SafetyStanding, alert: { organisationId: Scope }) =>
  has(s.responderOf, alert.organisationId);

/** Only the responder who claimed an alert writes to its author and closes it. */
export const canActOnClaimed = (
  s: SafetyStanding,
  alert: { organisationId: Scope; claimedBy: string | null; status: string },
  memberId: string,
) => canHandleAlert(s, alert) && alert.status === "claimed" && alert.claimedBy === memberId;

/** The author may read and answer the conversation a responder opened with them. */
export const isAlertAuthor = (alert: { authorId: string }, memberId: string) => alert.authorId === memberId;

/** Admins of a scope grant responders and professionals there. */
export const canManageRoles = (s: SafetyStanding, scope: Scope) => has(s.adminOf, scope);

/** Admins of an organisation curate its directory of professional services. */
export const canManageServices = (s: SafetyStanding, organisationId: string) => has(s.adminOf, organisationId);

/** A professional of the place a post was made may mark it; only coping strategies are reviewed. */
export const canReviewPost = (s: SafetyStanding, post: { organisationId: Scope; kind: string }) =>
  post.kind === "coping_strategy" && has(s.professionalOf, post.organisationId);
