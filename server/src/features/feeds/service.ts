import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { ImportStart } from "@kinship/contracts/directory";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import { localDate } from "../meetings/schedule.ts";
import { createFeedFetcher, FeedFetchError, type FetchFeed, refusedAtOnce } from "./fetch-feed.ts";
import { buildCalendar } from "./ical.ts";
import { readFeed, writeCandidates } from "./import.ts";
import { meetingGuideChunks } from "./meeting-guide.ts";
import { canImportInto, canSeeInCalendar, linkInMemberCalendar, linkIsPublic } from "./policy.ts";
import { IMPORT_LOST_AFTER_MS, presentCalendarFeed, presentImport } from "./presenters.ts";
import { feedsStore as store } from "./store.ts";

export type FeedsDeps = {
  db: Db;
  publicUrl: URL;
  /** How imports fetch a feed by URL; the default refuses private addresses. */
  fetchFeed?: FetchFeed;
  /** Let imports fetch from loopback and private networks (tests serve feeds on 127.0.0.1). */
  allowPrivateAddresses?: boolean;
  /** Where a background import reports an unexpected failure (never the feed's content). */
  logError?: (error: unknown, message: string) => void;
  /** Rows between two progress writes of an import. */
  progressEvery?: number;
};

type ImportBody = z.infer<typeof ImportStart>;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** One-off meetings stay in calendars for a year after their date. */
const oneOffsSince = (now: Date) => localDate("UTC", new Date(now.getTime() - 365 * 86_400_000)).date;

/** An error without the data it was about: its kind, code and the first line of its message. */
function safeError(error: unknown) {
  if (!(error instanceof Error)) return { name: "Error", message: "unknown error" };
  const firstLine = (text: unknown) =>
    String(text ?? "")
      .split("\n")[0]
      ?.slice(0, 300);
  const cause = error.cause instanceof Error ? error.cause : null;
  return {
    name: error.name,
    code: (cause as { code?: string } | null)?.code ?? (error as { code?: string }).code,
    message: firstLine(error.message),
    cause: cause ? firstLine(cause.message) : undefined,
  };
}

