import { canAssignRoles, canManageGroup, canSeeGroupInside, type GroupStanding } from "./access.ts";

/**
 * Who may do what with organisations and groups; the only place these rules are decided. Standing in
 * a group comes from access.ts (`standingIn`); organisation rights from `isOrganisationAdmin`.
 */

/** Any signed-in member may start an organisation (they become its first admin). */
export const canCreateOrganisation = (signedIn: boolean) => signedIn;

/** Organisation admins change its details and its list of admins. */
export const canEditOrganisation = (isAdmin: boolean) => isAdmin;
export const canSeeOrganisationAdmins = (isAdmin: boolean) => isAdmin;
export const canManageOrganisationAdmins = (isAdmin: boolean) => isAdmin;

/** Only the organisation's admins start groups in it. */
export const canCreateGroup = (isAdminOfOrganisation: boolean) => isAdminOfOrganisation;

/** Facilitators, co-facilitators and organisation admins edit the group. */
export const canEditGroup = (s: GroupStanding) => canManageGroup(s);

/** Active members and the organisation's admins see who is in the group, and how many. */
export const canSeeMembers = (s: GroupStanding) => canSeeGroupInside(s);
export const canSeeMemberCount = (s: GroupStanding) => canSeeGroupInside(s);

/** Requests to join (and what people wrote with them) are for the people who answer them. */
export const canSeeRequests = (s: GroupStanding) => canManageGroup(s);
export const canDecideRequests = (s: GroupStanding) => canManageGroup(s);

/** Facilitators and organisation admins hand out roles. */
export const canChangeRole = (s: GroupStanding) => canAssignRoles(s);

/**
 * Managers may remove a member; removing someone who helps run the group (a facilitator or
 * co-facilitator) takes the right to assign roles, so a co-facilitator cannot remove a facilitator.
 */
export const canRemoveMember = (s: GroupStanding, target: { role: string }) =>
  canManageGroup(s) && (target.role === "member" || canAssignRoles(s));

/** Anyone signed in who is not yet in the group (nor waiting) may ask to join. */
export const canJoin = (s: GroupStanding) => !s.member && !s.requested;
