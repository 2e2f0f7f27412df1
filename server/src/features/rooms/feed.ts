import type { Db } from "../../db/client.ts";
import type { Connection } from "../../realtime/gateway.ts";
import type { Hub } from "../../realtime/hub.ts";
import type { GroupStanding } from "../groups/access.ts";
import { type Audience, canSeeEvent, isHiddenFrom, type RoomFacts, type Seat } from "./policy.ts";
import { type Published, roomsStore as store } from "./store.ts";

/** One socket's place in one room on this node. */
export type Subscription = {
  connection: Connection;
  roomId: string;
  memberId: string;
  handle: string;
  /** The row in room_connections that makes this socket count as present. */
  presenceId: string;
  status: "lobby" | "admitted";
  host: boolean;
  facilitator: boolean;
  group: GroupStanding;
  meetingName: string;
  groupId: string;
  /** The last sequence number this socket has been given (or passed over as not for it). */
  sent: number;
  /** While a snapshot is being read: live events wait here, then go out in order. */
  catching: Published[] | null;
  /** Handles (lower case) this member blocked or muted: their words are passed over for this socket. */
  hidden: ReadonlySet<string>;
  /**
   * The room and seat as this socket last saw them (at its snapshot, or its last message). A message is
   * decided on them and stored only if they still hold (see `post` in live.ts); if not, it reads afresh.
   */
  seen?: { room: RoomFacts; seat: Seat };
};

type Feed = {
  roomId: string;
  /** The next sequence number this node expects. */
  next: number;
  buffer: Map<number, Published>;
  subs: Set<Subscription>;
  ready: Promise<void>;
  stop: () => Promise<void>;
  filling: boolean;
};

export const roomChannel = (roomId: string) => `room.${roomId}`;

/**
 * The per-node fan-out of rooms. Each room with a socket on this node has one hub subscription; its
 * events are put in sequence order (the hub may reorder between nodes or drop one: a gap is filled
 * from the database, where every event was stored before it was published), serialised once, and
 * sent to every socket allowed to see them. A socket never gets a number twice or out of order.
 */
