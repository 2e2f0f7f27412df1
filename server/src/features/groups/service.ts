import type { GroupCreate, GroupListQuery, GroupRole, GroupUpdate } from "@kinship/contracts/directory";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, NotFound } from "../../platform/errors.ts";
import type { Limits } from "../../platform/limits.ts";
import { refreshGroupSearch } from "../meetings/store.ts";
import { canManageGroup, type GroupStanding, isOrganisationAdmin, standingIn } from "./access.ts";
import {
  canChangeRole,
  canCreateGroup,
  canDecideRequests,
  canEditGroup,
  canJoin,
  canRemoveMember,
  canSeeMemberCount,
  canSeeMembers,
  canSeeRequests,
} from "./policy.ts";
import { presentGroup, presentGroupMember, presentGroupSummary, presentMyGroup } from "./presenters.ts";
import { type MembershipRow, groupsStore as store } from "./store.ts";

const NO_GROUP = "There's no such group.";
const REMOVE_ONLY = "Only the group's facilitators and admins can remove someone from it.";

/**
 * The rule that keeps a group looked after: its last facilitator cannot leave, be removed or step
 * down while other members remain; they hand the role to someone first. Alone, they may leave.
 */
async function assertNotLastFacilitator(db: Db, target: MembershipRow, message: string) {
  if (target.status !== "active" || target.role !== "facilitator") return;
  const others = await store.othersIn(db, target.groupId, target.memberId);
  if (others.facilitators === 0 && others.members > 0) throw new Conflict(message);
}

const LAST_FACILITATOR_LEAVING =
  "You're this group's only facilitator. Before you go, please make another member a facilitator, so the group still has someone to look after it.";
const LAST_FACILITATOR_OTHER =
  "This is the group's only facilitator. Please make another member a facilitator first, so the group still has someone to look after it.";

