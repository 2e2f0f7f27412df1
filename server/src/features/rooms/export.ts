import type { RoomsExport } from "@kinship/contracts/rooms";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { meetings, roomRemovals, rooms } from "../../db/schema.ts";

/**
 * The member's section of their export: each time a facilitator removed them from a room (the
 * meeting, its date, the reason, when). Not who removed them: facilitators are volunteers, and the
 * person removed saw the room. Messages are gone by then (purged when the meeting ends). On account
 * deletion the removals go with the account (ON DELETE CASCADE).
 */
export async function exportRooms(db: Db, memberId: string): Promise<RoomsExport> {
  const removals = await db
    .select({
      meetingId: meetings.id,
      meetingName: meetings.name,
      occursOn: rooms.occursOn,
      reason: roomRemovals.reason,
      at: roomRemovals.createdAt,
    })
    .from(roomRemovals)
    .innerJoin(rooms, eq(rooms.id, roomRemovals.roomId))
    .innerJoin(meetings, eq(meetings.id, rooms.meetingId))
    .where(eq(roomRemovals.memberId, memberId))
    .orderBy(roomRemovals.createdAt);
  return { removals: removals.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
