import type { GroupShareItem, ShareItem } from "@kinship/contracts/progress";
import type { Actor } from "../../platform/actor.ts";

type Owned = { memberId: string };
type PartnershipSides = { requesterId: string; partnerId: string; status: "pending" | "active" | "ended" };

/**
 * Who may do what with progress data. Journeys, check-ins, goals and the plan are the member's
 * alone; nobody else (another member, a moderator, an admin) is ever allowed to read or change them.
 * A partner may read an item only while the partnership is active and the owner shares that item.
 */

/** Only the owner may read or change their own journeys, check-ins, goals and plan. */
export const canManageOwn = (actor: Actor, row: Owned) => row.memberId === actor.memberId;

export const isSideOf = (actor: Actor, p: PartnershipSides) =>
  p.requesterId === actor.memberId || p.partnerId === actor.memberId;

/** The member on the other side of a partnership from the actor. */
export const otherSide = (actor: Actor, p: PartnershipSides) =>
  p.requesterId === actor.memberId ? p.partnerId : p.requesterId;

/** Either side may see a live (pending or active) partnership; nobody sees an ended one in the list. */
export const canSeePartnership = (actor: Actor, p: PartnershipSides) => isSideOf(actor, p) && p.status !== "ended";

/** Only the invited member accepts, and only while the invitation is pending. */
export const canAccept = (actor: Actor, p: PartnershipSides) =>
  p.partnerId === actor.memberId && p.status === "pending";

/** Either side may end (or decline, or withdraw) a live partnership at any time. */
export const canEnd = (actor: Actor, p: PartnershipSides) => canSeePartnership(actor, p);

/** Each side chooses, item by item, what it shares; only with a live partnership. */
export const canSetShares = (actor: Actor, p: PartnershipSides) => canSeePartnership(actor, p);

/** Encouragement goes only between active partners. */
export const canEncourage = (actor: Actor, p: PartnershipSides) => isSideOf(actor, p) && p.status === "active";

/**
 * Whether the actor may see one item of the other side's data: the partnership is active and the
 * other side shares exactly that item. Notes and private words are never an item at all.
 */
export const canSeeShared = (actor: Actor, p: PartnershipSides, theirShares: readonly ShareItem[], item: ShareItem) =>
  isSideOf(actor, p) && p.status === "active" && theirShares.includes(item);

/** Where someone stands in one group, as far as shared progress is concerned. */
type Membership = { member: boolean };

/** A member shares with a group only while they are an active member of it (not while a request waits). */
export const canShareWithGroup = (standing: Membership) => standing.member;

/**
 * Only the group's current members see what its members share with it. Running the organisation,
 * moderating, or facilitating another group gives no view of it; neither does a request to join.
 */
export const canSeeGroupShares = (standing: Membership) => standing.member;

/**
 * Whether a member of the group may see one item of a fellow member's: the viewer is in the group,
 * the sharer still is, and the sharer shares exactly that item with this group.
 */
export const canSeeGroupShared = (
  viewer: Membership,
  sharer: Membership,
  theirShares: readonly GroupShareItem[],
  item: ShareItem,
) => viewer.member && sharer.member && (theirShares as readonly ShareItem[]).includes(item);
