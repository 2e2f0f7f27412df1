import type { AttendMode, RoomEntry, RoomInfo, RoomRole } from "@kinship/contracts/rooms";
import type { Actor } from "../../platform/actor.ts";
import { canManageGroup, canSeeGroupInside, type GroupStanding } from "../groups/access.ts";

/** A person's place in one room: in the lobby or admitted, with their role and how they attend. */
export type Seat = {
  status: "lobby" | "admitted";
  role: RoomRole;
  mode: AttendMode;
  muted: boolean;
};

/** What the rules need of a room. */
export type RoomFacts = {
  status: "open" | "closed";
  entry: RoomEntry;
  locked: boolean;
  crossTalk: boolean;
  floorMemberId: string | null;
};

/** Where one person stands with one room: their group standing, their seat, whether they were removed. */
export type RoomStanding = { group: GroupStanding; seat: Seat | null; removed: boolean };

/** The group's facilitators, co-facilitators and organisation admins open rooms for its meetings. */
export const canOpenRoom = (group: GroupStanding) => canManageGroup(group);

/** Admitted and taking part (not listening only). */
const participating = (seat: Seat | null): seat is Seat =>
  seat !== null && seat.status === "admitted" && seat.mode === "participant";

/**
 * Runs the room: the room's facilitator, or one of the people who run the group while they are in it
 * (so a room is never left without someone who can keep it safe).
 */
export const canFacilitate = (s: RoomStanding) =>
  participating(s.seat) && (s.seat.role === "facilitator" || canManageGroup(s.group));

/** Closes the room: whoever runs it, or the group's managers from outside it. */
export const canCloseRoom = (s: RoomStanding) => canFacilitate(s) || canManageGroup(s.group);

/** Admits people from the lobby: greeters and facilitators. */
export const canGreet = (s: RoomStanding) => canFacilitate(s) || (participating(s.seat) && s.seat.role === "greeter");

/** Sees the lobby and receives hosts' events. */
export const isHost = canGreet;

/**
 * What happens when this person goes in. Group members pass the lobby; someone once admitted comes
 * back straight in (after a dropped connection); no one removed comes back into the same meeting.
 */
export function entryFor(actor: Actor | null, s: RoomStanding, room: RoomFacts | null): RoomInfo["viewer"]["entry"] {
  if (!actor) return "sign_in";
  if (room?.status !== "open") return "not_open";
  if (s.removed) return "removed";
  if (s.seat?.status === "admitted" || canManageGroup(s.group)) return "enter";
  if (room.locked) return "locked";
  if (room.entry === "open") return "enter";
  if (canSeeGroupInside(s.group)) return "enter";
  return room.entry === "lobby" ? "lobby" : "members_only";
}

/** Posts a message: a participant who is not muted, when cross-talk is on, or while holding the floor, or facilitating. */
export const canPost = (s: RoomStanding, room: RoomFacts, memberId: string) =>
  participating(s.seat) && !s.seat.muted && (room.crossTalk || room.floorMemberId === memberId || canFacilitate(s));

/** Quiet reactions: any participant (listeners stay unseen, so they do not react). */
export const canReact = (s: RoomStanding) => participating(s.seat);

/** Raises a hand to share: a participant who is not muted. */
export const canRaiseHand = (s: RoomStanding) => participating(s.seat) && !s.seat.muted;

/** Ends a share: the speaker, or whoever runs the room. */
export const canEndShare = (s: RoomStanding, room: RoomFacts, memberId: string) =>
  (participating(s.seat) && room.floorMemberId === memberId) || canFacilitate(s);

/** Who sees an event: `everyone` (the lobby too), `room` (admitted), `hosts`, or one member's id. */
export type Audience = "everyone" | "room" | "hosts" | (string & {});
export type Viewer = { memberId: string; status: "lobby" | "admitted"; host: boolean };

/** May this viewer receive an event addressed to this audience? */
export function canSeeEvent(viewer: Viewer, audience: Audience) {
  if (audience === "everyone") return true;
  if (audience === "room") return viewer.status === "admitted";
  if (audience === "hosts") return viewer.status === "admitted" && viewer.host;
  return audience === viewer.memberId;
}

/**
 * A member's words (messages, reactions, welcomes) do not reach someone who blocked or muted them;
 * the speaker is never told. `hidden` holds the blocker's hidden handles, in lower case.
 */
export function isHiddenFrom(hidden: ReadonlySet<string>, payload: unknown) {
  if (hidden.size === 0) return false;
  const p = payload as { kind?: string; from?: unknown; by?: unknown };
  const speaker = p.kind === "welcome" ? p.by : p.kind === "message" || p.kind === "reaction" ? p.from : null;
  return typeof speaker === "string" && hidden.has(speaker.toLowerCase());
}

/** Manages a group's readings and what its rooms keep: the people who run the group. */
export const canManageRoomsOf = (group: GroupStanding) => canManageGroup(group);
