import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { isOrganisationAdmin } from "../groups/access.ts";

/**
 * Who may see what in a feed. Feeds are read by apps without a session, so they follow the strictest
 * reading of each meeting's settings.
 */

type Listing = { linkAudience: "public" | "signed_in" | "admitted" };

/** Public feeds (Meeting Guide, a group's calendar) carry a conference link only when it is public. */
export const linkIsPublic = (m: Listing) => m.linkAudience === "public";

/**
 * A member's private calendar may carry the link when the member may see it without a greeter:
 * `public` and `signed_in` links. A link kept for people a greeter admits never goes into a calendar.
 */
export const linkInMemberCalendar = (m: Listing) => m.linkAudience !== "admitted";

/** A followed meeting stays in the member's calendar while they may still see it. */
export const canSeeInCalendar = (m: {
  audience: "public" | "members";
  memberStatus: "active" | "requested" | null;
  orgAdmin: string | null;
}) => m.audience === "public" || m.memberStatus === "active" || m.orgAdmin !== null;

/** Only the organisation's admins import meetings into it and read its imports. */
export const canImportInto = (db: Db, actor: Actor, organisationId: string) =>
  isOrganisationAdmin(db, actor, organisationId);
