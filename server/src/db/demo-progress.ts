import { eq } from "drizzle-orm";
import { addDays, todayIn } from "../features/progress/milestones.ts";
import { createProgressService } from "../features/progress/service.ts";
import { groupSharesStore } from "../features/progress/store.ts";
import type { Db } from "./client.ts";
import { groups } from "./schema.ts";

/** The group whose members see what river shares (river runs it; sam_h is a member). */
export const DEMO_SHARING_GROUP = "Evening Harbour Group";

/**
 * Demo progress: river counts their days away from alcohol (two years this spring), checks in most
 * days, calls someone daily, and shares the count, milestones, mood and craving and goals with the
 * Evening Harbour Group, so sam_h sees them on the group's page. Their notes stay their own.
 */
export async function seedDemoProgress(db: Db, ids: Map<string, string>) {
  const river = ids.get("river");
  if (!river) return;
  const actor = { memberId: river, handle: "river", sessionId: "demo" };
  const progress = createProgressService({ db });
  const zone = "Europe/London";
  const today = todayIn(zone);
  await progress.updateSettings(actor, { timeZone: zone, reminderTime: "21:00" });

  await progress.createJourney(actor, { label: "Alcohol", startDate: addDays(today, -620), timeZone: zone });
  // Reading the journeys records the milestones already reached.
  await progress.listJourneys(actor);

  const moods = [3, 4, 3, 2, 3, 4, 4, 5, 4, 4];
  const cravings = [4, 3, 3, 6, 4, 2, 2, 1, 2, 1];
  for (const [i, mood] of moods.entries()) {
    await progress.saveCheckin(actor, {
      date: addDays(today, i - moods.length + 1),
      mood,
      craving: cravings[i] ?? 2,
      triggers: i === 3 ? ["tired", "stressed"] : [],
      helped: i === 3 ? "A long walk, and a call with Sam" : "",
      note: i === 3 ? "Payday Friday. Went straight home." : "",
    });
  }

  const goal = await progress.createGoal(actor, { title: "Call someone from the group", repeat: "daily" });
  for (let back = 4; back >= 0; back--) {
    await progress.recordGoal(actor, goal.id, { date: addDays(today, -back), status: "done" });
  }
  await progress.createGoal(actor, { title: "Go to three meetings this week", repeat: "weekly" });

  const [group] = await db.select({ id: groups.id }).from(groups).where(eq(groups.name, DEMO_SHARING_GROUP));
  if (group) {
    await groupSharesStore.setShares(db, group.id, river, ["journeys", "milestones", "checkins", "goals"]);
  }
}
