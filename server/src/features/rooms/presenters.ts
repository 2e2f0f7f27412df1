import type {
  Floor,
  LobbyPerson,
  PresentPerson,
  Reading,
  RoomEvent,
  RoomInfo,
  RoomSettings,
  RoomState,
} from "@kinship/contracts/rooms";
import type { RoomRow } from "./store.ts";

/** A room's settings, as everyone in it sees them. */
export const presentSettings = (room: RoomRow): RoomSettings => ({
  entry: room.entry,
  locked: room.locked,
  crossTalk: room.crossTalk,
  shareSeconds: room.shareSeconds,
});

/** The floor: who is sharing and until when; never their id. */
export const presentFloor = (room: RoomRow, speaker: string | null): Floor | null =>
  room.floorMemberId && speaker && room.floorStartedAt
    ? {
        handle: speaker,
        startedAt: room.floorStartedAt.toISOString(),
        endsAt: room.floorEndsAt?.toISOString() ?? null,
      }
    : null;

type PresentRow = { handle: string; role: PresentPerson["role"]; mode: "participant" | "listener"; muted: boolean };

/** Who is in the room: participants by handle, listeners only as a count. */
export function presentPresence(rows: PresentRow[]): Extract<RoomEvent, { kind: "presence" }> {
  const present = rows
    .filter((r) => r.mode === "participant")
    .map(({ handle, role, muted }) => ({ handle, role, muted }));
  return { kind: "presence", present, listeners: rows.length - present.length };
}

/** The lobby, for greeters and facilitators: handles, how each wants to attend, since when. */
export const presentLobby = (
  rows: { handle: string; mode: LobbyPerson["mode"]; since: Date; member: boolean }[],
): LobbyPerson[] =>
  rows.map((r) => ({ handle: r.handle, mode: r.mode, since: r.since.toISOString(), member: r.member }));

export const presentReading = (r: { id: string; title: string; body: string }): Reading => ({
  id: r.id,
  title: r.title,
  body: r.body,
});

/** The whole room as one viewer sees it. */
export function presentState(parts: {
  room: RoomRow;
  meetingName: string;
  groupId: string;
  presence: Extract<RoomEvent, { kind: "presence" }>;
  queue: string[];
  speaker: string | null;
  lobby: LobbyPerson[] | null;
  readings: { id: string; title: string }[] | null;
  me: RoomState["me"];
}): RoomState {
  const { room } = parts;
  return {
    id: room.id,
    meetingName: parts.meetingName,
    groupId: parts.groupId,
    status: room.status,
    settings: presentSettings(room),
    present: parts.presence.present,
    listeners: parts.presence.listeners,
    queue: parts.queue,
    floor: presentFloor(room, parts.speaker),
    lobby: parts.lobby,
    readings: parts.readings ? parts.readings.map(({ id, title }) => ({ id, title })) : null,
    me: parts.me,
  };
}

/** A room before going in: nothing of who is inside. */
export function presentRoomInfo(
  meeting: RoomInfo["meeting"],
  room: RoomRow | null,
  viewer: RoomInfo["viewer"],
  opensFrom: Date | null,
  defaults: RoomInfo["defaults"],
): RoomInfo {
  return {
    meeting,
    room: room
      ? {
          id: room.id,
          status: room.status,
          occursOn: room.occursOn,
          settings: presentSettings(room),
          endsAt: room.endsAt.toISOString(),
        }
      : null,
    viewer,
    opensFrom: opensFrom?.toISOString() ?? null,
    defaults,
  };
}
