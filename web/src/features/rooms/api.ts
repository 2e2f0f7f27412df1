import { RoomInfo, type RoomOpen } from "@kinship/contracts/rooms";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiJson } from "../../app/api-client.ts";

// Who is signed in comes from the session module the app frame already uses.
export { useMe } from "../accounts/session.ts";

const id = (value: string) => encodeURIComponent(value);

export const roomKeys = {
  info: (meetingRef: string) => ["rooms", "info", meetingRef] as const,
};

/** A meeting's room as this viewer sees it before going in. */
export const useRoomInfo = (meetingRef: string) =>
  useQuery({
    queryKey: roomKeys.info(meetingRef),
    queryFn: async () => RoomInfo.parse(await apiJson(`/api/meetings/${id(meetingRef)}/room`)),
    // Rooms open while people wait on this page.
    refetchInterval: (query) => (query.state.data?.room?.status === "open" ? false : 30_000),
  });

/** Open (or reopen) the room of the meeting's current occurrence. */
export function useOpenRoom(meetingRef: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RoomOpen) =>
      RoomInfo.parse(await apiJson(`/api/meetings/${id(meetingRef)}/room`, { method: "POST", body })),
    onSuccess: (info) => queryClient.setQueryData(roomKeys.info(meetingRef), info),
  });
}
