import { hashPassphrase } from "../features/accounts/passphrases.ts";
import type { Db } from "./client.ts";
import { seedDemoDirectory } from "./demo-directory.ts";
import { seedDemoMentorship } from "./demo-mentorship.ts";
import { seedDemoModeration } from "./demo-moderation.ts";
import { seedDemoProgress } from "./demo-progress.ts";
import { seedDemoSafety } from "./demo-safety.ts";
import { instanceSettings, members } from "./schema.ts";

/** Demo members a newcomer can log in as; the README lists the same handles and passphrases. */
export const DEMO_MEMBERS = [
  {
    handle: "river",
    passphrase: "quiet river morning light",
    displayName: "River",
    pronouns: "they/them",
    recoveryFocus: "Alcohol, two years this spring",
    timeZone: "Europe/London",
    language: "en",
  },
  {
    handle: "sam_h",
    passphrase: "harbour lamps at dusk",
    displayName: "Sam",
    pronouns: "he/him",
    recoveryFocus: "Gambling",
    timeZone: "America/New_York",
    language: "en",
  },
  {
    handle: "luz",
    passphrase: "luz de la mañana tranquila",
    displayName: "Luz",
    pronouns: "ella",
    recoveryFocus: "Narcóticos y salud mental",
    timeZone: "America/Mexico_City",
    language: "es",
  },
] as const;

/** Load the demo content once per installation; returns false when it was loaded before. */
export async function seedDemo(database: Db): Promise<boolean> {
  // All or nothing: a crash half-way leaves no demo_seeded mark and no half of the demo.
  return database.transaction(async (db) => {
    const claimed = await db
      .insert(instanceSettings)
      .values({ key: "demo_seeded", value: new Date().toISOString() })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return false;
    const ids = new Map<string, string>();
    for (const m of DEMO_MEMBERS) {
      const [row] = await db
        .insert(members)
        .values({
          handle: m.handle,
          passphraseHash: await hashPassphrase(m.passphrase),
          displayName: m.displayName,
          displayNameVisibility: "public",
          pronouns: m.pronouns,
          pronounsVisibility: "public",
          recoveryFocus: m.recoveryFocus,
          recoveryFocusVisibility: "group",
          timeZone: m.timeZone,
          language: m.language,
        })
        .onConflictDoNothing()
        .returning({ id: members.id });
      if (row) ids.set(m.handle, row.id);
    }
    if (ids.size === DEMO_MEMBERS.length) await seedDemoDirectory(db, ids);
    if (ids.size === DEMO_MEMBERS.length) await seedDemoMentorship(db, ids);
    if (ids.size === DEMO_MEMBERS.length) await seedDemoSafety(db, ids);
    if (ids.size === DEMO_MEMBERS.length) await seedDemoModeration(db, ids);
    if (ids.size === DEMO_MEMBERS.length) await seedDemoProgress(db, ids);
    return true;
  });
}
