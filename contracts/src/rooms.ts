import { z } from "zod";
import { CrisisNotice } from "./safety.ts";

// ───────────────────────────── Vocabulary ─────────────────────────────

/**
 * Who may come in: anyone signed in; the group's members straight in and everyone else through a
 * lobby where a greeter admits them; or the group's members only.
 */
export const RoomEntry = z.enum(["open", "lobby", "members"]);
export type RoomEntry = z.infer<typeof RoomEntry>;
/** Taking part (may raise a hand, speak, react) or listening only (seen by others as a count). */
export const AttendMode = z.enum(["participant", "listener"]);
export type AttendMode = z.infer<typeof AttendMode>;
/** A role in one room: the facilitator runs it; a greeter welcomes people from the lobby. */
export const RoomRole = z.enum(["facilitator", "greeter", "participant"]);
export type RoomRole = z.infer<typeof RoomRole>;
/** Quiet reactions, the only thing others may send while a share is going on in a no-cross-talk room. */
export const Reaction = z.enum(["thank_you", "heart", "strength", "me_too"]);
export type Reaction = z.infer<typeof Reaction>;
/** How long a room keeps its messages: while the meeting runs, or only as long as reconnection needs. */
export const KeepMessages = z.enum(["meeting", "reconnect"]);
export type KeepMessages = z.infer<typeof KeepMessages>;
/** Share timer lengths a facilitator may choose, in seconds (0 = no timer). */
export const ShareSeconds = z
  .number()
  .int()
  .min(0)
  .max(30 * 60, "A share timer can be at most 30 minutes.")
  .refine((s) => s === 0 || s >= 60, "A share timer is at least one minute.");

const words = (max: number) => z.string().trim().min(1, "This can't be empty.").max(max);
const HandleRef = z.string().trim().min(1).max(64);
const RoomId = z.uuid();

// ───────────────────────────── HTTP ─────────────────────────────

export const RoomSettings = z.object({
  entry: RoomEntry,
  locked: z.boolean(),
  crossTalk: z.boolean(),
  shareSeconds: ShareSeconds,
});
export type RoomSettings = z.infer<typeof RoomSettings>;

/** Opening a room: how people come in and how sharing goes. Remembered for the meeting's next time. */
export const RoomOpen = z
  .object({
    entry: RoomEntry.default("lobby"),
    crossTalk: z.boolean().default(false),
    shareSeconds: ShareSeconds.default(0),
  })
  .strict();
export type RoomOpen = z.infer<typeof RoomOpen>;

/** The room of a meeting as one viewer sees it before going in. */
export const RoomInfo = z.object({
  meeting: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), groupId: z.uuid(), groupName: z.string() }),
  room: z
    .object({
      id: z.uuid(),
      status: z.enum(["open", "closed"]),
      occursOn: z.string(),
      settings: RoomSettings,
      endsAt: z.string(),
    })
    .nullable(),
  viewer: z.object({
    /** May open (or reopen) the room now. */
    canOpen: z.boolean(),
    /** Runs the group: may change its readings and what its rooms keep. */
    canManage: z.boolean(),
    /** What happens on going in: straight in, the lobby, or not at all (and why). */
    entry: z.enum(["enter", "lobby", "members_only", "locked", "removed", "not_open", "sign_in"]),
  }),
  /** When the room may be opened: from this instant (30 minutes before the start). */
  opensFrom: z.string().nullable(),
  defaults: RoomOpen,
});
export type RoomInfo = z.infer<typeof RoomInfo>;

export const Reading = z.object({ id: z.uuid(), title: z.string(), body: z.string() });
export type Reading = z.infer<typeof Reading>;
export const ReadingInput = z.object({ title: words(120), body: words(8000) }).strict();
/** The whole list of a group's opening readings, in order. */
export const ReadingsUpdate = z.object({ items: z.array(ReadingInput).max(12, "A group can keep up to 12 readings.") });
export const Readings = z.object({ items: z.array(Reading) });

