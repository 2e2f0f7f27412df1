import { eq } from "drizzle-orm";
import { DEFAULT_TRAINING } from "../features/mentorship/training-default.ts";
import type { Db } from "./client.ts";
import {
  directMessageSettings,
  mentorProfiles,
  mentorshipMessages,
  mentorshipShares,
  mentorships,
  mentorTraining,
  mentorTrainingPasses,
} from "./schema.ts";

const DAY = 86_400_000;
const ago = (days: number, hours = 0) => new Date(Date.now() - days * DAY - hours * 3_600_000);

/**
 * Demo mentorship: river is a trained mentor with room for two; luz is their mentee, with a short
 * conversation and her milestones shared; sam_h has asked river and waits for an answer. River's
 * two-weekly wellbeing check-in is due. River takes direct messages from people in their groups, and
 * sam_h (in the Evening Harbour Group with them) has written one.
 */
export async function seedDemoMentorship(db: Db, ids: Map<string, string>) {
  const river = ids.get("river");
  const luz = ids.get("luz");
  const sam = ids.get("sam_h");
  if (!river || !luz || !sam) return;
  await db
    .insert(mentorTraining)
    .values({ key: "default", ...DEFAULT_TRAINING })
    .onConflictDoNothing();
  await db.insert(mentorTrainingPasses).values({ memberId: river, version: 1, passedAt: ago(30) });
  await db.insert(mentorProfiles).values({
    memberId: river,
    timeInRecovery: "1_2",
    focus: ["alcohol", "mental_health"],
    formats: ["twelve_step", "secular"],
    languages: ["en", "es"],
    timeZone: "Europe/London",
    availableDays: [1, 3, 6],
    availableFrom: "18:00",
    availableTo: "21:00",
    canHelpWith: "The first months, evenings and weekends, finding a home group",
    cannotHelpWith: "Medication or anything a doctor should answer",
    about: "Two years without a drink this spring. Someone walked with me; I'd like to do the same.",
    capacity: 2,
    published: true,
    publishedAt: ago(20),
    quietFrom: "23:00",
    quietTo: "07:00",
    createdAt: ago(20),
  });
  const [active] = await db
    .insert(mentorships)
    .values({
      mentorId: river,
      menteeId: luz,
      status: "active",
      requestMessage: "Hola. I'm new to meetings and the evenings are hard. Could you walk with me for a while?",
      createdAt: ago(12),
      acceptedAt: ago(11),
      mentorReadSeq: 0,
    })
    .returning();
  if (!active) return;
  const said: [string, string, number][] = [
    [river, "Welcome, Luz. I'm glad you asked. What time of day is hardest for you?", 11],
    [luz, "Around eight, after work. That's when I used to stop at the bar.", 11],
    [river, "That was mine too. Could you try calling me or going to the 19:30 online meeting on Wednesdays?", 10],
    [luz, "I went yesterday. I didn't share but I listened. Gracias.", 3],
  ];
  await say(db, active.id, "demo", said);
  await db.insert(mentorshipShares).values({ mentorshipId: active.id, item: "milestones" });
  await db.insert(mentorships).values({
    mentorId: river,
    menteeId: sam,
    status: "requested",
    requestMessage: "I'm a few weeks away from betting and would value someone to check in with.",
    createdAt: ago(1),
  });

  await db.insert(directMessageSettings).values({ memberId: river, allow: "groups" });
  const [direct] = await db
    .insert(mentorships)
    .values({
      kind: "direct",
      mentorId: sam,
      menteeId: river,
      status: "active",
      requestMessage: "",
      createdAt: ago(2),
      acceptedAt: ago(2),
    })
    .returning();
  if (!direct) return;
  const dm: [string, string, number][] = [
    [sam, "Thanks for what you said about payday on Thursday. Is the Saturday walk still on?", 2],
    [river, "It is: 10:00 at the harbour steps. Bring a flask, it's cold by the water.", 2],
    [sam, "I'll be there. Day 23 today.", 0],
  ];
  const seqs = await say(db, direct.id, "demo-dm", dm);
  // Sam has read everything; river has not yet seen "Day 23 today".
  await db
    .update(mentorships)
    .set({ mentorReadSeq: seqs[2] ?? 0, menteeReadSeq: seqs[1] ?? 0 })
    .where(eq(mentorships.id, direct.id));
}

/** Writes a conversation's messages (sender, text, days ago) in order; returns their sequence numbers. */
async function say(db: Db, mentorshipId: string, prefix: string, lines: [string, string, number][]) {
  const seqs: number[] = [];
  for (const [i, [senderId, text, days]] of lines.entries()) {
    const [row] = await db
      .insert(mentorshipMessages)
      .values({ mentorshipId, senderId, clientId: `${prefix}-${i}`, text, createdAt: ago(days, lines.length - i) })
      .returning({ seq: mentorshipMessages.seq });
    if (row) seqs.push(row.seq);
  }
  return seqs;
}
