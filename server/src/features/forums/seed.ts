import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { forumBoards, forumPosts, forumReactions, forumThreads, instanceSettings, members } from "../../db/schema.ts";
import { normaliseWarnings } from "./filters.ts";
import { renderWithMentions, saveMentions } from "./mentions.ts";
import { searchVector } from "./store.ts";

/** The instance-wide community boards every installation has. */
export const COMMUNITY_BOARDS = [
  {
    slug: "newcomers",
    name: "Newcomers",
    description: "New here, or wondering whether this is for you? Say hello. No question is too small.",
  },
  {
    slug: "starting-again",
    name: "Relapse and starting again",
    description: "Starting over is part of recovery. Share where you are without shame, and find people who get it.",
  },
  {
    slug: "family-and-friends",
    name: "Family and friends",
    description: "For the people who love someone in recovery, and for talking about the people in ours.",
  },
  {
    slug: "milestones",
    name: "Milestones",
    description: "24 hours, 30 days, a year, or just today: celebrate it here and let others cheer.",
  },
  {
    slug: "coping-strategies",
    name: "Coping strategies",
    description: "What helps with cravings, triggers and bad nights. Peers share what worked for them.",
  },
] as const;

/** Creates the community boards that are missing; safe to run at every start and on every node. */
export async function ensureCommunityBoards(db: Db) {
  await db
    .insert(forumBoards)
    .values(COMMUNITY_BOARDS.map((b, position) => ({ ...b, kind: "community" as const, position })))
    .onConflictDoNothing();
}

type DemoPost = { author: string; body: string; warnings?: string[]; anonymous?: boolean; reactions?: string[][] };
type DemoThread = {
  board: (typeof COMMUNITY_BOARDS)[number]["slug"];
  title: string;
  kind: "discussion" | "question" | "recovery_story" | "milestone" | "coping_strategy";
  dayCount?: number;
  posts: DemoPost[];
};

const DEMO_THREADS: DemoThread[] = [
  {
    board: "newcomers",
    title: "First week, and I don't know what to say in meetings",
    kind: "question",
    posts: [
      {
        author: "sam_h",
        body: "I went to my first meeting on Tuesday and just listened. Is it okay to keep doing that for a while?",
        reactions: [["me_too", "river", "luz"]],
      },
      {
        author: "river",
        body: "Completely okay. I listened for a month before I shared. People will be glad you're there either way.",
        reactions: [
          ["thank_you", "sam_h"],
          ["this_helped", "sam_h"],
        ],
      },
      {
        author: "luz",
        body: "Yo también empecé solo escuchando, como @river. **Quédate**, que se pone más fácil.",
      },
    ],
  },
  {
    board: "starting-again",
    title: "Day 3 again, after 7 months",
    kind: "recovery_story",
    posts: [
      {
        author: "river",
        anonymous: true,
        warnings: ["relapse", "using_detail"],
        body: "I had seven months and then a wedding happened. I told myself one glass would be fine and it was the whole weekend.\n\nI'm back at day 3. I feel like I threw everything away.",
        reactions: [
          ["sending_strength", "sam_h", "luz"],
          ["me_too", "luz"],
        ],
      },
      {
        author: "sam_h",
        body: "Those seven months are still yours. You learned what a wedding does to you; that's worth a lot. Glad you're back here.",
      },
    ],
  },
  {
    board: "milestones",
    title: "One year today",
    kind: "milestone",
    dayCount: 365,
    posts: [
      {
        author: "luz",
        body: "Un año. A year ago I could not imagine a week. Thank you all for the 2 a.m. replies.",
        reactions: [
          ["sending_strength", "river", "sam_h"],
          ["thank_you", "river"],
        ],
      },
      { author: "river", body: "A whole year, @luz! 🎉 Thank you for showing the rest of us it can be done." },
    ],
  },
  {
    board: "coping-strategies",
    title: "HALT saved my evening",
    kind: "coping_strategy",
    posts: [
      {
        author: "sam_h",
        body: "When the urge hits I run through **HALT**: am I *hungry, angry, lonely or tired*? Last night it was hungry and lonely. I ate, called my sponsor, and the urge passed in twenty minutes.",
        reactions: [["this_helped", "river", "luz"]],
      },
    ],
  },
  {
    board: "family-and-friends",
    title: "How do I talk to my brother about his drinking?",
    kind: "question",
    posts: [
      {
        author: "luz",
        warnings: ["trauma_abuse"],
        body: "Growing up, our dad drank and it got loud at home. Now I see my brother doing the same things and I don't know how to bring it up without a fight.",
      },
    ],
  },
  {
    board: "newcomers",
    title: "¿Alguien más en Ciudad de México?",
    kind: "discussion",
    posts: [
      { author: "luz", body: "Busco una reunión en español los martes por la noche. ¿Alguna recomendación?" },
      {
        author: "sam_h",
        body: "Not in Mexico City, but the meeting finder has a few online ones in Spanish on Tuesdays.",
      },
    ],
  },
  {
    board: "coping-strategies",
    title: "What do you do at 2 a.m. when you can't sleep?",
    kind: "question",
    posts: [
      {
        author: "river",
        body: "Nights are the hardest. What helps you get through them?",
        reactions: [["me_too", "sam_h", "luz"]],
      },
      {
        author: "luz",
        body: "I keep a list on my phone:\n\n- drink water\n- text someone from group\n- read the chat from the last meeting\n- breathe in for 4, out for 6",
        reactions: [["this_helped", "river", "sam_h"]],
      },
      {
        author: "sam_h",
        body: "A podcast with a calm voice. And remembering that the night always ends.",
        anonymous: true,
      },
    ],
  },
  {
    board: "milestones",
    title: "90 days without a bet",
    kind: "milestone",
    dayCount: 90,
    posts: [
      {
        author: "sam_h",
        body: "Ninety days. I deleted the apps, handed my cards to my brother, and went to a lot of meetings. Still here.",
        reactions: [
          ["sending_strength", "river", "luz"],
          ["thank_you", "luz"],
        ],
      },
    ],
  },
  {
    board: "starting-again",
    title: "Lost someone from my group this month",
    kind: "discussion",
    posts: [
      {
        author: "luz",
        warnings: ["grief", "using_detail"],
        body: "Someone from my home group died of an overdose. I keep thinking about the last thing I said to them. I'm not using, but I'm shaken.",
        reactions: [["sending_strength", "river", "sam_h"]],
      },
      {
        author: "river",
        warnings: ["grief"],
        body: "I'm so sorry. Grief in recovery is heavy; please lean on your people this week.",
      },
    ],
  },
  {
    board: "family-and-friends",
    title: "Setting boundaries with love",
    kind: "coping_strategy",
    posts: [
      {
        author: "river",
        body: "What helped my family most was saying clearly what we would and wouldn't do — without threats, and without giving up on each other.",
        reactions: [["this_helped", "luz"]],
      },
    ],
  },
];

