import type { Reason } from "@kinship/contracts/mentorship";

/** What matching needs of a mentor's profile. */
export type OfferableProfile = {
  published: boolean;
  pausedAt: Date | null;
  pausedUntil: string | null;
  capacity: number;
  timeZone: string;
  quietFrom: string | null;
  quietTo: string | null;
};

export type MatchProfile = OfferableProfile & {
  id: string;
  focus: string[];
  formats: string[];
  languages: string[];
  availableDays: number[];
  gender: string | null;
  timeInRecovery: string;
};

export type Preferences = {
  focus: string[];
  formats: string[];
  languages: string[];
  timeZone: string | null;
  days: number[];
  sameGender: boolean;
  gender: string | null;
};

/** Two zones this close (in hours, right now) make it easy to find a time to talk. */
const NEAR_HOURS = 3;

function clockIn(timeZone: string, now: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return {
    date: `${part("year")}-${part("month")}-${part("day")}`,
    time: `${part("hour")}:${part("minute")}`,
    utcOfLocal: Date.UTC(
      Number(part("year")),
      Number(part("month")) - 1,
      Number(part("day")),
      Number(part("hour")),
      Number(part("minute")),
    ),
  };
}

/** The zone's offset from UTC in minutes at this instant. */
export function offsetMinutes(timeZone: string, now: Date) {
  const whole = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return Math.round((clockIn(timeZone, whole).utcOfLocal - whole.getTime()) / 60_000);
}

/** Is `now` inside the quiet hours (a local span that may cross midnight)? */
export function inQuietHours(p: Pick<OfferableProfile, "timeZone" | "quietFrom" | "quietTo">, now: Date) {
  if (!p.quietFrom || !p.quietTo || p.quietFrom === p.quietTo) return false;
  const t = clockIn(p.timeZone, now).time;
  return p.quietFrom < p.quietTo ? t >= p.quietFrom && t < p.quietTo : t >= p.quietFrom || t < p.quietTo;
}

/** Paused, unless the chosen return day has come (in the mentor's own zone). */
export function isPaused(p: Pick<OfferableProfile, "pausedAt" | "pausedUntil" | "timeZone">, now: Date) {
  if (!p.pausedAt) return false;
  if (!p.pausedUntil) return true;
  return clockIn(p.timeZone, now).date < p.pausedUntil;
}

/**
 * Why a mentor is not offered to members right now, or null when they are: a draft, a break,
 * every place taken, or their quiet hours. In each case they get no new requests either.
 */
export function notOfferedBecause(p: OfferableProfile, activeMentees: number, now: Date) {
  if (!p.published) return "draft" as const;
  if (isPaused(p, now)) return "paused" as const;
  if (activeMentees >= p.capacity) return "full" as const;
  if (inQuietHours(p, now)) return "quiet_hours" as const;
  return null;
}

const overlap = <T>(a: readonly T[], b: readonly T[]) => a.filter((x) => b.includes(x));

const FOCUS_WORDS: Record<string, string> = {
  alcohol: "alcohol",
  narcotics: "drugs",
  gambling: "gambling",
  mental_health: "mental health",
  family_friends: "family and friends",
  other: "other things",
};
const FORMAT_WORDS: Record<string, string> = {
  twelve_step: "12-step sponsorship",
  smart: "SMART Recovery",
  recovery_dharma: "Recovery Dharma",
  secular: "secular recovery",
  recovery_coach: "recovery coaching",
  other: "other approaches",
};
const DAY_WORDS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const words = (values: string[], map: Record<string, string>) => values.map((v) => map[v] ?? v).join(", ");

/**
 * Ranks offered mentors for one member and says why each is suggested. A mentor who shares no
 * language the member named, or (when the member asks for it) does not state the same gender, is
 * left out; the rest are ordered by how much they share, then by who has the most room.
 */
export function rankMentors<P extends MatchProfile>(
  candidates: { profile: P; activeMentees: number }[],
  prefs: Preferences,
  memberZone: string | null,
  now: Date,
) {
  const ranked = [];
  for (const c of candidates) {
    const p = c.profile;
    const reasons: Reason[] = [];
    let score = 0;
    const languages = overlap(prefs.languages, p.languages);
    if (prefs.languages.length > 0 && languages.length === 0) continue;
    if (prefs.sameGender && (!prefs.gender || p.gender !== prefs.gender)) continue;
    const focus = overlap(prefs.focus, p.focus);
    if (focus.length > 0) {
      score += 3;
      reasons.push({ code: "focus", values: focus, text: `Supports people with ${words(focus, FOCUS_WORDS)}` });
    }
    const formats = overlap(prefs.formats, p.formats);
    if (formats.length > 0) {
      score += 3;
      reasons.push({ code: "format", values: formats, text: `Offers ${words(formats, FORMAT_WORDS)}` });
    }
    if (languages.length > 0) {
      score += 3;
      reasons.push({ code: "language", values: languages, text: `Speaks ${languages.join(", ")}` });
    }
    const zone = prefs.timeZone ?? memberZone;
    if (zone) {
      const apart = Math.abs(offsetMinutes(zone, now) - offsetMinutes(p.timeZone, now)) / 60;
      if (apart <= NEAR_HOURS) {
        score += 2;
        const text =
          apart === 0 ? "Lives in your time zone" : `Lives within ${Math.ceil(apart)} hour(s) of your time zone`;
        reasons.push({ code: "time_zone", values: [p.timeZone], text });
      }
    }
    const days = overlap(prefs.days, p.availableDays).sort();
    if (days.length > 0) {
      score += 1;
      reasons.push({
        code: "days",
        values: days.map(String),
        text: `Available on ${days.map((d) => DAY_WORDS[d]).join(", ")}`,
      });
    }
    if (prefs.sameGender && prefs.gender) {
      reasons.push({ code: "gender", values: [prefs.gender], text: "Shares your gender, as you asked" });
    }
    if (p.timeInRecovery === "5_10" || p.timeInRecovery === "10_plus") {
      score += 0.5;
      reasons.push({ code: "experience", values: [p.timeInRecovery], text: "Many years in recovery" });
    }
    reasons.push({ code: "available", values: [], text: "Has room for someone new" });
    ranked.push({ ...c, reasons, score });
  }
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.profile.capacity - b.activeMentees - (a.profile.capacity - a.activeMentees) ||
      a.profile.id.localeCompare(b.profile.id),
  );
}
