import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { groupMembers, groups, organisationAdmins } from "../../db/schema.ts";
import type { Actor } from "../../platform/actor.ts";

/**
 * Where a viewer stands with one group. Every feature that shows or changes something of a group
 * (its meetings, boards, rooms) asks this first, so the rules live in one place.
 */
export type GroupStanding = {
  /** An active member of the group, in any role. */
  member: boolean;
  /** Asked to join a closed group and not yet answered. */
  requested: boolean;
  role: "member" | "co_facilitator" | "facilitator" | null;
  /** Admin of the organisation that holds the group. */
  orgAdmin: boolean;
};

export const NO_STANDING: GroupStanding = { member: false, requested: false, role: null, orgAdmin: false };

/** The viewer's standing in a group; a stranger (or no one signed in) has none. */
export async function standingIn(db: Db, actor: Actor | null, groupId: string): Promise<GroupStanding> {
  if (!actor) return NO_STANDING;
  const [row] = await db
    .select({ role: groupMembers.role, status: groupMembers.status, admin: organisationAdmins.memberId })
    .from(groups)
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.memberId, actor.memberId)))
    .leftJoin(
      organisationAdmins,
      and(
        eq(organisationAdmins.organisationId, groups.organisationId),
        eq(organisationAdmins.memberId, actor.memberId),
      ),
    )
    .where(eq(groups.id, groupId))
    .limit(1);
  if (!row) return NO_STANDING;
  const active = row.status === "active";
  return {
    member: active,
    requested: row.status === "requested",
    role: active ? row.role : null,
    orgAdmin: row.admin !== null,
  };
}

/** Facilitators, co-facilitators and the organisation's admins run a group: edit it, its meetings, its members. */
export const canManageGroup = (s: GroupStanding) =>
  s.orgAdmin || s.role === "facilitator" || s.role === "co_facilitator";

/** Members-only things of a group (its member list, members-only meetings, its board). */
export const canSeeGroupInside = (s: GroupStanding) => s.member || s.orgAdmin;

/** Only facilitators and admins hand out roles; co-facilitators help run meetings. */
export const canAssignRoles = (s: GroupStanding) => s.orgAdmin || s.role === "facilitator";

/** Is the viewer an admin of this organisation? */
export async function isOrganisationAdmin(db: Db, actor: Actor | null, organisationId: string) {
  if (!actor) return false;
  const rows = await db
    .select({ id: organisationAdmins.memberId })
    .from(organisationAdmins)
    .where(and(eq(organisationAdmins.organisationId, organisationId), eq(organisationAdmins.memberId, actor.memberId)))
    .limit(1);
  return rows.length > 0;
}

/** Is the viewer an admin of any organisation here? (Instance-wide content, such as the mentor training.) */
export async function isAnyOrganisationAdmin(db: Db, actor: Actor | null) {
  if (!actor) return false;
  const rows = await db
    .select({ id: organisationAdmins.memberId })
    .from(organisationAdmins)
    .where(eq(organisationAdmins.memberId, actor.memberId))
    .limit(1);
  return rows.length > 0;
}
