import type { FinderQuery } from "@kinship/contracts/directory";
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import { groupMembers, groups, meetingSlots, meetings, organisationAdmins } from "../../db/schema.ts";
import { minutesOf, offsetAt, WEEK_MINUTES, weekMinuteOf } from "./schedule.ts";

/** Mean radius of the Earth in km, and the length of one degree of latitude on it. */
const EARTH_KM = 6371.0088;
const KM_PER_DEGREE = (EARTH_KM * Math.PI) / 180;
/** The longest a meeting lasts (schedule.ts: an end at the start time means 24 hours). */
const LONGEST_MEETING = 1440;

/** An inclusive range of week minutes, never wrapping (a wrapping window is split in two). */
export type WeekRange = [number, number];

const mod = (n: number, m: number) => ((n % m) + m) % m;

/** Split a window of `length` minutes starting at week minute `start` into ranges that do not wrap. */
export function weekRanges(start: number, length: number): WeekRange[] {
  if (length >= WEEK_MINUTES) return [[0, WEEK_MINUTES - 1]];
  const a = mod(start, WEEK_MINUTES);
  const b = a + length;
  return b < WEEK_MINUTES
    ? [[a, b]]
    : [
        [a, WEEK_MINUTES - 1],
        [0, b - WEEK_MINUTES],
      ];
}

/** The local day and clock window asked for: `to` is inclusive; a `to` before `from` runs past midnight. */
function clockWindow(q: Pick<FinderQuery, "from" | "to">) {
  const from = q.from ? minutesOf(q.from) : 0;
  const to = q.to ? minutesOf(q.to) : 1439;
  return { from, to, length: to >= from ? to - from : to + 1440 - from };
}

/**
 * The viewer's day and time window, read in zone `tz`, as ranges of UTC week minutes (what
 * `weekStartUtc` holds). The zone's offset is taken as it is `now`, as the slots' offsets are.
 * Null when nothing narrows the week.
 */
export function viewerWindow(q: Pick<FinderQuery, "day" | "from" | "to">, tz: string, now: Date) {
  if (q.day === undefined && !q.from && !q.to) return null;
  const offset = offsetAt(tz, now);
  const { from, length } = clockWindow(q);
  const days = q.day === undefined ? [0, 1, 2, 3, 4, 5, 6] : [q.day];
  if (days.length === 7 && length === 1439) return null;
  return days.flatMap((d) => weekRanges(d * 1440 + from - offset, length));
}

/**
 * Words of free text as a prefix query for `to_tsquery`. Only letters, marks and digits survive, so
 * nothing a person types can become tsquery syntax (`&`, `|`, `!`, `:`, `*`, quotes, brackets).
 */
export function searchQueryOf(text: string): string | null {
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 8)
    .map((w) => `${w.slice(0, 60)}:*`)
    .join(" & ");
}

/**
 * Latitude and longitude ranges that hold every point within `km` of a place (a sphere's exact
 * bounding box); a range over a pole leaves longitude free, one over the antimeridian is split.
 */
export function boundingBox(lat: number, lon: number, km: number) {
  const dLat = km / KM_PER_DEGREE;
  const latitude: [number, number] = [Math.max(-90, lat - dLat), Math.min(90, lat + dLat)];
  if (lat + dLat >= 90 || lat - dLat <= -90) return { latitude, longitude: null };
  const s = Math.sin(km / EARTH_KM) / Math.cos((lat * Math.PI) / 180);
  if (s >= 1) return { latitude, longitude: null };
  const dLon = (Math.asin(s) * 180) / Math.PI;
  const [w, e] = [lon - dLon, lon + dLon];
  const longitude: [number, number][] =
    w < -180
      ? [
          [w + 360, 180],
          [-180, e],
        ]
      : e > 180
        ? [
            [w, 180],
            [-180, e - 360],
          ]
        : [[w, e]];
  return { latitude, longitude };
}

const between = (column: SQL | typeof meetingSlots.weekStartUtc, [a, b]: [number, number]) =>
  sql`${column} between ${a} and ${b}`;
const anyOf = (conditions: SQL[]) => (conditions.length === 1 ? conditions[0] : or(...conditions)) as SQL;

/**
 * The finder's query: filters, order and page. `viewerId` widens it to the viewer's members-only
 * meetings. It runs in two steps in one statement: the page is chosen from `meeting_slots` alone
 * (which carries copies of what the filters need), then only that page is joined to its meetings and
 * groups.
 */