/** Groups: listing, creating and editing them, joining and leaving, requests and roles. */
export function createGroupsService({ db, limits }: { db: Db; limits: Limits }) {
  /** The group and the viewer's standing in it, or 404. */
  async function groupAndStanding(actor: Actor | null, id: string) {
    const group = await store.findGroup(db, id);
    if (!group) throw new NotFound(NO_GROUP);
    return { group, standing: await standingIn(db, actor, id) };
  }

  async function requireStanding(actor: Actor, id: string, allowed: (s: GroupStanding) => boolean, message: string) {
    const found = await groupAndStanding(actor, id);
    if (!allowed(found.standing)) throw new Forbidden(message);
    return found;
  }

  /** The active member with that handle, or 404 (a request is not a member). */
  async function activeMember(tx: Db, groupId: string, handle: string) {
    const member = await store.memberIdByHandle(tx, handle);
    const membership = member ? await store.findMembership(tx, groupId, member.id) : null;
    if (!member || membership?.status !== "active") throw new NotFound("That member isn't in this group.");
    return { member, membership };
  }

  async function present(actor: Actor | null, id: string) {
    const standing = await standingIn(db, actor, id);
    const seeInside = canSeeMemberCount(standing);
    const row = await store.findGroupDetail(db, id, seeInside);
    if (!row) throw new NotFound(NO_GROUP);
    const memberCount = seeInside ? await store.countActiveMembers(db, id) : null;
    return presentGroup(row, standing, memberCount);
  }

  return {
    /** Every group, open or closed, with the filters given; anyone may look. */
    async list(query: z.infer<typeof GroupListQuery>) {
      const rows = await store.listGroups(db, query);
      return { items: rows.map(presentGroupSummary) };
    },

    get: present,

    /**
     * An organisation admin starts a group in their organisation. They become its first facilitator
     * (they wrote its agreement), so requests have someone to answer them; they can hand the role on.
     */
    async create(actor: Actor, input: GroupCreate) {
      const { organisationId, ...fields } = input;
      const organisation = await store.findOrganisation(db, organisationId, actor.memberId);
      if (!organisation) throw new NotFound("There's no such organisation.");
      if (!canCreateGroup(await isOrganisationAdmin(db, actor, organisationId))) {
        throw new Forbidden("Only the organisation's admins can start a group in it.");
      }
      const id = await db.transaction(async (tx) => {
        const group = await store.insertGroup(tx, { organisationId, ...fields });
        await store.insertMembership(tx, {
          groupId: group.id,
          memberId: actor.memberId,
          role: "facilitator",
          status: "active",
          agreementAcceptedAt: new Date(),
        });
        return group.id;
      });
      return present(actor, id);
    },

    /** Facilitators, co-facilitators and admins edit a group; a new name reaches the meeting search. */
    async update(actor: Actor, id: string, changes: GroupUpdate) {
      const { group } = await requireStanding(
        actor,
        id,
        canEditGroup,
        "Only the group's facilitators and the organisation's admins can change it.",
      );
      if (Object.keys(changes).length > 0) {
        await db.transaction(async (tx) => {
          await store.updateGroup(tx, id, changes);
          if (changes.name !== undefined && changes.name !== group.name) await refreshGroupSearch(tx, id, changes.name);
        });
      }
      return present(actor, id);
    },

    /**
     * Joining means accepting the confidentiality agreement (stored with the time). An open group
     * takes the member at once; a closed one records a request that its facilitators answer.
     */
    async join(actor: Actor, id: string, message: string | undefined) {
      const { group, standing } = await groupAndStanding(actor, id);
      if (!canJoin(standing)) {
        throw new Conflict(
          standing.member
            ? "You're already a member of this group."
            : "You've already asked to join. The facilitators will answer soon.",
        );
      }
      const closed = group.membership === "closed";
      if (closed) await limits.hit("joinRequestsPerMember", actor.memberId);
      const row = await store.insertMembership(db, {
        groupId: id,
        memberId: actor.memberId,
        role: "member",
        status: closed ? "requested" : "active",
        agreementAcceptedAt: new Date(),
        requestMessage: closed && message ? message : null,
      });
      if (!row) throw new Conflict("You're already in this group, or waiting for an answer.");
      return present(actor, id);
    },

    /** Leave a group, or withdraw a request. The last facilitator hands the role on first. */
    async leave(actor: Actor, id: string) {
      await groupAndStanding(actor, id);
      await db.transaction(async (tx) => {
        await store.lockGroup(tx, id);
        const own = await store.findMembership(tx, id, actor.memberId);
        if (!own) throw new NotFound("You're not in this group.");
        await assertNotLastFacilitator(tx, own, LAST_FACILITATOR_LEAVING);
        await store.deleteMembership(tx, id, actor.memberId);
      });
    },

    /** Who is in the group: for its members and admins; pending requests only for those who answer them. */
    async members(actor: Actor, id: string) {
      const { standing } = await requireStanding(
        actor,
        id,
        canSeeMembers,
        "Only the group's members can see who else is in it.",
      );
      const withRequests = canSeeRequests(standing);
      const rows = await store.listMembers(db, id, withRequests);
      return { items: rows.map((r) => presentGroupMember(r, withRequests)) };
    },

    async approve(actor: Actor, id: string, handle: string) {
      await requireStanding(actor, id, canDecideRequests, "Only the group's facilitators can answer requests.");
      const member = await store.memberIdByHandle(db, handle);
      const row = member ? await store.activateRequest(db, id, member.id) : null;
      if (!member || !row) throw new NotFound("There's no request from that member.");
      return presentGroupMember({ ...row, handle: member.handle }, false);
    },

    /** Declining removes the request; the member may ask again later. */
    async decline(actor: Actor, id: string, handle: string) {
      await requireStanding(actor, id, canDecideRequests, "Only the group's facilitators can answer requests.");
      const member = await store.memberIdByHandle(db, handle);
      const request = member ? await store.findMembership(db, id, member.id) : null;
      if (!member || request?.status !== "requested") throw new NotFound("There's no request from that member.");
      await store.deleteMembership(db, id, member.id);
    },

    async changeRole(actor: Actor, id: string, handle: string, role: GroupRole) {
      await requireStanding(actor, id, canChangeRole, "Only the group's facilitators and admins can change roles.");
      return db.transaction(async (tx) => {
        await store.lockGroup(tx, id);
        const { member, membership } = await activeMember(tx, id, handle);
        if (role !== "facilitator") await assertNotLastFacilitator(tx, membership, LAST_FACILITATOR_OTHER);
        const row = await store.setRole(tx, id, member.id, role);
        if (!row) throw new NotFound("That member isn't in this group.");
        return presentGroupMember({ ...row, handle: member.handle }, false);
      });
    },

    /** Managers remove a member; only facilitators and admins remove someone who helps run the group. */
    async removeMember(actor: Actor, id: string, handle: string) {
      // Refuse non-managers before looking the person up, so nobody learns who is in a closed group.
      const { standing } = await requireStanding(actor, id, canManageGroup, REMOVE_ONLY);
      await db.transaction(async (tx) => {
        await store.lockGroup(tx, id);
        const { member, membership } = await activeMember(tx, id, handle);
        if (!canRemoveMember(standing, membership)) throw new Forbidden(REMOVE_ONLY);
        await assertNotLastFacilitator(tx, membership, LAST_FACILITATOR_OTHER);
        await store.deleteMembership(tx, id, member.id);
      });
    },

    /** The signed-in member's groups and pending requests. */
    async mine(actor: Actor) {
      return { items: (await store.listMyGroups(db, actor.memberId)).map(presentMyGroup) };
    },
  };
}

export type GroupsService = ReturnType<typeof createGroupsService>;
