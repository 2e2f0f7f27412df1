import type { Db } from "../../db/client.ts";
import { daysBetween, milestoneDate, todayIn } from "./milestones.ts";
import { progressStore as store } from "./store.ts";

/**
 * A milestone the member has reached on the current run of one of their own journeys, for a post
 * that celebrates it: its day count, or null when the journey is not theirs or the milestone is not
 * reached (the forum then answers as if the journey did not exist). Only the count leaves progress.
 */
export async function ownReachedMilestone(db: Db, memberId: string, journeyId: string, milestone: string) {
  const journey = await store.journey(db, journeyId);
  if (!journey || journey.memberId !== memberId) return null;
  const current = (await store.attemptsOf(db, [journey.id])).find((a) => a.endDate === null);
  const on = current ? milestoneDate(current.startDate, milestone) : null;
  if (!current || !on || on > todayIn(journey.timeZone)) return null;
  return { days: daysBetween(current.startDate, on) };
}