export function createFeeds(deps: {
  db: Db;
  hub: Hub;
  /** What an event changes about a socket (admitted, removed, role changed, room closed). */
  afterDelivery(sub: Subscription, event: Published): void;
  logError(error: unknown, message: string): void;
}) {
  const { db, hub } = deps;
  const feeds = new Map<string, Feed>();

  function feedFor(roomId: string) {
    const existing = feeds.get(roomId);
    if (existing) return existing;
    const feed: Feed = {
      roomId,
      next: Number.POSITIVE_INFINITY,
      buffer: new Map(),
      subs: new Set(),
      filling: false,
      stop: async () => {},
      ready: Promise.resolve(),
    };
    feed.ready = (async () => {
      feed.stop = await hub.subscribe(roomChannel(roomId), (message) => receive(feed, message as Published));
      // Subscribed first, then read: nothing can fall between the two.
      feed.next = (await store.currentSeq(db, roomId)) + 1;
      for (const seq of [...feed.buffer.keys()]) if (seq < feed.next) feed.buffer.delete(seq);
      drain(feed);
    })();
    feeds.set(roomId, feed);
    return feed;
  }

  function receive(feed: Feed, event: Published) {
    if (event.seq < feed.next) return;
    feed.buffer.set(event.seq, event);
    if (feed.next === Number.POSITIVE_INFINITY) return;
    drain(feed);
    if (feed.buffer.size > 0) void fill(feed);
  }

  function drain(feed: Feed) {
    for (let event = feed.buffer.get(feed.next); event; event = feed.buffer.get(feed.next)) {
      feed.buffer.delete(feed.next);
      feed.next += 1;
      deliver(feed, event);
    }
  }

  /** Fetches missing numbers from the database up to `upTo`; numbers no longer stored are passed over. */
  async function fill(feed: Feed, upTo?: number) {
    if (feed.filling) return;
    feed.filling = true;
    try {
      for (;;) {
        const target = upTo ?? (feed.buffer.size > 0 ? Math.min(...feed.buffer.keys()) - 1 : feed.next - 1);
        if (target < feed.next) break;
        const rows = await store.eventsBetween(db, feed.roomId, feed.next - 1, target);
        for (const row of rows) {
          if (row.seq >= feed.next && !feed.buffer.has(row.seq)) {
            feed.buffer.set(row.seq, {
              seq: row.seq,
              kind: row.kind,
              audience: row.audience,
              payload: row.payload,
              at: row.createdAt.toISOString(),
            });
          }
        }
        while (feed.next <= target) {
          const event = feed.buffer.get(feed.next);
          feed.buffer.delete(feed.next);
          feed.next += 1;
          if (event) deliver(feed, event);
        }
        drain(feed);
        if (upTo !== undefined) break;
      }
    } catch (error) {
      deps.logError(error, "room feed could not fill a gap");
    } finally {
      feed.filling = false;
    }
  }

  function deliver(feed: Feed, event: Published) {
    let text: Buffer | undefined;
    for (const sub of feed.subs) {
      if (sub.catching) {
        sub.catching.push(event);
        continue;
      }
      text ??= Buffer.from(serialise(feed.roomId, event));
      send(sub, event, text);
    }
  }

  function send(sub: Subscription, event: Published, text?: Buffer) {
    if (event.seq <= sub.sent) return;
    sub.sent = event.seq;
    if (canSeeEvent(sub, event.audience as Audience) && !isHiddenFrom(sub.hidden, event.payload))
      sub.connection.sendRaw(text ?? serialise(sub.roomId, event));
    deps.afterDelivery(sub, event);
  }

  return {
    /** Starts a socket's subscription; live events wait until `release`, after its snapshot. */
    async attach(sub: Subscription) {
      const feed = feedFor(sub.roomId);
      sub.catching = [];
      feed.subs.add(sub);
      await feed.ready;
    },

    /** Holds live events back again while a fresh snapshot is read. */
    hold(sub: Subscription) {
      sub.catching ??= [];
    },

    /** The snapshot and missed messages up to `seq` are out: send what waited, in order. */
    release(sub: Subscription, seq: number) {
      sub.sent = Math.max(sub.sent, seq);
      const waiting = sub.catching ?? [];
      sub.catching = null;
      for (const event of waiting) send(sub, event);
    },

    async detach(sub: Subscription) {
      const feed = feeds.get(sub.roomId);
      if (!feed?.subs.delete(sub) || feed.subs.size > 0) return;
      feeds.delete(sub.roomId);
      await feed.ready.catch(() => {});
      await feed.stop();
    },

    /** Catches up with the database when the hub dropped a message and nothing came after it. */
    async checkAll() {
      for (const feed of [...feeds.values()]) {
        if (feed.next === Number.POSITIVE_INFINITY) continue;
        const room = await store.findRoom(db, feed.roomId);
        if (!room) continue;
        // Closing is the one event not stored (everything is purged with it): it is known from the row.
        if (room.status === "closed") receive(feed, closedEvent(room.seq));
        else if (room.seq >= feed.next) await fill(feed, room.seq);
      }
    },

    /** Rooms with a socket on this node. */
    rooms: () => [...feeds.keys()],
  };
}
export type Feeds = ReturnType<typeof createFeeds>;

/** The last event of a room: it closed. */
export const closedEvent = (seq: number): Published => ({
  seq,
  kind: "closed",
  audience: "everyone",
  payload: { kind: "closed" },
  at: new Date().toISOString(),
});

/** One event as the socket protocol carries it; built once per event for every socket. */
export const serialise = (roomId: string, e: Published) =>
  JSON.stringify({ type: "event", room: roomId, seq: e.seq, at: e.at, event: e.payload });
