import type { Actor } from "../../platform/actor.ts";
import { canManageGroup, canSeeGroupInside, type GroupStanding } from "../groups/access.ts";

/** What the policies need of a meeting. */
type Listing = {
  audience: "public" | "members";
  linkAudience: "public" | "signed_in" | "admitted";
  conferenceUrl: string | null;
  conferencePhone: string | null;
};

/**
 * May the viewer know this meeting exists? Public meetings: everyone. Members-only meetings: the
 * group's active members and the organisation's admins; to anyone else they do not exist.
 */
export const canSeeMeeting = (standing: GroupStanding, meeting: Pick<Listing, "audience">) =>
  meeting.audience === "public" || canSeeGroupInside(standing);

/** Facilitators, co-facilitators and organisation admins create, change and delete a group's meetings. */
export const canManageMeetings = (standing: GroupStanding) => canManageGroup(standing);

/** Going to a meeting and following it need an account and sight of the meeting. */
export const canAttend = (actor: Actor | null, standing: GroupStanding, meeting: Pick<Listing, "audience">) =>
  actor !== null && canSeeMeeting(standing, meeting);

/** Any signed-in member who can see a listing may suggest a change to it. */
export const canSuggestEdit = canAttend;

/** Only the people who run the group decide on suggested changes. */
export const canDecideSuggestion = (standing: GroupStanding) => canManageGroup(standing);

/**
 * May the viewer have the conference link and phone? `public`: anyone who sees the meeting;
 * `signed_in`: any signed-in member; `admitted`: the group's members and managers, and people a
 * greeter let into the meeting's open room (`admitted`, from the rooms feature). Returns why it is
 * held back, or null when it is not.
 */
export function linkHeldBack(
  actor: Actor | null,
  standing: GroupStanding,
  meeting: Listing,
  admitted = false,
): "signed_in" | "admitted" | null {
  if (meeting.conferenceUrl === null && meeting.conferencePhone === null) return null;
  if (meeting.linkAudience === "public") return null;
  if (meeting.linkAudience === "signed_in") return actor ? null : "signed_in";
  return canSeeGroupInside(standing) || canManageGroup(standing) || (actor !== null && admitted) ? null : "admitted";
}
