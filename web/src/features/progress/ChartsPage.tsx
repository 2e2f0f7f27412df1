import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useErrorText } from "../../app/errors.ts";
import { ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useCheckins, useJourneys, useProgressSettings } from "./api.ts";
import { addDays, deviceZone, todayIn, useDayFormat } from "./shared.tsx";
import "./progress.css";

const PERIODS = [7, 30, 90] as const;
type Period = (typeof PERIODS)[number];

type Point = { date: string; mood: number | null; craving: number | null; slip: boolean };

/**
 * Mood and craving over 7, 30 or 90 days, with restarts marked. Drawn with recharts (this page is
 * loaded on its own, so the chart library never weighs on the first download), and the same data
 * as a table for screen readers and anyone who prefers numbers.
 */
export function ChartsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [period, setPeriod] = useState<Period>(30);
  const settings = useProgressSettings();
  const to = todayIn(settings.data?.timeZone ?? deviceZone());
  const from = addDays(to, -(period - 1));
  const checkins = useCheckins(from, to);
  const journeys = useJourneys();

  const points = useMemo<Point[]>(() => {
    const byDate = new Map((checkins.data?.items ?? []).map((c) => [c.date, c]));
    const slips = new Set(
      (journeys.data?.items ?? []).flatMap((j) => j.attempts.map((a) => a.endDate).filter((d): d is string => !!d)),
    );
    return Array.from({ length: period }, (_, i) => {
      const date = addDays(from, i);
      const c = byDate.get(date);
      return { date, mood: c?.mood ?? null, craving: c?.craving ?? null, slip: slips.has(date) };
    });
  }, [checkins.data, journeys.data, from, period]);

  const recorded = points.filter((p) => p.mood !== null);
  const average = (values: number[]) =>
    values.length === 0 ? null : Math.round((values.reduce((s, n) => s + n, 0) / values.length) * 10) / 10;

  return (
    <div className="stack">
      <PageTitle intro={t("progress.charts.intro")}>{t("progress.charts.title")}</PageTitle>
      <fieldset className="period-picker">
        <legend className="visually-hidden">{t("progress.charts.period")}</legend>
        {PERIODS.map((days) => (
          <label key={days} className="period-picker__option">
            <input type="radio" name="period" checked={period === days} onChange={() => setPeriod(days)} />
            <span>{t("progress.charts.days", { count: days })}</span>
          </label>
        ))}
      </fieldset>
      {(checkins.isPending || journeys.isPending) && <Loading />}
      {checkins.error && <Notice tone="error">{errorText(checkins.error)}</Notice>}
      {checkins.data && recorded.length === 0 && (
        <Card tone="soft">
          <p>{t("progress.charts.empty")}</p>
          <p>
            <ButtonLink to="/progress/check-in">{t("progress.charts.checkInNow")}</ButtonLink>
          </p>
        </Card>
      )}
      {checkins.data && recorded.length > 0 && (
        <>
          <p>
            {t("progress.charts.summary", {
              count: recorded.length,
              mood: average(recorded.map((p) => p.mood as number)),
              craving: average(recorded.map((p) => p.craving as number)),
            })}
          </p>
          <Chart points={points} />
          <DataTable points={points} />
        </>
      )}
    </div>
  );
}

function Chart({ points }: { points: Point[] }) {
  const { t } = useTranslation();
  const short = useDayFormat("short");
  const captionId = useId();
  const moodName = t("progress.charts.mood");
  const cravingName = t("progress.charts.craving");
  return (
    <figure className="card chart" aria-labelledby={captionId}>
      {/* The table below carries the same data for assistive technology; the drawing is for the eye. */}
      <div className="chart__area" aria-hidden="true">
        <ResponsiveContainer width="100%" height={300}>
          <LineChart data={points} margin={{ top: 16, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid className="chart__grid" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tickFormatter={short} minTickGap={24} className="chart__axis" />
            <YAxis yAxisId="mood" domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} width={28} className="chart__axis" />
            <YAxis
              yAxisId="craving"
              orientation="right"
              domain={[0, 10]}
              ticks={[0, 2, 4, 6, 8, 10]}
              width={28}
              className="chart__axis"
            />
            <Tooltip
              labelFormatter={(label) => short(String(label))}
              contentStyle={{ background: "var(--surface)", borderColor: "var(--border)", color: "var(--text)" }}
              isAnimationActive={false}
            />
            <Legend formatter={(value) => <span className="chart__legend-text">{value}</span>} />
            {points.map((p, i) =>
              p.slip ? (
                <ReferenceLine
                  key={p.date}
                  x={p.date}
                  yAxisId="mood"
                  className="chart__restart"
                  strokeDasharray="4 4"
                  label={{
                    value: t("progress.charts.restart"),
                    // Beside the line, on the side with room: centred on it, a restart near either
                    // edge (often today's) ran over the axis numbers.
                    position: i >= points.length / 2 ? "insideTopRight" : "insideTopLeft",
                    className: "chart__restart-label",
                  }}
                />
              ) : null,
            )}
            <Line
              yAxisId="mood"
              type="monotone"
              dataKey="mood"
              name={moodName}
              className="chart__mood"
              stroke="#2f6b66"
              strokeWidth={3}
              dot={{ r: 4, className: "chart__mood-dot" }}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              yAxisId="craving"
              type="monotone"
              dataKey="craving"
              name={cravingName}
              className="chart__craving"
              stroke="#9a5b13"
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={{ r: 3, className: "chart__craving-dot" }}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="muted">
        {t("progress.charts.caption")}
      </figcaption>
    </figure>
  );
}

function DataTable({ points }: { points: Point[] }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const rows = points.filter((p) => p.mood !== null || p.slip).reverse();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{t("progress.charts.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("progress.charts.date")}</th>
            <th scope="col">{t("progress.charts.moodColumn")}</th>
            <th scope="col">{t("progress.charts.cravingColumn")}</th>
            <th scope="col">{t("progress.charts.restartColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.date}>
              <th scope="row">{day(p.date)}</th>
              <td>{p.mood ?? "—"}</td>
              <td>{p.craving ?? "—"}</td>
              <td>{p.slip ? t("progress.charts.restartYes") : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
