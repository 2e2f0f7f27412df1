import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { safetyKeys } from "./api.ts";

type Incoming =
  | { type: "hello" }
  | { type: "safety.watching"; scopes: (string | null)[] }
  | { type: "safety.alert"; alertId: string; organisationId: string | null; change: "new" | "changed" }
  | { type: "error"; code: string }
  | { type: string };

// A socket the server closed for good: the session ended, or it was refused.
const FINAL_CODES = new Set([4001, 4401, 1008]);

/**
 * The responder's queue, pushed: a socket on the shared `/ws` watches the alerts of the places they
 * serve; each announcement (never anyone's words) makes the queue and that alert load again. It
 * reconnects by itself, backing off; while it is down the queue still refreshes every half minute.
 */
export function useLiveQueue() {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  const [arrived, setArrived] = useState(0);
  // Refused: not a responder (any more). The queue says so instead of "connecting".
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    let ws: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempts = 0;
    let stopped = false;
    const open = () => {
      if (stopped) return;
      ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`);
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as Incoming;
        if (message.type === "hello") ws?.send(JSON.stringify({ type: "safety.watch" }));
        else if (message.type === "safety.watching") {
          attempts = 0;
          setLive(true);
          // Anything raised while the socket was down.
          void client.invalidateQueries({ queryKey: ["safety", "queue"] });
        } else if (message.type === "safety.alert") {
          const m = message as Extract<Incoming, { type: "safety.alert" }>;
          void client.invalidateQueries({ queryKey: ["safety", "queue"] });
          void client.invalidateQueries({ queryKey: safetyKeys.alert(m.alertId) });
          if (m.change === "new") setArrived((n) => n + 1);
        } else if (message.type === "error" && (message as { code: string }).code === "forbidden") {
          // Not a responder (any more: the role can be removed while the queue is open).
          stopped = true;
          setEnded(true);
          ws?.close(1000, "not a responder");
          void client.invalidateQueries({ queryKey: ["safety"] });
        }
      };
      ws.onclose = (event) => {
        setLive(false);
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
  }, [client]);
  return { live, arrived, ended };
}
