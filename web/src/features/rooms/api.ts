import { Readings, RoomGroupSettings, RoomInfo, type RoomOpen } from "@kinship/contracts/rooms";
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

const groupKeys = {
  readings: (groupId: string) => ["rooms", "readings", groupId] as const,
  settings: (groupId: string) => ["rooms", "group-settings", groupId] as const,
};

/** A group's opening readings (for the people who run it). */
export const useReadings = (groupId: string) =>
  useQuery({
    queryKey: groupKeys.readings(groupId),
    queryFn: async () => Readings.parse(await apiJson(`/api/groups/${id(groupId)}/readings`)),
  });

export function useSaveReadings(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (items: { title: string; body: string }[]) =>
      Readings.parse(await apiJson(`/api/groups/${id(groupId)}/readings`, { method: "PUT", body: { items } })),
    onSuccess: (saved) => queryClient.setQueryData(groupKeys.readings(groupId), saved),
  });
}

/** What a group's rooms keep. */
export const useGroupRoomSettings = (groupId: string) =>
  useQuery({
    queryKey: groupKeys.settings(groupId),
    queryFn: async () => RoomGroupSettings.parse(await apiJson(`/api/groups/${id(groupId)}/room-settings`)),
  });

export function useSaveGroupRoomSettings(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RoomGroupSettings) =>
      RoomGroupSettings.parse(await apiJson(`/api/groups/${id(groupId)}/room-settings`, { method: "PUT", body })),
    onSuccess: (saved) => queryClient.setQueryData(groupKeys.settings(groupId), saved),
  });
}
