import { socketUrl } from "./socket-url.ts";
/** A message on the shared `/ws`: its type, and whatever the feature's contract adds. */
export type WatchMessage = { type: string; [key: string]: unknown };

// A socket the server closed for good: the session ended, or it was refused.
const FINAL_CODES = new Set([4001, 4401, 1008]);

/**
 * A socket on the shared `/ws` that asks to watch one feature's news (`<feature>.watch`, answered by
 * `<feature>.watching`) and hands every later message to the feature. It reconnects by itself,
 * backing off up to 30 s, until it is stopped or the server closes it for good. Returns the stop.
 */
export function watchSocket(
  feature: string,
  on: {
    /** The server is watching for us; `again` after a reconnection, when news may have been missed. */
    watching?(again: boolean, message: WatchMessage): void;
    message(message: WatchMessage, stop: () => void): void;
    closed?(): void;
  },
) {
  let ws: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    ws?.close(1000, "leaving");
  };
  const open = () => {
    if (stopped) return;
    ws = new WebSocket(socketUrl());
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as WatchMessage;
      if (message.type === "hello") ws?.send(JSON.stringify({ type: `${feature}.watch` }));
      else if (message.type === `${feature}.watching`) {
        const again = attempts > 0;
        attempts = 0;
        on.watching?.(again, message);
      } else on.message(message, stop);
    };
    ws.onclose = (event) => {
      on.closed?.();
      if (stopped || FINAL_CODES.has(event.code)) return;
      attempts += 1;
      timer = setTimeout(open, Math.min(30_000, 1_000 * 2 ** Math.min(attempts, 5)));
    };
  };
  open();
  return stop;
}
