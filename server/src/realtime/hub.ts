import { EventEmitter } from "node:events";
import { Redis } from "ioredis";

export type HubHandler = (message: unknown) => void;

/**
 * Fan-out between app nodes. Delivery is at most once: anything that must not be lost is
 * persisted first and published second, and clients catch up from the database.
 */
export type Hub = {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns a function that ends the subscription. */
  subscribe(channel: string, handler: HubHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

/** The embedded default: one process, so an EventEmitter is the whole hub. */
export function createLocalHub(): Hub {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    async publish(channel, message) {
      // Same contract as Redis: handlers get their own copy, never the publisher's object.
      events.emit(channel, structuredClone(message));
    },
    async subscribe(channel, handler) {
      events.on(channel, handler);
      return async () => void events.off(channel, handler);
    },
    async close() {
      events.removeAllListeners();
    },
  };
}

/** Redis pub/sub, so that any node can serve any socket. */
export function createRedisHub(url: string, prefix = "kinship"): Hub {
  const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: false });
  publisher.on("error", () => {});
  subscriber.on("error", () => {});
  const handlers = new Map<string, Set<HubHandler>>();
  const key = (channel: string) => `${prefix}:hub:${channel}`;

  subscriber.on("message", (redisChannel: string, payload: string) => {
    const set = handlers.get(redisChannel);
    if (!set) return;
    const message = JSON.parse(payload) as unknown;
    for (const handler of set) handler(message);
  });

  return {
    async publish(channel, message) {
      await publisher.publish(key(channel), JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      const k = key(channel);
      let set = handlers.get(k);
      if (!set) {
        set = new Set();
        handlers.set(k, set);
        await subscriber.subscribe(k);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(k) === set) {
          handlers.delete(k);
          await subscriber.unsubscribe(k);
        }
      };
    },
    async close() {
      handlers.clear();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