/**
 * Demo threads, written once by the demo members when the demo is on: enough to make the
 * community feel alive, with content warnings to show folding.
 */
export async function seedForumDemo(database: Db) {
  await ensureCommunityBoards(database);
  await database.transaction(async (db) => {
    const handles = ["river", "sam_h", "luz"];
    const people = await db
      .select({ id: members.id, handle: members.handle })
      .from(members)
      .where(inArray(members.handle, handles));
    const idOf = new Map(people.map((p) => [p.handle, p.id]));
    if (idOf.size < handles.length) return;
    const claimed = await db
      .insert(instanceSettings)
      .values({ key: "forums_demo_seeded", value: new Date().toISOString() })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return;
    const boards = await db
      .select({ id: forumBoards.id, slug: forumBoards.slug })
      .from(forumBoards)
      .where(eq(forumBoards.kind, "community"));
    const boardOf = new Map(boards.map((b) => [b.slug, b.id]));
    for (const [i, t] of DEMO_THREADS.entries()) {
      const boardId = boardOf.get(t.board) as string;
      const opening = t.posts[0] as DemoPost;
      const started = new Date(Date.now() - (DEMO_THREADS.length - i) * 3_600_000 * 7);
      const [thread] = await db
        .insert(forumThreads)
        .values({
          boardId,
          authorId: idOf.get(opening.author) ?? null,
          anonymous: opening.anonymous ?? false,
          title: t.title,
          kind: t.kind,
          dayCount: t.dayCount ?? null,
          lastSeq: t.posts.length - 1,
          createdAt: started,
          lastPostAt: new Date(started.getTime() + (t.posts.length - 1) * 600_000),
        })
        .returning({ id: forumThreads.id });
      if (!thread) continue;
      for (const [seq, p] of t.posts.entries()) {
        const authorId = idOf.get(p.author) as string;
        const board = { kind: "community" as const, organisationId: null, groupId: null };
        const { html, mentioned } = await renderWithMentions(db, p.body, authorId, board);
        const [post] = await db
          .insert(forumPosts)
          .values({
            threadId: thread.id,
            boardId,
            seq,
            authorId: idOf.get(p.author) ?? null,
            anonymous: p.anonymous ?? false,
            body: p.body,
            html,
            warnings: normaliseWarnings(p.warnings ?? []),
            createdAt: new Date(started.getTime() + seq * 600_000),
            search: searchVector(seq === 0 ? t.title : null, p.body),
          })
          .returning({ id: forumPosts.id });
        await saveMentions(
          db,
          post?.id as string,
          authorId,
          mentioned.map((m) => m.id),
          new Date(started.getTime() + seq * 600_000),
        );
        for (const [kind, ...who] of p.reactions ?? []) {
          for (const handle of who) {
            await db.insert(forumReactions).values({
              postId: post?.id as string,
              kind: kind as "me_too",
              memberId: idOf.get(handle) as string,
            });
          }
        }
      }
    }
  });
}