export async function findSlots(
  db: Db,
  viewerId: string | null,
  q: FinderQuery,
  now: Date,
  { countCap = COUNT_CAP }: { countCap?: number } = {},
) {
  const s = meetingSlots;
  const m = meetings;
  const g = groups;
  const nowMinute = weekMinuteOf(now);
  // Integer minutes throughout: timestamp and numeric arithmetic over thousands of rows costs more.
  const today = now.toISOString().slice(0, 10);
  const minuteOfDay = now.getUTCHours() * 60 + now.getUTCMinutes();
  /** Minutes from now until a one-off slot starts (negative once it has); its offset was taken on its own date. */
  const toOneOff = sql`((${s.onDate} - ${today}::date) * 1440 + ${s.startMinute} - ${s.utcOffsetMinutes} - ${minuteOfDay}::int)`;
  const sinceStart = sql`((${nowMinute}::int - ${s.weekStartUtc} + ${WEEK_MINUTES}) % ${WEEK_MINUTES})`;

  const where: SQL[] = [];

  // Who may know the meeting exists: everyone for public ones; members and organisation admins otherwise.
  if (viewerId) {
    const memberOf = db
      .select({ id: groupMembers.groupId })
      .from(groupMembers)
      .where(and(eq(groupMembers.memberId, viewerId), eq(groupMembers.status, "active")));
    const adminOf = db
      .select({ id: groups.id })
      .from(groups)
      .innerJoin(organisationAdmins, eq(organisationAdmins.organisationId, groups.organisationId))
      .where(eq(organisationAdmins.memberId, viewerId));
    where.push(or(eq(s.audience, "public"), inArray(s.groupId, memberOf), inArray(s.groupId, adminOf)) as SQL);
  } else {
    where.push(eq(s.audience, "public"));
  }

  // A one-off meeting that is over has left the directory.
  where.push(or(isNull(s.onDate), sql`${toOneOff} + ${s.durationMinutes} > 0`) as SQL);

  // Day and time window: in each meeting's own zone, or in the viewer's zone `tz`.
  if (q.tz) {
    const ranges = viewerWindow(q, q.tz, now);
    if (ranges) where.push(anyOf(ranges.map((r) => between(s.weekStartUtc, r))));
  } else if (q.day !== undefined || q.from || q.to) {
    const { from, to } = clockWindow(q);
    const wraps = to < from;
    const onDay = (day: number | undefined, range: [number, number]) =>
      day === undefined
        ? between(sql`${s.startMinute}`, range)
        : (and(eq(s.day, day), between(sql`${s.startMinute}`, range)) as SQL);
    const next = q.day === undefined ? undefined : (q.day + 1) % 7;
    where.push(wraps ? anyOf([onDay(q.day, [from, 1439]), onDay(next, [0, to])]) : onDay(q.day, [from, to]));
  }

  if (q.startsWithin !== undefined) {
    where.push(anyOf(weekRanges(nowMinute, q.startsWithin).map((r) => between(s.weekStartUtc, r))));
    where.push(or(isNull(s.onDate), sql`${toOneOff} between 0 and ${q.startsWithin}::int`) as SQL);
  }
  if (q.inProgress !== undefined) {
    const running = sql`${sinceStart} < ${s.durationMinutes}`;
    if (q.inProgress) {
      // The index narrows to starts in the last day; the exact test follows.
      where.push(
        anyOf(weekRanges(nowMinute - LONGEST_MEETING, LONGEST_MEETING).map((r) => between(s.weekStartUtc, r))),
      );
      where.push(running);
      where.push(or(isNull(s.onDate), sql`${toOneOff} <= 0 and ${toOneOff} + ${s.durationMinutes} > 0`) as SQL);
    } else {
      where.push(sql`not (${running} and (${s.onDate} is null or ${toOneOff} <= 0))`);
    }
  }

  if (q.types && q.types.length > 0)
    where.push(
      sql`${s.types} @> array[${sql.join(
        q.types.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  if (q.mode) where.push(eq(s.mode, q.mode));
  if (q.format || q.focus) {
    const kind = [q.format ? eq(g.format, q.format) : undefined, q.focus ? eq(g.focus, q.focus) : undefined];
    where.push(
      inArray(
        s.groupId,
        db
          .select({ id: g.id })
          .from(g)
          .where(and(...kind)),
      ),
    );
  }
  if (q.language) {
    // A meeting without its own languages speaks its group's.
    const speaks = db
      .select({ id: m.id })
      .from(m)
      .innerJoin(g, eq(g.id, m.groupId))
      .where(
        sql`(${q.language} = any(${m.languages}) or (cardinality(${m.languages}) = 0 and ${q.language} = any(${g.languages})))`,
      );
    where.push(inArray(s.meetingId, speaks));
  }
  const words = q.q ? searchQueryOf(q.q) : null;
  const textMatch = words ? sql`${s.search} @@ to_tsquery('simple', ${words})` : null;
  if (textMatch) where.push(textMatch);
  // The walks test the words row by row as they go (ts_match_vq is the @@ operator's function, which
  // no index answers): the GIN index would hand them every match at once, which is what they avoid.
  const walkWhere = where.map((c) =>
    c === textMatch ? sql`ts_match_vq(${s.search}, to_tsquery('simple', ${words}))` : c,
  );

  let distance: SQL<number | null> = sql`null::float8`;
  if (q.near) {
    const [lat, lon] = q.near;
    const box = boundingBox(lat, lon, q.radiusKm);
    where.push(between(sql`${s.latitude}`, box.latitude));
    if (box.longitude) where.push(anyOf(box.longitude.map((r) => between(sql`${s.longitude}`, r))));
    distance = sql`(${2 * EARTH_KM} * asin(least(1, sqrt(
      power(sin(radians(${s.latitude} - ${lat}::float8) / 2), 2)
      + cos(radians(${lat}::float8)) * cos(radians(${s.latitude}))
        * power(sin(radians(${s.longitude} - ${lon}::float8) / 2), 2)))))`;
    where.push(sql`${distance} <= ${q.radiusKm}::float8`);
  }

  // Minutes until the next start; a meeting in progress counts as starting (negative: minutes ago).
  const untilStart = sql<number>`(case
    when ${s.onDate} is not null then ${toOneOff}
    when ${sinceStart} < ${s.durationMinutes} then -${sinceStart}
    else (${s.weekStartUtc} - ${nowMinute}::int + ${WEEK_MINUTES}) % ${WEEK_MINUTES} end)`;

  // When few slots match (always, near a place), one pass sorts and counts them all. When more than
  // COUNT_CAP match (a broad word, a whole day of the world's meetings), the page is merged from
  // ordered walks of the week that stop at the page, and the count stops at the cap. Counting first
  // costs one cheap capped query and picks the plan (see "How it is fast" in docs/benchmarks.md).
  const counted = q.near ? null : await countMatches(db, where, countCap);
  const walk = counted?.totalCapped ?? false;
  const page = db.$with("page").as(
    walk
      ? soonestFirst(db, walkWhere, {
          nowMinute,
          longest: counted?.longest ?? LONGEST_MEETING,
          sinceStart,
          toOneOff,
          distance,
          take: q.offset + q.limit,
        })
          .orderBy(sql`"until"`, sql`"meeting_id"`, sql`"day"`)
          .limit(q.limit)
          .offset(q.offset)
      : db
          .select(pageFields(distance, untilStart, sql<number>`count(*) over ()`))
          .from(s)
          .where(and(...where))
          .orderBy(...(q.sort === "distance" ? [asc(distance)] : []), asc(untilStart), asc(s.meetingId), asc(s.day))
          .limit(q.limit)
          .offset(q.offset),
  );
  const rows = await db
    .with(page)
    .select({
      day: page.day,
      onDate: page.onDate,
      id: m.id,
      slug: m.slug,
      name: m.name,
      mode: m.mode,
      startTime: m.startTime,
      endTime: m.endTime,
      timeZone: m.timeZone,
      locationName: m.locationName,
      formattedAddress: m.formattedAddress,
      region: m.region,
      latitude: m.latitude,
      longitude: m.longitude,
      types: m.types,
      languages: m.languages,
      temporarilyClosed: m.temporarilyClosed,
      groupId: g.id,
      groupName: g.name,
      focus: g.focus,
      format: g.format,
      distanceKm: sql<number | null>`${page.distance}`.mapWith((v) => (v === null ? null : Number(v))),
      until: sql<number>`${page.until}`.mapWith(Number),
      utcOffset: page.utcOffset,
      total: sql<number | null>`${page.total}`.mapWith((v) => (v === null ? null : Number(v))),
    })
    .from(page)
    .innerJoin(m, eq(m.id, page.meetingId))
    .innerJoin(g, eq(g.id, m.groupId))
    .orderBy(
      ...(q.sort === "distance" ? [sql`${page.distance}`] : []),
      sql`${page.until}`,
      asc(page.meetingId),
      asc(page.day),
    );

  if (walk && counted) return { rows, total: counted.total, totalCapped: true };
  // Past the last page the window count is gone with the rows, so count on its own.
  if (rows.length === 0 && q.offset > 0) {
    const { total, totalCapped } = counted ?? (await countMatches(db, where, countCap));
    return { rows, total, totalCapped };
  }
  return { rows, total: rows[0]?.total ?? 0, totalCapped: false };
}
export type FinderRow = Awaited<ReturnType<typeof findSlots>>["rows"][number];

/** Counting stops here: past it the finder says "more than 1,000" rather than reading every match. */
export const COUNT_CAP = 1000;

/**
 * How many slots match, up to the cap; and, in the same round trip, the longest meeting there is,
 * which bounds how far back a meeting still in progress can have started.
 */
async function countMatches(db: Db, where: SQL[], cap: number) {
  const capped = db
    .select({ one: sql`1` })
    .from(meetingSlots)
    .where(and(...where))
    .limit(cap + 1)
    .as("capped");
  const [row] = await db
    .select({
      n: sql<number>`count(*)`.mapWith(Number),
      longest: sql<number>`(select max(${meetingSlots.durationMinutes}) from ${meetingSlots})`.mapWith(Number),
    })
    .from(capped);
  const n = row?.n ?? 0;
  return { total: Math.min(n, cap), totalCapped: n > cap, longest: row?.longest || LONGEST_MEETING };
}

/** What the page keeps of each slot: enough to order it and find its meeting. */
const pageFields = (distance: SQL<number | null>, until: SQL<number>, total: SQL<number | null>) => ({
  meetingId: meetingSlots.meetingId,
  day: meetingSlots.day,
  onDate: meetingSlots.onDate,
  distance: sql<number | null>`${distance}`.as("distance"),
  until: until.as("until"),
  utcOffset: meetingSlots.utcOffsetMinutes,
  /** Every match, counted in the same pass, when the page comes from one; null from the walks. */
  total: total.as("total"),
});

type Walks = {
  nowMinute: number;
  /** The longest meeting's length in minutes. */
  longest: number;
  sinceStart: SQL;
  toOneOff: SQL;
  distance: SQL<number | null>;
  /** Rows the page needs from each walk: offset + limit. */
  take: number;
};

/**
 * The matching slots in order of next start, as five walks whose own order is that order, each
 * stopped after `take` rows; merged and cut to the page by the caller. Every walk can follow an
 * index (`meeting_slots_next_idx` by week minute, `meeting_slots_one_off_idx` by date) that carries
 * every column the filters read, so a broad free-text search reads a few dozen index pages instead
 * of every matching row.
 *   1–2. recurring meetings in progress (started at most the longest meeting's length ago; the
 *        window may wrap past the end of the week, hence two walks), the longest-running first;
 *   3. recurring meetings starting later this week (UTC week minutes after now);
 *   4. those starting after the week wraps round;
 *   5. one-off meetings, by minutes until they start.
 */
function soonestFirst(db: Db, where: SQL[], { nowMinute, longest, sinceStart, toOneOff, distance, take }: Walks) {
  const s = meetingSlots;
  const running = sql`${sinceStart} < ${s.durationMinutes}`;
  const notRunning = sql`${sinceStart} >= ${s.durationMinutes}`;
  const walk = (condition: SQL, until: SQL<number>, ...order: SQL[]) =>
    db
      .select(pageFields(distance, until, sql<number | null>`null::bigint`))
      .from(s)
      .where(and(...where, condition))
      .orderBy(...order, asc(s.meetingId), asc(s.day))
      .limit(take);
  const recurring = isNull(s.onDate);
  const inProgress = sql<number>`-${sinceStart}`;
  // In progress: started at most `longest` minutes ago, which may be before the week turned.
  const from = nowMinute - longest;
  const runningSince = (range: SQL) => walk(and(recurring, range, running) as SQL, inProgress, sql`${inProgress}`);
  const runningThisWeek = runningSince(between(s.weekStartUtc, [Math.max(0, from), nowMinute]));
  const runningLastWeek = runningSince(gte(s.weekStartUtc, from + WEEK_MINUTES));
  const later = walk(
    and(recurring, gt(s.weekStartUtc, nowMinute), notRunning) as SQL,
    sql<number>`${s.weekStartUtc} - ${nowMinute}::int`,
    asc(s.weekStartUtc),
  );
  const afterTheWeekTurns = walk(
    and(recurring, lte(s.weekStartUtc, nowMinute), notRunning) as SQL,
    sql<number>`${s.weekStartUtc} - ${nowMinute}::int + ${WEEK_MINUTES}`,
    asc(s.weekStartUtc),
  );
  const oneOffs = walk(isNotNull(s.onDate), sql<number>`${toOneOff}`, sql`${toOneOff}`);
  return from < 0
    ? unionAll(runningThisWeek, runningLastWeek, later, afterTheWeekTurns, oneOffs)
    : unionAll(runningThisWeek, later, afterTheWeekTurns, oneOffs);
}
