import { describe, expect, it } from "vitest";
import {
  addMonths,
  closedPeriod,
  daysBetween,
  goalStreak,
  journeyTotals,
  mondayOf,
  nextMilestone,
  reachedMilestones,
  runDays,
  todayIn,
} from "./milestones.ts";

const at = (iso: string) => new Date(iso);

describe("today in the member's own time zone", () => {
  it("is the local calendar date, not the UTC one", () => {
    const instant = at("2026-06-30T23:30:00Z");
    expect(todayIn("UTC", instant)).toBe("2026-06-30");
    expect(todayIn("Europe/London", instant)).toBe("2026-07-01"); // BST, 00:30
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-06-30");
    expect(todayIn("Asia/Kolkata", instant)).toBe("2026-07-01");
    expect(todayIn("Pacific/Kiritimati", at("2026-06-30T10:00:00Z"))).toBe("2026-07-01");
    expect(todayIn("Pacific/Pago_Pago", at("2026-06-30T10:00:00Z"))).toBe("2026-06-29");
  });

  it("follows New York's spring-forward: 00:30 EDT is already the next day", () => {
    // 2026-03-08 02:00 EST → 03:00 EDT. 04:30 UTC on the 9th is 00:30 EDT (it would be 23:30 at EST).
    const start = "2026-03-01";
    expect(todayIn("America/New_York", at("2026-03-09T04:30:00Z"))).toBe("2026-03-09");
    expect(daysBetween(start, todayIn("America/New_York", at("2026-03-09T04:30:00Z")))).toBe(8);
    expect(daysBetween(start, todayIn("America/New_York", at("2026-03-09T03:30:00Z")))).toBe(7);
  });

  it("follows New York's fall-back: 23:30 EST is still the same day", () => {
    // 2026-11-01 02:00 EDT → 01:00 EST. 04:30 UTC on the 2nd is 23:30 EST on the 1st.
    expect(todayIn("America/New_York", at("2026-11-02T04:30:00Z"))).toBe("2026-11-01");
    expect(todayIn("America/New_York", at("2026-11-02T05:30:00Z"))).toBe("2026-11-02");
  });

  it("counts whole calendar days across a daylight-saving change, neither losing nor gaining one", () => {
    // London springs forward on 2026-03-29 (a 23-hour day) and falls back on 2026-10-25 (25 hours).
    for (const [start, end, days] of [
      ["2026-03-28", "2026-03-30", 2],
      ["2026-10-24", "2026-10-26", 2],
      ["2026-01-01", "2027-01-01", 365],
      ["2028-01-01", "2029-01-01", 366],
    ] as const) {
      expect(daysBetween(start, end)).toBe(days);
    }
    // Noon to noon across the spring change is 23 hours, and still one day later on the calendar.
    const before = todayIn("Europe/London", at("2026-03-28T12:00:00Z"));
    const after = todayIn("Europe/London", at("2026-03-29T11:00:00Z"));
    expect(daysBetween(before, after)).toBe(1);
  });
});

describe("milestones", () => {
  it("fall on 24 hours, 30/60/90 days, 6 and 9 months, 1 year, 18 months, then yearly", () => {
    const reached = reachedMilestones("2026-01-31", "2029-02-01");
    expect(reached).toEqual([
      { id: "1d", on: "2026-02-01" },
      { id: "30d", on: "2026-03-02" },
      { id: "60d", on: "2026-04-01" },
      { id: "90d", on: "2026-05-01" },
      { id: "6m", on: "2026-07-31" },
      { id: "9m", on: "2026-10-31" },
      { id: "1y", on: "2027-01-31" },
      { id: "18m", on: "2027-07-31" },
      { id: "2y", on: "2028-01-31" },
      { id: "3y", on: "2029-01-31" },
    ]);
  });

  it("has none on the first day, and 24 hours the day after", () => {
    expect(reachedMilestones("2026-05-10", "2026-05-10")).toEqual([]);
    expect(reachedMilestones("2026-05-10", "2026-05-11")).toEqual([{ id: "1d", on: "2026-05-11" }]);
    expect(nextMilestone("2026-05-10", "2026-05-10")).toEqual({ id: "1d", on: "2026-05-11", daysToGo: 1 });
    expect(nextMilestone("2026-05-10", "2026-05-11")).toEqual({ id: "30d", on: "2026-06-09", daysToGo: 29 });
    expect(nextMilestone("2026-05-10", "2027-05-10")).toMatchObject({ id: "18m", on: "2027-11-10" });
    expect(nextMilestone("2020-05-10", "2026-05-10")).toMatchObject({ id: "7y", on: "2027-05-10", daysToGo: 365 });
  });

  it("keeps month ends and leap days sensible", () => {
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
  });
});

