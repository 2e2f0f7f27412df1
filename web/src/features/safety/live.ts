import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { watchSocket } from "../../app/watch-socket.ts";
import { safetyKeys } from "./api.ts";

/** An alert raised or changed in a place the responder serves: its id and scope, never anyone's words. */
type AlertNews = { type: "safety.alert"; alertId: string; organisationId: string | null; change: "new" | "changed" };

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
  useEffect(
    () =>
      watchSocket("safety", {
        watching: () => {
          setLive(true);
          // Anything raised while the socket was down.
          void client.invalidateQueries({ queryKey: ["safety", "queue"] });
        },
        message: (message, stop) => {
          if (message.type === "safety.alert") {
            const m = message as unknown as AlertNews;
            void client.invalidateQueries({ queryKey: ["safety", "queue"] });
            void client.invalidateQueries({ queryKey: safetyKeys.alert(m.alertId) });
            if (m.change === "new") setArrived((n) => n + 1);
          } else if (message.type === "error" && message.code === "forbidden") {
            // Not a responder (any more: the role can be removed while the queue is open).
            stop();
            setEnded(true);
            void client.invalidateQueries({ queryKey: ["safety"] });
          }
        },
        closed: () => setLive(false),
      }),
    [client],
  );
  return { live, arrived, ended };
}
