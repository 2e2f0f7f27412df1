import type { Actor } from "../../platform/actor.ts";

type Sides = {
  mentorId: string;
  menteeId: string;
  status: "requested" | "active" | "declined" | "withdrawn" | "ended";
  handoffProposedAt: Date | null;
  /** `direct`: a conversation outside a mentorship (messages only). Absent means a mentorship. */
  kind?: "mentorship" | "direct";
};
const isDirect = (m: Sides) => m.kind === "direct";

/**
 * Who may do what in mentorship. A mentorship and its conversation belong to its two people only:
 * no one else (another member, an admin, a moderator) reads it here. Moderators will see reported
 * messages only through a report, in the moderation feature.
 */

export const isMentorOf = (actor: Actor, m: Sides) => m.mentorId === actor.memberId;
export const isMenteeOf = (actor: Actor, m: Sides) => m.menteeId === actor.memberId;
export const isSideOf = (actor: Actor, m: Sides) => isMentorOf(actor, m) || isMenteeOf(actor, m);
/** The member on the other side from the actor. */
export const otherSide = (actor: Actor, m: Sides) => (isMentorOf(actor, m) ? m.menteeId : m.mentorId);

/** Only the two people see a mentorship, in any state. */
export const canSeeMentorship = (actor: Actor, m: Sides) => isSideOf(actor, m);
/** The mentor answers a request, while it waits. */
export const canAnswer = (actor: Actor, m: Sides) => isMentorOf(actor, m) && m.status === "requested";
/** The member who asked may take the request back while it waits. */
export const canWithdraw = (actor: Actor, m: Sides) => isMenteeOf(actor, m) && m.status === "requested";
/** Either side may end an active mentorship, with a closing note. */
export const canEnd = (actor: Actor, m: Sides) => isSideOf(actor, m) && m.status === "active" && !isDirect(m);
/** Messages only inside an active mentorship, between its two people. */
export const canMessage = (actor: Actor, m: Sides) => isSideOf(actor, m) && m.status === "active";
/** Either side reads its own conversation, also after it ended. */
export const canReadConversation = (actor: Actor, m: Sides) => isSideOf(actor, m) && m.status !== "requested";
/**
 * Either side may report the conversation to the moderators, also after it ended; the report copies
 * only the messages they choose. A moderator reads nothing else of it.
 */
export const canReportConversation = (actor: Actor, m: Sides) => canReadConversation(actor, m);
/** The mentee chooses what to share, and may revoke it at any time. */
export const canShare = (actor: Actor, m: Sides) => isMenteeOf(actor, m) && m.status === "active" && !isDirect(m);
/** The mentor sees what the mentee shares, only while the mentorship is active. */
export const canSeeShared = (actor: Actor, m: Sides) => isMentorOf(actor, m) && m.status === "active" && !isDirect(m);
/** A mentor who needs a break may suggest a hand-off, once. */
export const canProposeHandoff = (actor: Actor, m: Sides) =>
  isMentorOf(actor, m) && m.status === "active" && m.handoffProposedAt === null && !isDirect(m);
/** The mentee agrees to (or turns down) a suggested hand-off; the mentor may take it back. */
export const canAnswerHandoff = (actor: Actor, m: Sides) =>
  isMenteeOf(actor, m) && m.status === "active" && m.handoffProposedAt !== null;
export const canCancelHandoff = (actor: Actor, m: Sides) =>
  isSideOf(actor, m) && m.status === "active" && m.handoffProposedAt !== null;

/** Only someone who passed the training publishes a mentor profile. */
export const canPublishProfile = (trained: boolean) => trained;
/** Organisation admins edit the training content. */
export const canEditTraining = (orgAdmin: boolean) => orgAdmin;
/** No one asks themselves to be their mentor. */
export const canRequest = (actor: Actor, mentorMemberId: string) => actor.memberId !== mentorMemberId;

/**
 * May `actor` start (or, having started it, keep writing in) a direct conversation with a member
 * outside a mentorship? Only if that member allowed it for someone like them (no one by default),
 * never across a block, and not while the actor's trust does not allow direct messages yet.
 */
export const canDirectMessage = (
  actor: Actor,
  to: {
    memberId: string;
    allow: "nobody" | "partners" | "groups";
    partners: boolean;
    sameGroup: boolean;
    blocked: boolean;
    trusted: boolean;
  },
) =>
  actor.memberId !== to.memberId &&
  !to.blocked &&
  to.trusted &&
  (to.allow === "groups" ? to.partners || to.sameGroup : to.allow === "partners" ? to.partners : false);
