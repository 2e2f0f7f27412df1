import type {
  GroupSharedProgress,
  GroupShareItem,
  GroupSharer,
  GroupSharesUpdate,
  MyGroupShare,
} from "@kinship/contracts/progress";
import type { Db } from "../../db/client.ts";
import { recordAccess } from "../../platform/access-log.ts";
import type { Actor } from "../../platform/actor.ts";
import { Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import { standingIn } from "../groups/access.ts";
import { hiddenAuthorsFor, isBlocked } from "../moderation/blocks.ts";
import { readSharedItems } from "./partners.ts";
import { canSeeGroupShared, canSeeGroupShares, canShareWithGroup } from "./policy.ts";
import { groupSharesStore as store } from "./store.ts";

const NO_GROUP = "We couldn't find that group.";
/** How far back the group sees a member's shared mood and craving: enough for a trend, no more. */
const GROUP_CHECKIN_DAYS = 28;
/** A group page stays open and refreshes itself: one viewer's looks this close together are logged once. */
const SAME_LOOK_MS = 5 * 60_000;

const unique = (items: readonly GroupShareItem[]) => [...new Set(items)];

/**
 * Progress shared with a group: a member chooses, group by group and item by item, what the
 * group's other current members see. Leaving or being removed ends it at once (the rows hang on
 * the membership); every view by someone else is written to the sharer's access log.
 */
export function createGroupSharesService({ db, now }: { db: Db; now: () => Date }) {
  return {
    /** Every group the member is in now, with what they share with each. */
    async mine(actor: Actor): Promise<{ items: MyGroupShare[] }> {
      const groups = await store.myGroups(db, actor.memberId);
      const shares = await store.sharesOf(db, actor.memberId);
      return {
        items: groups.map((group) => ({
          group,
          shares: shares.filter((s) => s.groupId === group.id).map((s) => s.item),
        })),
      };
    },

    async set(actor: Actor, input: GroupSharesUpdate): Promise<MyGroupShare> {
      const group = await store.group(db, input.groupId);
      if (!group) throw new NotFound(NO_GROUP, "groupId");
      const notIn = new Invalid("You can share only with a group you're a member of.", "groupId");
      if (!canShareWithGroup(await standingIn(db, actor, group.id))) throw notIn;
      const shares = unique(input.shares);
      if (!(await store.setShares(db, group.id, actor.memberId, shares))) throw notIn;
      return { group, shares };
    },

    /**
     * What the group's members share with it, for a current member of the group. A sharer who has
     * blocked the viewer, or whom the viewer has blocked or muted, is left out without a word.
     */
    async shared(actor: Actor, groupId: string): Promise<GroupSharedProgress> {
      const group = await store.group(db, groupId);
      if (!group) throw new NotFound(NO_GROUP);
      const viewer = await standingIn(db, actor, group.id);
      if (!canSeeGroupShares(viewer)) throw new Forbidden("Only the group's members see what its members share.");

      const rows = await store.sharers(db, group.id);
      const hidden = await hiddenAuthorsFor(db, actor.memberId);
      const items: GroupSharer[] = [];
      for (const sharerId of [...new Set(rows.map((r) => r.memberId))]) {
        if (hidden.has(sharerId) || (await isBlocked(db, actor.memberId, sharerId))) continue;
        const theirs = rows.filter((r) => r.memberId === sharerId);
        const shares = theirs.map((r) => r.item);
        // The sharer's rows came from their active membership, read just now.
        const may = (item: Parameters<typeof canSeeGroupShared>[3]) =>
          canSeeGroupShared(viewer, { member: true }, shares, item);
        const since = new Date(now().getTime() - SAME_LOOK_MS);
        const log = async (recordType: string) => {
          const look = { memberId: sharerId, viewerId: actor.memberId, recordType, groupId: group.id };
          if (await store.loggedSince(db, look, since)) return;
          await recordAccess(db, {
            memberId: sharerId,
            viewerId: actor.memberId,
            viewerRole: "group member",
            recordType,
            recordId: group.id,
            reason: `Shared with the group ${group.name}`,
          });
        };
        const parts = await readSharedItems(db, now, sharerId, may, log, GROUP_CHECKIN_DAYS);
        items.push({
          member: { handle: theirs[0]?.handle ?? "" },
          mine: sharerId === actor.memberId,
          shares,
          ...parts,
        });
      }
      return { items };
    },
  };
}

export type GroupSharesService = ReturnType<typeof createGroupSharesService>;