/** What a group keeps of its rooms. */
export const RoomGroupSettings = z.object({ keepMessages: KeepMessages }).strict();
export type RoomGroupSettings = z.infer<typeof RoomGroupSettings>;

/** A removal, recorded with its reason for the group's facilitators. */
export const Removal = z.object({
  handle: z.string().nullable(),
  by: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
});
export const Removals = z.object({ items: z.array(Removal) });

// ───────────────────────────── Room state and events ─────────────────────────────

export const PresentPerson = z.object({ handle: z.string(), role: RoomRole, muted: z.boolean() });
export type PresentPerson = z.infer<typeof PresentPerson>;
export const Floor = z.object({ handle: z.string(), startedAt: z.string(), endsAt: z.string().nullable() });
export type Floor = z.infer<typeof Floor>;
export const LobbyPerson = z.object({ handle: z.string(), mode: AttendMode, since: z.string(), member: z.boolean() });
export type LobbyPerson = z.infer<typeof LobbyPerson>;

/** Everything a person in the room sees of it at one sequence number. `lobby` only for hosts. */
export const RoomState = z.object({
  id: z.uuid(),
  meetingName: z.string(),
  groupId: z.uuid(),
  status: z.enum(["open", "closed"]),
  settings: RoomSettings,
  present: z.array(PresentPerson),
  listeners: z.number().int(),
  queue: z.array(z.string()),
  floor: Floor.nullable(),
  lobby: z.array(LobbyPerson).nullable(),
  /** Readings the facilitator may post (titles only), for facilitators. */
  readings: z.array(z.object({ id: z.uuid(), title: z.string() })).nullable(),
  me: z.object({ handle: z.string(), mode: AttendMode, role: RoomRole, muted: z.boolean() }),
});
export type RoomState = z.infer<typeof RoomState>;

/** Why a share ended. */
export const FloorEnd = z.enum(["done", "timer", "skipped", "facilitator", "left"]);

/** Every event of a room, in its per-room sequence. State events carry the whole piece they change. */
export const RoomEvent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("message"), from: z.string(), text: z.string(), share: z.boolean() }),
  z.object({ kind: z.literal("reaction"), from: z.string(), reaction: Reaction }),
  z.object({ kind: z.literal("reading"), title: z.string(), body: z.string() }),
  z.object({ kind: z.literal("welcome"), who: z.string(), by: z.string(), text: z.string() }),
  z.object({ kind: z.literal("queue"), queue: z.array(z.string()) }),
  z.object({
    kind: z.literal("floor"),
    floor: Floor.nullable(),
    ended: FloorEnd.nullable(),
    queue: z.array(z.string()),
  }),
  z.object({ kind: z.literal("presence"), present: z.array(PresentPerson), listeners: z.number().int() }),
  z.object({ kind: z.literal("settings"), settings: RoomSettings }),
  z.object({ kind: z.literal("lobby"), lobby: z.array(LobbyPerson) }),
  /** To one person: a greeter let them in. */
  z.object({ kind: z.literal("admitted"), by: z.string(), text: z.string() }),
  /** To one person: a facilitator removed them. The reason is recorded, not shown to the room. */
  z.object({ kind: z.literal("removed") }),
  z.object({ kind: z.literal("closed") }),
]);
export type RoomEvent = z.infer<typeof RoomEvent>;
/** Events that make up what was said (replayed on reconnection); the rest is state, covered by a snapshot. */
export const TRANSCRIPT_KINDS = ["message", "reaction", "reading", "welcome"] as const;

// ───────────────────────────── The socket protocol ─────────────────────────────

/** A client's own id for a send, so that a retry after a dropped connection is not a duplicate. */
const SendId = z.string().min(1).max(64);