/** Feeds: the Meeting Guide JSON feed, its import into an organisation, and iCalendar feeds. */
export function createFeedsService(deps: FeedsDeps) {
  const { db, publicUrl } = deps;
  const allowPrivateAddresses = deps.allowPrivateAddresses ?? false;
  const fetchFeed = deps.fetchFeed ?? createFeedFetcher({ allowPrivateAddresses });
  const report = deps.logError ?? (() => {});
  // A failed query's message carries its parameters (the feed's rows): log what went wrong, not the data.
  const logError = (error: unknown, message: string) => report(safeError(error), message);
  const progressEvery = deps.progressEvery ?? 250;
  const running = new Set<Promise<void>>();

  const calendarUrl = (token: string) => new URL(`/feeds/calendar/${token}.ics`, publicUrl).toString();

  async function adminImport(actor: Actor, organisationId: string) {
    if (!(await canImportInto(db, actor, organisationId)))
      throw new Forbidden("Only the organisation's admins can import meetings into it.");
  }

  /**
   * The import itself, after the 202: fetch (if a URL), read every row, then save in one transaction
   * so a failure changes nothing. Progress goes to meeting_imports outside the transaction; on PGlite
   * those writes wait for the transaction, so progress shows during reading and at the end.
   */
  async function runImport(
    importId: string,
    organisation: { id: string; slug: string; name: string },
    body: ImportBody,
  ) {
    let inFlight = false;
    const progress = (processed: number, total: number) => {
      if (inFlight) return;
      inFlight = true;
      store
        .updateImport(db, importId, { processed, total })
        .catch((error) => logError(error, "import progress not saved"))
        .finally(() => {
          inFlight = false;
        });
    };
    const fail = (message: string) =>
      store.updateImport(db, importId, { status: "failed", error: message, finishedAt: new Date() });
    try {
      let rows: unknown[];
      if ("feed" in body) rows = body.feed;
      else {
        let parsed: unknown;
        try {
          const bytes = await fetchFeed(new URL(body.url));
          parsed = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
        } catch (error) {
          if (error instanceof FeedFetchError) return void (await fail(error.message));
          if (error instanceof SyntaxError)
            return void (await fail("That address didn't send JSON. A Meeting Guide feed is a JSON list of meetings."));
          throw error;
        }
        if (!Array.isArray(parsed))
          return void (await fail("That file isn't a Meeting Guide feed: it should be a list of meetings, [ … ]."));
        if (parsed.length > 200_000) return void (await fail("That feed has more than 200,000 meetings."));
        rows = parsed;
      }
      const total = rows.length;
      await store.updateImport(db, importId, { total });
      const { candidates, rejected } = readFeed(rows, organisation.name);
      progress(rejected.length, total);
      let lastReported = 0;
      const written = await db.transaction((tx) =>
        writeCandidates(tx as unknown as Db, organisation, candidates, (rowsDone) => {
          if (rowsDone - lastReported < progressEvery) return;
          lastReported = rowsDone;
          progress(rejected.length + rowsDone, total);
        }),
      );
      const report = {
        created: written.created,
        updated: written.updated,
        rejected: [...rejected, ...written.rejected].sort((a, b) => a.row - b.row),
      };
      await store.updateImport(db, importId, {
        status: "done",
        processed: total,
        total,
        report,
        finishedAt: new Date(),
      });
    } catch (error) {
      logError(error, "import failed");
      await fail("Something went wrong while saving, so nothing from this file was saved. Please try again.").catch(
        (e) => logError(e, "import failure not saved"),
      );
    }
  }

  return {
    /** The Meeting Guide feed as a stream of JSON, read from the database a page at a time. */
    meetingGuideStream(): Readable {
      return Readable.from(
        meetingGuideChunks(
          (afterId, limit) => store.publicWeeklyPage(db, afterId, limit),
          (slugs) => store.takenSlugs(db, slugs),
          publicUrl,
        ),
        { objectMode: false },
      );
    },

    /** A group's public meetings as an iCalendar feed; links only where they are public. */
    async groupCalendar(groupId: string, now = new Date()) {
      const group = await store.findGroup(db, groupId);
      if (!group) throw new NotFound("We couldn't find that group.");
      const meetings = await store.publicMeetingsOfGroup(db, groupId, oneOffsSince(now));
      return buildCalendar({
        name: group.name,
        description: `Meetings of ${group.name}, from Kinship.`,
        meetings: meetings.map((m) => ({ ...m, showLink: linkIsPublic(m) })),
        publicUrl,
        now,
      });
    },

    /** A member's followed meetings by the secret of their calendar feed; unknown secrets are not found. */
    async memberCalendar(token: string, now = new Date()) {
      if (!TOKEN.test(token)) throw new NotFound("We couldn't find that calendar.");
      const memberId = await store.memberOfCalendarToken(db, tokenHash(token));
      if (!memberId) throw new NotFound("We couldn't find that calendar.");
      const rows = await store.followedMeetings(db, memberId, oneOffsSince(now));
      const meetings = rows
        .filter(canSeeInCalendar)
        .map(({ audience: _a, memberStatus: _s, orgAdmin: _o, ...m }) => ({ ...m, showLink: linkInMemberCalendar(m) }));
      return buildCalendar({
        name: "My meetings",
        description: "The meetings you follow on Kinship.",
        meetings,
        publicUrl,
        now,
      });
    },

    /** Whether the member has a calendar feed; its address can't be shown again. */
    async calendarFeed(actor: Actor) {
      const row = await store.calendarFeedOf(db, actor.memberId);
      return presentCalendarFeed(row?.createdAt ?? null);
    },

    /** Make a new secret address (the old one stops working at once) and show it this once. */
    async resetCalendarFeed(actor: Actor) {
      const token = randomBytes(32).toString("base64url"); // 256 bits, 43 characters
      const row = await store.replaceCalendarFeed(db, actor.memberId, tokenHash(token));
      return presentCalendarFeed(row.createdAt, calendarUrl(token));
    },

    async deleteCalendarFeed(actor: Actor) {
      await store.deleteCalendarFeed(db, actor.memberId);
    },

    /** Start importing a Meeting Guide feed into an organisation; it runs after the answer. */
    async startImport(actor: Actor, organisationId: string, body: ImportBody) {
      const organisation = await store.findOrganisation(db, organisationId);
      if (!organisation) throw new NotFound("We couldn't find that organisation.");
      await adminImport(actor, organisationId);
      if ("url" in body) {
        const refused = allowPrivateAddresses ? null : refusedAtOnce(new URL(body.url));
        if (refused) throw new Invalid(refused, "url");
      }
      const since = new Date(Date.now() - IMPORT_LOST_AFTER_MS);
      if ((await store.runningImports(db, organisationId, since)).length > 0)
        throw new Conflict("An import into this organisation is still running. Please wait for it to finish.");
      const row = await store.insertImport(db, {
        organisationId,
        startedById: actor.memberId,
        source: "url" in body ? body.url : "Uploaded file",
        status: "running",
        total: "feed" in body ? body.feed.length : 0,
      });
      const job = runImport(row.id, organisation, body);
      running.add(job);
      void job.finally(() => running.delete(job));
      return presentImport(row);
    },

    /** One import, for the admins of its organisation. */
    async importOf(actor: Actor, importId: string) {
      const row = await store.findImport(db, importId);
      // To anyone but the organisation's admins an import doesn't exist.
      if (!row || !(await canImportInto(db, actor, row.organisationId)))
        throw new NotFound("We couldn't find that import.");
      return presentImport(row);
    },

    /** The organisation's recent imports, newest first. */
    async importsOf(actor: Actor, organisationId: string) {
      const organisation = await store.findOrganisation(db, organisationId);
      if (!organisation) throw new NotFound("We couldn't find that organisation.");
      await adminImport(actor, organisationId);
      return { items: (await store.importsOf(db, organisationId, 20)).map((row) => presentImport(row)) };
    },

    /** Wait for imports still running (the app calls this on close). */
    async idle() {
      await Promise.allSettled([...running]);
    },
  };
}

export type FeedsService = ReturnType<typeof createFeedsService>;
