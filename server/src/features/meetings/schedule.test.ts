import { describe, expect, it } from "vitest";
import {
  clockOf,
  durationOf,
  inProgressAt,
  instantOf,
  localDate,
  nextStartOf,
  occursOn,
  offsetAt,
  slotsOf,
  upcomingDates,
  WEEK_MINUTES,
  type When,
  weekMinuteOf,
} from "./schedule.ts";

// 2026: the UK springs forward on Sunday 29 March and falls back on Sunday 25 October;
// the US springs forward on Sunday 8 March and falls back on Sunday 1 November.
const weekly = (overrides: Partial<When> = {}): When => ({
  days: [1],
  onDate: null,
  startTime: "19:00",
  endTime: "20:00",
  timeZone: "Europe/London",
  ...overrides,
});
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("offsets and instants", () => {
  it("knows each zone's offset on both sides of a clock change", () => {
    expect(offsetAt("Europe/London", new Date("2026-03-29T00:59:00Z"))).toBe(0);
    expect(offsetAt("Europe/London", new Date("2026-03-29T01:00:00Z"))).toBe(60);
    expect(offsetAt("America/New_York", new Date("2026-03-08T06:59:00Z"))).toBe(-300);
    expect(offsetAt("America/New_York", new Date("2026-03-08T07:00:00Z"))).toBe(-240);
    expect(offsetAt("Asia/Kolkata", new Date("2026-01-01T00:00:00Z"))).toBe(330);
  });

  it("turns a local date and time into the right instant in winter and summer", () => {
    expect(iso(instantOf("2026-01-12", "19:00", "Europe/London"))).toBe("2026-01-12T19:00:00.000Z");
    expect(iso(instantOf("2026-07-13", "19:00", "Europe/London"))).toBe("2026-07-13T18:00:00.000Z");
    expect(iso(instantOf("2026-01-12", "14:00", "America/New_York"))).toBe("2026-01-12T19:00:00.000Z");
    expect(iso(instantOf("2026-07-13", "14:00", "America/New_York"))).toBe("2026-07-13T18:00:00.000Z");
    expect(iso(instantOf("2026-01-12", "19:00", "Asia/Kolkata"))).toBe("2026-01-12T13:30:00.000Z");
  });

  it("moves a time in the spring-forward gap to just after it", () => {
    // 01:30 never happens in London on 29 March: it is 02:30 BST, 01:30 UTC.
    expect(iso(instantOf("2026-03-29", "01:30", "Europe/London"))).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 never happens in New York on 8 March: it is 03:30 EDT, 07:30 UTC.
    expect(iso(instantOf("2026-03-08", "02:30", "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
    // Southern hemisphere: Sydney springs forward on 4 October.
    expect(iso(instantOf("2026-10-04", "02:30", "Australia/Sydney"))).toBe("2026-10-03T16:30:00.000Z");
  });

  it("reads a time that happens twice when clocks fall back as its first occurrence, in every zone", () => {
    expect(iso(instantOf("2026-10-25", "01:30", "Europe/London"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(instantOf("2026-11-01", "01:30", "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
    expect(iso(instantOf("2026-04-05", "02:30", "Australia/Sydney"))).toBe("2026-04-04T15:30:00.000Z");
  });

  it("gives the local date, weekday and minute of an instant", () => {
    expect(localDate("America/New_York", new Date("2026-01-13T03:00:00Z"))).toEqual({
      date: "2026-01-12",
      day: 1,
      minute: 22 * 60,
    });
    expect(localDate("Pacific/Auckland", new Date("2026-01-12T12:00:00Z"))).toMatchObject({
      date: "2026-01-13",
      day: 2,
    });
  });

  it("counts week minutes from Sunday 00:00 UTC", () => {
    expect(weekMinuteOf(new Date("2026-01-11T00:00:00Z"))).toBe(0); // a Sunday
    expect(weekMinuteOf(new Date("2026-01-12T12:00:00Z"))).toBe(1440 + 720);
    expect(weekMinuteOf(new Date("2026-01-17T23:59:00Z"))).toBe(WEEK_MINUTES - 1);
    expect(clockOf(19 * 60 + 5)).toBe("19:05");
  });
});

describe("durations", () => {
  it("runs an hour without an end, past midnight when the end is earlier, a full day when equal", () => {
    expect(durationOf({ startTime: "19:00", endTime: null })).toBe(60);
    expect(durationOf({ startTime: "19:00", endTime: "20:30" })).toBe(90);
    expect(durationOf({ startTime: "23:30", endTime: "00:30" })).toBe(60);
    expect(durationOf({ startTime: "09:00", endTime: "09:00" })).toBe(1440);
  });
});

describe("finder slots", () => {
  it("keeps a weekly meeting's UTC week minute with the zone's offset as it is now", () => {
    const winter = new Date("2026-01-12T12:00:00Z");
    const summer = new Date("2026-07-13T12:00:00Z");
    expect(slotsOf(weekly(), winter)).toEqual([
      { day: 1, startMinute: 1140, durationMinutes: 60, utcOffsetMinutes: 0, weekStartUtc: 2580, onDate: null },
    ]);
    expect(slotsOf(weekly(), summer)[0]).toMatchObject({ utcOffsetMinutes: 60, weekStartUtc: 2520 });
    expect(slotsOf(weekly({ timeZone: "America/New_York", startTime: "14:00" }), winter)[0]?.weekStartUtc).toBe(2580);
  });

  it("wraps a slot before Sunday 00:00 UTC to the end of the week, and one per distinct day", () => {
    // Sunday 00:30 in Tokyo is Saturday 15:30 UTC.
    const slots = slotsOf(weekly({ days: [0, 0, 3], startTime: "00:30", timeZone: "Asia/Tokyo" }));
    expect(slots.map((s) => s.weekStartUtc)).toEqual([6 * 1440 + 930, 2 * 1440 + 930]);
  });

  it("takes a one-off meeting's offset on its own date, whatever the date today", () => {
    const slots = slotsOf(weekly({ days: [], onDate: "2026-07-01" }), new Date("2026-01-12T12:00:00Z"));
    expect(slots).toEqual([
      {
        day: 3,
        startMinute: 1140,
        durationMinutes: 60,
        utcOffsetMinutes: 60,
        weekStartUtc: 3 * 1440 + 1080,
        onDate: "2026-07-01",
      },
    ]);
  });
});

describe("next start across a daylight-saving change", () => {
  it("London: the Monday after the clocks go forward starts an hour earlier in UTC", () => {
    expect(iso(nextStartOf(weekly(), new Date("2026-03-23T12:00:00Z")))).toBe("2026-03-23T19:00:00.000Z");
    expect(iso(nextStartOf(weekly(), new Date("2026-03-27T12:00:00Z")))).toBe("2026-03-30T18:00:00.000Z");
    // And back again in October.
    expect(iso(nextStartOf(weekly(), new Date("2026-10-22T12:00:00Z")))).toBe("2026-10-26T19:00:00.000Z");
  });

  it("New York: the same local time across its own change", () => {
    const ny = weekly({ days: [0], startTime: "10:00", endTime: "11:00", timeZone: "America/New_York" });
    expect(iso(nextStartOf(ny, new Date("2026-03-02T00:00:00Z")))).toBe("2026-03-08T14:00:00.000Z");
    expect(iso(nextStartOf(ny, new Date("2026-03-09T00:00:00Z")))).toBe("2026-03-15T14:00:00.000Z");
    expect(iso(nextStartOf(ny, new Date("2026-10-26T00:00:00Z")))).toBe("2026-11-01T15:00:00.000Z");
  });

  it("a meeting set in the spring-forward gap starts just after it that night, and as usual the next week", () => {
    const gap = weekly({ days: [0], startTime: "01:30", endTime: "02:30" });
    expect(iso(nextStartOf(gap, new Date("2026-03-28T12:00:00Z")))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(nextStartOf(gap, new Date("2026-03-29T03:00:00Z")))).toBe("2026-04-05T00:30:00.000Z");
    expect(upcomingDates(gap, 3, new Date("2026-03-20T12:00:00Z"))).toEqual(["2026-03-22", "2026-03-29", "2026-04-05"]);
    const nyGap = weekly({ days: [0], startTime: "02:30", endTime: null, timeZone: "America/New_York" });
    expect(upcomingDates(nyGap, 2, new Date("2026-03-01T12:00:00Z"))).toEqual(["2026-03-08", "2026-03-15"]);
  });

  it("a one-off meeting has one start and none once it is over", () => {
    const once = weekly({ days: [], onDate: "2026-03-29", startTime: "10:00", endTime: "11:00" });
    expect(iso(nextStartOf(once, new Date("2026-03-01T00:00:00Z")))).toBe("2026-03-29T09:00:00.000Z");
    expect(nextStartOf(once, new Date("2026-03-29T12:00:00Z"))).toBeNull();
    expect(upcomingDates(once, 5, new Date("2026-03-01T00:00:00Z"))).toEqual(["2026-03-29"]);
    expect(upcomingDates(once, 5, new Date("2026-04-01T00:00:00Z"))).toEqual([]);
  });
});

describe("in progress", () => {
  it("is true from the start until the end, also past midnight and the end of the week", () => {
    const late = weekly({ days: [6], startTime: "23:30", endTime: "00:30" });
    expect(inProgressAt(late, new Date("2026-01-17T23:45:00Z"))).toBe(true);
    expect(inProgressAt(late, new Date("2026-01-18T00:10:00Z"))).toBe(true);
    expect(inProgressAt(late, new Date("2026-01-18T00:31:00Z"))).toBe(false);
    expect(inProgressAt(late, new Date("2026-01-17T23:29:00Z"))).toBe(false);
    // While running, the next start is the current one.
    expect(iso(nextStartOf(late, new Date("2026-01-18T00:10:00Z")))).toBe("2026-01-17T23:30:00.000Z");
  });
});

describe("occurrences", () => {
  it("lists upcoming local dates for RSVP, and knows which dates a meeting happens on", () => {
    const twice = weekly({ days: [1, 4] });
    expect(upcomingDates(twice, 4, new Date("2026-01-12T20:30:00Z"))).toEqual([
      "2026-01-15",
      "2026-01-19",
      "2026-01-22",
      "2026-01-26",
    ]);
    expect(occursOn(twice, "2026-01-15")).toBe(true);
    expect(occursOn(twice, "2026-01-16")).toBe(false);
    expect(occursOn(weekly({ days: [], onDate: "2026-02-01" }), "2026-02-01")).toBe(true);
    expect(occursOn(weekly({ days: [], onDate: "2026-02-01" }), "2026-02-08")).toBe(false);
  });
});