/** Every message a client may send on `/ws`. Anything else gets an `error` event. */
export const ClientMessage = z.discriminatedUnion("type", [
  /** Go in (or back in): `after` is the last sequence number seen, to resume without loss. */
  z.object({
    type: z.literal("join"),
    room: RoomId,
    mode: AttendMode.default("participant"),
    after: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal("leave"), room: RoomId }),
  z.object({ type: z.literal("say"), room: RoomId, id: SendId, text: words(2000) }),
  z.object({ type: z.literal("react"), room: RoomId, id: SendId, reaction: Reaction }),
  z.object({ type: z.literal("hand"), room: RoomId, raised: z.boolean() }),
  /** Facilitator: give the floor to a person in the queue (or the first one). */
  z.object({ type: z.literal("floor.give"), room: RoomId, to: HandleRef.optional() }),
  /** Facilitator: skip the first person in the queue. */
  z.object({ type: z.literal("floor.skip"), room: RoomId }),
  /** The speaker (or a facilitator): the share is done. */
  z.object({ type: z.literal("floor.done"), room: RoomId }),
  z.object({
    type: z.literal("settings"),
    room: RoomId,
    locked: z.boolean().optional(),
    crossTalk: z.boolean().optional(),
    shareSeconds: ShareSeconds.optional(),
    entry: RoomEntry.optional(),
  }),
  z.object({ type: z.literal("mute"), room: RoomId, who: HandleRef, muted: z.boolean() }),
  z.object({ type: z.literal("remove"), room: RoomId, who: HandleRef, reason: words(500) }),
  z.object({ type: z.literal("greeter"), room: RoomId, who: HandleRef, greeter: z.boolean() }),
  /** Facilitator: hand the facilitator role to someone present (rotating leadership). */
  z.object({ type: z.literal("handover"), room: RoomId, to: HandleRef }),
  z.object({ type: z.literal("admit"), room: RoomId, who: HandleRef, welcome: z.string().trim().max(500).default("") }),
  z.object({ type: z.literal("reading"), room: RoomId, id: SendId, reading: z.uuid() }),
  z.object({ type: z.literal("close"), room: RoomId }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage["type"];

export const SocketErrorCode = z.enum([
  "invalid",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "unauthenticated",
  "internal",
]);

/** Every message the server sends on `/ws`. */
export const ServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), handle: z.string() }),
  /** The room's whole state at `seq`; earlier messages the viewer missed follow as `event`s. */
  z.object({ type: z.literal("snapshot"), room: RoomId, seq: z.number().int(), state: RoomState, gap: z.boolean() }),
  z.object({ type: z.literal("event"), room: RoomId, seq: z.number().int(), at: z.string(), event: RoomEvent }),
  /** Waiting in the lobby for a greeter. */
  z.object({ type: z.literal("lobby"), room: RoomId, meetingName: z.string(), seq: z.number().int() }),
  z.object({ type: z.literal("left"), room: RoomId, reason: z.enum(["left", "removed", "closed"]) }),
  /** A send was stored (or had been already, for a retry) under this sequence number. */
  z.object({ type: z.literal("ack"), id: z.string(), seq: z.number().int() }),
  z.object({
    type: z.literal("error"),
    code: SocketErrorCode,
    message: z.string(),
    id: z.string().optional(),
    room: z.string().optional(),
  }),
  /** The server is going away: connect again (another node will answer). */
  z.object({ type: z.literal("reconnect") }),
  /** To the sender only: what they just said shows crisis language; here is who to talk to. */
  z.object({ type: z.literal("crisis"), room: RoomId, id: z.string(), crisis: CrisisNotice }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Largest frame the server accepts; a bigger one closes the socket. */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * The member's section of their export. What was said in a room is deleted when the meeting ends,
 * so what stays is only the record of a facilitator removing them: which meeting, when, and why.
 */
export const RoomsExport = z.object({
  removals: z.array(
    z.object({
      meetingId: z.uuid(),
      meetingName: z.string(),
      occursOn: z.string(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
});
export type RoomsExport = z.infer<typeof RoomsExport>;
