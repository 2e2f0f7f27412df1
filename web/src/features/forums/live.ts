import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { watchSocket } from "../../app/watch-socket.ts";
import { forumKeys } from "./api.ts";

/**
 * While a community page is open, a socket on the shared `/ws` hears that the member's mentions
 * changed (never whose or what) and loads them again. It reconnects by itself, backing off; while
 * it is down the count still refreshes every minute.
 */
export function useLiveMentions(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof WebSocket === "undefined") return;
    const refresh = () => void client.invalidateQueries({ queryKey: forumKeys.mentions });
    return watchSocket("mentions", {
      // After a reconnection: anything that arrived while the socket was down.
      watching: (again) => again && refresh(),
      message: (message) => message.type === "mentions.changed" && refresh(),
    });
  }, [client, enabled]);
}
