import type { Db } from "../db/client.ts";
import { recordAudit } from "../features/moderation/audit.ts";
import { moderationStore } from "../features/moderation/store.ts";
import { signInRestriction } from "../features/moderation/trust.ts";
import { announceResponderScopes } from "../features/safety/channels.ts";
import { safetyStore } from "../features/safety/store.ts";
import type { Hub } from "../realtime/hub.ts";

/*
 * What the instance operator (whoever runs Kinship on the server machine) can do that no member can:
 * name the public community's first moderators and responders. On the web, community moderators
 * name one another and grant community responders, so on a fresh installation someone has to start.
 * Every change goes in the community's moderation audit log as done by the instance operator
 * (no member id; the event's `operator_` prefix says who).
 */

export const OPERATOR_EVENTS = {
  moderatorAdded: "operator_moderator_named",
  moderatorRemoved: "operator_moderator_removed",
  responderAdded: "operator_responder_granted",
  responderRemoved: "operator_responder_removed",
} as const;

export const USAGE = `Usage: npm run admin -- <role> <add|remove|list> [handle]

Roles:
  community-moderator   moderates the public community: its queue, appeals and audit log,
                        names other community moderators and grants community responders
  community-responder   answers crisis alerts raised in the public community

Examples:
  npm run admin -- community-moderator add river
  npm run admin -- community-moderator list
  npm run admin -- community-responder remove river

Run it on the server machine, with the same DATABASE_URL or DATA_DIR as Kinship. With PGlite
(no DATABASE_URL), stop Kinship first: only one process may use the data folder at a time.`;

/** A refusal the operator reads: a plain sentence, and the exit code says it failed. */
export class OperatorRefusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

type Role = "community-moderator" | "community-responder";
const ROLES: Role[] = ["community-moderator", "community-responder"];
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/** The member behind a handle, if they may hold a role: a real, current, unrestricted account. */
async function eligibleMember(db: Db, handle: string, role: string) {
  const member = await moderationStore.memberByHandle(db, handle);
  if (!member) {
    throw new OperatorRefusal(
      `There's no member with the handle "${handle}". Check the spelling; an account its owner deleted is gone for good. Nothing was changed.`,
    );
  }
  const restriction = await signInRestriction(db, member.id);
  if (restriction) {
    const state =
      restriction.kind === "ban" || !restriction.endsAt
        ? "closed by a moderator"
        : `suspended until ${dateOf(restriction.endsAt)}`;
    throw new OperatorRefusal(
      `@${member.handle}'s account is ${state}, so they can't be made a ${role}. Nothing was changed.`,
    );
  }
  return member;
}

async function existingMember(db: Db, handle: string) {
  const member = await moderationStore.memberByHandle(db, handle);
  if (!member) throw new OperatorRefusal(`There's no member with the handle "${handle}". Nothing was changed.`);
  return member;
}

/**
 * One change, or a list, as the operator asked for it. Returns the lines to print. With a hub (the
 * installation's Redis), running nodes hear of a removal at once: the member's open crisis queues
 * stop (safety/channels.ts).
 */
export async function operatorCommand(db: Db, args: string[], hub?: Hub): Promise<string[]> {
  const [role, verb, handle, ...rest] = args;
  if (!role || role === "help" || role === "--help") throw new OperatorRefusal(USAGE, role ? 0 : 2);
  if (!ROLES.includes(role as Role)) {
    throw new OperatorRefusal(`Kinship's admin command doesn't know "${role}".\n\n${USAGE}`, 2);
  }
  if (verb === "list" && handle === undefined) return list(db, role as Role);
  if ((verb !== "add" && verb !== "remove") || !handle || rest.length > 0) {
    throw new OperatorRefusal(`Please say add <handle>, remove <handle> or list.\n\n${USAGE}`, 2);
  }
  const bare = handle.replace(/^@/, "");
  if (role === "community-moderator") {
    return verb === "add" ? addModerator(db, bare) : removeModerator(db, bare, hub);
  }
  return verb === "add" ? addResponder(db, bare) : removeResponder(db, bare, hub);
}

async function list(db: Db, role: Role) {
  if (role === "community-moderator") {
    const rows = await moderationStore.moderatorsOf(db, "community");
    if (rows.length === 0)
      return ["The community has no moderator yet. Name one: npm run admin -- community-moderator add <handle>"];
    return [`Community moderators (${rows.length}):`, ...rows.map((r) => `  @${r.handle}`)];
  }
  const rows = await safetyStore.listResponders(db, null);
  if (rows.length === 0)
    return ["The community has no responder yet. Grant one: npm run admin -- community-responder add <handle>"];
  return [
    `Community responders (${rows.length}):`,
    ...rows.map(
      (r) =>
        `  @${r.handle}, since ${dateOf(r.createdAt)}${r.grantedBy ? ` (granted by @${r.grantedBy})` : " (granted by the instance operator)"}`,
    ),
  ];
}

const audit = (db: Db, event: string, memberId: string) =>
  recordAudit(db, {
    organisationId: null,
    moderatorId: null,
    event,
    subjectId: memberId,
    targetType: "member",
    targetId: memberId,
    // No words: the event and `byOperator` say it all, in the reader's language.
    detail: "",
  });

async function addModerator(db: Db, handle: string) {
  const member = await eligibleMember(db, handle, "community moderator");
  if ((await moderationStore.standing(db, member.id, "community"))?.moderator)
    return [`@${member.handle} is already a community moderator. Nothing was changed.`];
  await moderationStore.addModerator(db, "community", member.id);
  await audit(db, OPERATOR_EVENTS.moderatorAdded, member.id);
  return [
    `@${member.handle} is now a community moderator. They'll see the community's queue at /moderation the next time a page loads.`,
  ];
}

async function removeModerator(db: Db, handle: string, hub?: Hub) {
  const member = await existingMember(db, handle);
  if (!(await moderationStore.standing(db, member.id, "community"))?.moderator)
    return [`@${member.handle} isn't a community moderator. Nothing was changed.`];
  if ((await moderationStore.communityModeratorCount(db)) <= 1) {
    throw new OperatorRefusal(
      `@${member.handle} is the community's only moderator, and the community needs at least one. Name another first (npm run admin -- community-moderator add <handle>), then remove @${member.handle}. Nothing was changed.`,
    );
  }
  await moderationStore.removeModerator(db, "community", member.id);
  await audit(db, OPERATOR_EVENTS.moderatorRemoved, member.id);
  await announceResponderScopes(hub, member.id, await safetyStore.responderScopes(db, member.id));
  return [`@${member.handle} is no longer a community moderator.`];
}

async function addResponder(db: Db, handle: string) {
  const member = await eligibleMember(db, handle, "community responder");
  if (!(await safetyStore.grantResponder(db, null, member.id, null)))
    return [`@${member.handle} is already a community responder. Nothing was changed.`];
  await audit(db, OPERATOR_EVENTS.responderAdded, member.id);
  return [
    `@${member.handle} is now a community responder. Crisis alerts raised in the community reach their queue at /safety/queue.`,
  ];
}

async function removeResponder(db: Db, handle: string, hub?: Hub) {
  const member = await existingMember(db, handle);
  if (!(await safetyStore.revokeResponder(db, null, member.id)))
    return [`@${member.handle} isn't a community responder. Nothing was changed.`];
  await audit(db, OPERATOR_EVENTS.responderRemoved, member.id);
  await announceResponderScopes(hub, member.id, await safetyStore.responderScopes(db, member.id));
  return [`@${member.handle} is no longer a community responder.`];
}
