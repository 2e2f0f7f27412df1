import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { forumKeys } from "./api.ts";

// A socket the server closed for good: the session ended, or it was refused.
const FINAL_CODES = new Set([4001, 4401, 1008]);

/**
 * While a community page is open, a socket on the shared `/ws` hears that the member's mentions
 * changed (never whose or what) and loads them again. It reconnects by itself, backing off; while
 * it is down the count still refreshes every minute.
 */
export function useLiveMentions(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof WebSocket === "undefined") return;
    let ws: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempts = 0;
    let stopped = false;
    const refresh = () => void client.invalidateQueries({ queryKey: forumKeys.mentions });
    const open = () => {
      if (stopped) return;
      ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`);
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { type: string };
        if (message.type === "hello") ws?.send(JSON.stringify({ type: "mentions.watch" }));
        else if (message.type === "mentions.watching") {
          // Anything that arrived while the socket was down.
          if (attempts > 0) refresh();
          attempts = 0;
        } else if (message.type === "mentions.changed") refresh();
      };
      ws.onclose = (event) => {
        if (stopped || FINAL_CODES.has(event.code)) return;
        attempts += 1;
        timer = setTimeout(open, Math.min(30_000, 1_000 * 2 ** Math.min(attempts, 5)));
      };
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      ws?.close(1000, "leaving");
    };
  }, [client, enabled]);
}
