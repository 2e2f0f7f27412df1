import { randomBytes } from "node:crypto";
import { CONDUCT_VERSION } from "@kinship/contracts/moderation";
import { eq } from "drizzle-orm";
import { hashPassphrase } from "../features/accounts/passphrases.ts";
import { ensureCommunityBoards } from "../features/forums/seed.ts";
import { searchVector } from "../features/forums/store.ts";
import type { Db } from "./client.ts";
import {
  conductAcceptances,
  forumBoards,
  forumModerators,
  forumPosts,
  forumReports,
  forumThreads,
  members,
} from "./schema.ts";

/**
 * Moderation in the demo: river moderates the community boards, the demo members have accepted the
 * code of conduct, and the Newcomers board has a thread with a spam reply that sam_h reported, so
 * the moderation queue has something to show. The spammer cannot log in (a random passphrase).
 */
export async function seedDemoModeration(db: Db, ids: Map<string, string>) {
  const river = ids.get("river");
  const sam = ids.get("sam_h");
  if (!river || !sam) return;
  for (const id of ids.values()) {
    await db.insert(conductAcceptances).values({ memberId: id, version: CONDUCT_VERSION }).onConflictDoNothing();
  }
  await db.insert(forumModerators).values({ memberId: river }).onConflictDoNothing();
  await ensureCommunityBoards(db);
  const [board] = await db.select({ id: forumBoards.id }).from(forumBoards).where(eq(forumBoards.slug, "newcomers"));
  if (!board) return;
  const [spammer] = await db
    .insert(members)
    .values({ handle: "quick_detox", passphraseHash: await hashPassphrase(randomBytes(24).toString("base64url")) })
    .onConflictDoNothing()
    .returning({ id: members.id });
  if (!spammer) return;
  const title = "Finding a meeting when you travel";
  const opening = "I'm away for work next week. How do you all find a meeting in a city you don't know?";
  const reply = "Skip the meetings! My detox tea stops cravings in three days. Message me for a discount.";
  const [thread] = await db
    .insert(forumThreads)
    .values({ boardId: board.id, authorId: sam, title, lastSeq: 1 })
    .returning({ id: forumThreads.id });
  if (!thread) return;
  await db.insert(forumPosts).values({
    threadId: thread.id,
    boardId: board.id,
    seq: 0,
    authorId: sam,
    body: opening,
    html: `<p>${opening}</p>`,
    search: searchVector(title, opening),
  });
  const [spam] = await db
    .insert(forumPosts)
    .values({
      threadId: thread.id,
      boardId: board.id,
      seq: 1,
      authorId: spammer.id,
      body: reply,
      html: `<p>${reply}</p>`,
      search: searchVector(null, reply),
    })
    .returning({ id: forumPosts.id });
  if (!spam) return;
  await db.insert(forumReports).values({
    postId: spam.id,
    reporterId: sam,
    reason: "spam",
    note: "Selling something in the newcomers board.",
  });
}
