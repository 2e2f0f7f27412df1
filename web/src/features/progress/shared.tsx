import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { fieldOf, useErrorText } from "../../app/errors.ts";

/** The device's own time zone, as the browser knows it. */
export const deviceZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
};

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

export const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

/** Calendar dates (YYYY-MM-DD) in the reader's language; dates are days, so no zone shifts them. */
export function useDayFormat(style: "long" | "short" = "long") {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(
      i18n.language,
      style === "long"
        ? { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }
        : { day: "numeric", month: "short", timeZone: "UTC" },
    );
    return (date: string) => format.format(new Date(`${date}T00:00:00Z`));
  }, [i18n.language, style]);
}

/** A milestone id ("1d", "30d", "6m", "1y", "18m", "2y") in the reader's words. */
export function useMilestoneName() {
  const { t } = useTranslation();
  return (id: string) => {
    if (id === "1d") return t("progress.milestone.hours24");
    const match = /^(\d+)([dmy])$/.exec(id);
    const count = Number(match?.[1] ?? 0);
    if (match?.[2] === "d") return t("progress.milestone.days", { count });
    if (match?.[2] === "m") return t("progress.milestone.months", { count });
    return t("progress.milestone.years", { count });
  };
}

/** An API error as a message for one field of a form (the first part of its path), or for the form. */
export function useFormErrors(error: unknown, fields: readonly string[]) {
  const errorText = useErrorText();
  if (!error) return { form: undefined, field: {} as Record<string, string | undefined> };
  const text = errorText(error);
  const name = fieldOf(error);
  if (name && fields.includes(name)) return { form: undefined, field: { [name]: text } };
  return { form: text, field: {} as Record<string, string | undefined> };
}

/** Shared mood and craving, newest first, as a small table (a partner's view, a group page). */
export function MoodTable({
  caption,
  rows,
  dayStyle = "long",
}: {
  caption: string;
  rows: { date: string; mood: number; craving: number }[];
  dayStyle?: "long" | "short";
}) {
  const { t } = useTranslation();
  const day = useDayFormat(dayStyle);
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("progress.charts.date")}</th>
            <th scope="col">{t("progress.charts.moodColumn")}</th>
            <th scope="col">{t("progress.charts.cravingColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.date}>
              <th scope="row">{day(c.date)}</th>
              <td>
                {c.mood} · {t(`progress.mood.m${c.mood as 1 | 2 | 3 | 4 | 5}`)}
              </td>
              <td>{c.craving}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
