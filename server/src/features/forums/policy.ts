import type { Actor } from "../../platform/actor.ts";
import { canManageGroup, canSeeGroupInside, type GroupStanding, NO_STANDING } from "../groups/access.ts";

/*
 * Who may do what in the forums: the only place these rules live. A board's access is worked out
 * once from where the viewer stands; every action below reads it.
 */

/** Where a viewer stands with one board. */
export type BoardStanding = {
  kind: "community" | "group";
  /** The board belongs to an organisation (community boards) or a group's organisation. */
  organisationId: string | null;
  /** Standing in the board's group; NO_STANDING for community boards. */
  group: GroupStanding;
  /** Admin of the board's organisation (or the group's). */
  orgAdmin: boolean;
  /** Moderator of the instance-wide community boards. */
  communityModerator: boolean;
};

export type BoardAccess = { read: boolean; post: boolean; moderate: boolean };
const NONE: BoardAccess = { read: false, post: false, moderate: false };

/** What a signed-in viewer may do on a board; no one reads the forums signed out. */
export function boardAccess(actor: Actor | null, s: BoardStanding): BoardAccess {
  if (!actor) return NONE;
  if (s.kind === "group") {
    const inside = canSeeGroupInside(s.group) || s.orgAdmin;
    return { read: inside, post: inside, moderate: canManageGroup(s.group) || s.orgAdmin };
  }
  const moderate = s.organisationId ? s.orgAdmin : s.communityModerator;
  return { read: true, post: true, moderate };
}

/** Board access from a board and the viewer's rows joined to it (group role, admin, moderator). */
export function accessOn(
  actor: Actor,
  board: { kind: "community" | "group"; organisationId: string | null; groupId: string | null },
  row: {
    groupRole: GroupStanding["role"];
    groupStatus: "requested" | "active" | null;
    orgAdmin: boolean;
    communityModerator: boolean;
  },
): BoardAccess {
  const active = row.groupStatus === "active";
  return boardAccess(actor, {
    kind: board.kind,
    organisationId: board.organisationId,
    group: board.groupId
      ? {
          member: active,
          requested: row.groupStatus === "requested",
          role: active ? row.groupRole : null,
          orgAdmin: row.orgAdmin,
        }
      : NO_STANDING,
    orgAdmin: row.orgAdmin,
    communityModerator: row.communityModerator,
  });
}

export const canReadBoard = (a: BoardAccess) => a.read;
export const canPostIn = (a: BoardAccess) => a.post;
export const canModerateBoard = (a: BoardAccess) => a.moderate;
/** Organisation admins create and order their organisation's boards. */
export const canCreateBoard = (isOrgAdmin: boolean) => isOrgAdmin;

type PostFacts = { authorId: string | null; deleted: boolean; anonymous: boolean };
const isAuthor = (actor: Actor | null, p: PostFacts) => !!actor && p.authorId === actor.memberId;

/** Only the author edits or deletes their own post (moderators hide, in moderation). */
export const canEditPost = (actor: Actor | null, p: PostFacts) => isAuthor(actor, p) && !p.deleted;
export const canDeletePost = canEditPost;
/** Anyone who reads a post may react to it, except its author. */
export const canReact = (actor: Actor | null, a: BoardAccess, p: PostFacts) =>
  a.read && !!actor && !isAuthor(actor, p) && !p.deleted;
/** Who reacted is for the author's eyes only. */
export const canSeeReactors = (actor: Actor | null, p: PostFacts) => isAuthor(actor, p);
export const canReport = (actor: Actor | null, a: BoardAccess, p: PostFacts) =>
  a.read && !!actor && !isAuthor(actor, p) && !p.deleted;
/** Edit history is for the board's moderators. */
export const canSeeHistory = (a: BoardAccess) => a.moderate;
/** Moderators may learn who wrote an anonymous post; every look is recorded in the author's access log. */
export const canUnmask = (a: BoardAccess, p: PostFacts) => a.moderate && p.anonymous;
/** Replies go to any thread of a board the viewer may post in. */
export const canReply = (a: BoardAccess) => a.post;

/** A mention reaches only a member who may read the post, and never its own author. */
export const canBeMentioned = (a: BoardAccess, isAuthor: boolean) => a.read && !isAuthor;
export const MENTION_LIMIT = 10;
export const NEWCOMER_MENTION_LIMIT = 3;
/**
 * How many members one post can reach with @mentions. A new account (trust level 0) reaches fewer,
 * so mentions can't be used to spam people; unlike links, a mention carries nothing from outside.
 */
export const mentionLimit = (trustLevel: number) => (trustLevel >= 1 ? MENTION_LIMIT : NEWCOMER_MENTION_LIMIT);