describe("runs and totals", () => {
  it("keeps every day of every run: a slip restarts the count, not the story", () => {
    const runs = [
      { startDate: "2026-01-01", endDate: "2026-01-31" },
      { startDate: "2026-01-31", endDate: "2026-03-01" },
      { startDate: "2026-03-01", endDate: null },
    ];
    expect(runs.map((r) => runDays(r, "2026-03-11"))).toEqual([30, 29, 10]);
    expect(journeyTotals(runs, "2026-03-11")).toEqual({
      totalDays: 69,
      longestRunDays: 30,
      slips: 2,
      averageDaysBetweenSlips: 29.5,
    });
  });

  it("averages only the last five runs that ended in a slip, and has no average before any slip", () => {
    expect(journeyTotals([{ startDate: "2026-01-01", endDate: null }], "2026-01-11")).toEqual({
      totalDays: 10,
      longestRunDays: 10,
      slips: 0,
      averageDaysBetweenSlips: null,
    });
    const runs: { startDate: string; endDate: string | null }[] = [];
    let start = "2025-01-01";
    for (const days of [100, 10, 10, 10, 10, 10]) {
      const end = new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      runs.push({ startDate: start, endDate: end });
      start = end;
    }
    expect(journeyTotals(runs, "2026-12-31").averageDaysBetweenSlips).toBe(10);
  });
});

describe("goals", () => {
  it("puts weeks on Mondays", () => {
    expect(mondayOf("2026-11-23")).toBe("2026-11-23"); // a Monday
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // Sunday
    expect(mondayOf("2026-11-24")).toBe("2026-11-23");
  });

  it("closes only the period just past, never one before the goal was set", () => {
    const daily = { repeat: "daily" as const, dueDate: null, createdOn: "2026-11-20" };
    expect(closedPeriod(daily, "2026-11-23")).toBe("2026-11-22");
    expect(closedPeriod(daily, "2026-11-20")).toBeNull();
    expect(closedPeriod(daily, "2026-11-21")).toBe("2026-11-20");
    const weekly = { repeat: "weekly" as const, dueDate: null, createdOn: "2026-11-18" };
    expect(closedPeriod(weekly, "2026-11-23")).toBe("2026-11-16");
    expect(closedPeriod(weekly, "2026-11-22")).toBeNull();
    const until = { repeat: "daily" as const, dueDate: "2026-11-21", createdOn: "2026-11-20" };
    expect(closedPeriod(until, "2026-11-22")).toBe("2026-11-21");
    expect(closedPeriod(until, "2026-11-23")).toBeNull();
    const once = { repeat: "none" as const, dueDate: "2026-11-25", createdOn: "2026-11-20" };
    expect(closedPeriod(once, "2026-11-25")).toBeNull();
    expect(closedPeriod(once, "2026-11-26")).toBe("2026-11-25");
  });

  it("counts a streak back from the current period, which may still be open", () => {
    const done = (period: string) => ({ period, status: "done" as const });
    const records = [done("2026-11-20"), done("2026-11-21"), done("2026-11-22")];
    expect(goalStreak({ repeat: "daily" }, records, "2026-11-23")).toBe(3);
    expect(goalStreak({ repeat: "daily" }, [...records, done("2026-11-23")], "2026-11-23")).toBe(4);
    expect(goalStreak({ repeat: "daily" }, records, "2026-11-24")).toBe(0);
    expect(goalStreak({ repeat: "none" }, records, "2026-11-23")).toBeNull();
    expect(goalStreak({ repeat: "weekly" }, [done("2026-11-09"), done("2026-11-16")], "2026-11-23")).toBe(2);
  });
});
