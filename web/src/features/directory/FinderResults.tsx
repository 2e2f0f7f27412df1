import type { FinderItem } from "@kinship/contracts/directory";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ClosedBadge, MeetingTime, ModeBadge } from "./shared.tsx";
import { dateText, fromNow, localDate, timeOnly, weekdayNames, zoneCity, zoneName } from "./time.ts";
import { useTypeNames } from "./vocabulary.ts";

const SOON = 60 * 60_000;

/** The list of results: one row per meeting per day, soonest first (or nearest). */
export function FinderList({ items, viewerZone }: { items: FinderItem[]; viewerZone: string }) {
  return (
    <ol className="results list-plain">
      {items.map((item) => (
        <li key={`${item.id}-${item.day}-${item.onDate ?? ""}`}>
          <FinderResult item={item} viewerZone={viewerZone} />
        </li>
      ))}
    </ol>
  );
}

function FinderResult({ item, viewerZone }: { item: FinderItem; viewerZone: string }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useTypeNames();
  const start = new Date(item.nextStart);
  const startsIn = start.getTime() - Date.now();
  return (
    <article className={`result${item.temporarilyClosed ? " result--closed" : ""}`}>
      <h3 className="result__name">
        <Link to={`/meetings/${encodeURIComponent(item.slug)}`}>{item.name}</Link>
      </h3>
      <p className="result__when">
        <MeetingTime start={start} timeZone={item.timezone} viewerZone={viewerZone} stacked />
      </p>
      <p className="badge-row">
        {item.temporarilyClosed && <ClosedBadge />}
        {item.inProgress && !item.temporarilyClosed && (
          <span className="badge badge--live">{t("directory.finder.inProgress")}</span>
        )}
        {!item.inProgress && startsIn > 0 && startsIn <= SOON && !item.temporarilyClosed && (
          <span className="badge badge--accent">
            {t("directory.finder.startsIn", { when: fromNow(start, i18n.language) })}
          </span>
        )}
        <ModeBadge mode={item.mode} />
        {item.distanceKm !== undefined && (
          <span className="badge">
            {t("directory.finder.kmAway", {
              km: item.distanceKm.toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
            })}
          </span>
        )}
      </p>
      <p className="result__where">
        <span>{item.groupName}</span>
        {(item.locationName || item.formattedAddress) && (
          <>
            <span aria-hidden="true"> · </span>
            <span className="visually-hidden">, </span>
            <span>{[item.locationName, item.region ?? item.formattedAddress].filter(Boolean).join(", ")}</span>
          </>
        )}
      </p>
      {item.types.length > 0 && (
        <p className="result__types">
          <span className="visually-hidden">{t("directory.meeting.types")}: </span>
          {item.types.map((code, index) => (
            <span key={code}>
              {index > 0 && ", "}
              {nameOf(code)}
            </span>
          ))}
        </p>
      )}
    </article>
  );
}

/**
 * The current results as a paper schedule: grouped by weekday in the reader's zone, each meeting's
 * own time and zone when it differs, and a legend of the type codes used. Hidden on screen.
 */
export function PrintSchedule({
  items,
  viewerZone,
  title,
  description,
}: {
  items: FinderItem[];
  viewerZone: string;
  title: string;
  description: string;
}) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useTypeNames();
  const days = weekdayNames(i18n.language);
  const byDay = new Map<string, Array<FinderItem & { minute: number }>>();
  // Days in the order they come (today first); within a day, by the clock, whatever the screen's order.
  for (const item of [...items].sort((a, b) => a.nextStart.localeCompare(b.nextStart))) {
    const local = localDate(viewerZone, new Date(item.nextStart));
    const key = item.onDate ? dateText(local.date, i18n.language) : (days[local.day] ?? "");
    byDay.set(key, [...(byDay.get(key) ?? []), { ...item, minute: local.minute }]);
  }
  for (const rows of byDay.values()) rows.sort((a, b) => a.minute - b.minute);
  const codes = [...new Set(items.flatMap((item) => item.types))].sort();
  return (
    <section className="print-schedule" aria-hidden="true">
      <h2>{title}</h2>
      <p>{description}</p>
      <p>{t("directory.print.zoneNote", { zone: zoneName(viewerZone, i18n.language) })}</p>
      {[...byDay].map(([day, rows]) => (
        <section key={day} className="print-schedule__day">
          <h3>{day}</h3>
          <table>
            <tbody>
              {rows.map((item) => {
                const start = new Date(item.nextStart);
                const differs = item.timezone !== viewerZone;
                return (
                  <tr key={`${item.id}-${item.day}`}>
                    <td className="print-schedule__time">
                      {timeOnly(start, viewerZone, i18n.language)}
                      {differs && (
                        <div className="print-schedule__theirs">
                          {t("directory.time.theirTime", {
                            time: timeOnly(start, item.timezone, i18n.language),
                            city: zoneCity(item.timezone, i18n.language),
                            zone: zoneName(item.timezone, i18n.language),
                          })}
                        </div>
                      )}
                    </td>
                    <td>
                      <strong>{item.name}</strong>
                      {item.temporarilyClosed && ` — ${t("directory.temporarilyClosed")}`}
                      <div>
                        {[item.groupName, t(`directory.mode.${item.mode}`), item.locationName, item.formattedAddress]
                          .filter(Boolean)
                          .join(" · ")}
                      </div>
                    </td>
                    <td className="print-schedule__codes">{item.types.join(" ")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      {codes.length > 0 && (
        <section className="print-schedule__legend">
          <h3>{t("directory.print.legend")}</h3>
          <dl>
            {codes.map((code) => (
              <div key={code}>
                <dt>{code}</dt>
                <dd>{nameOf(code)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </section>
  );
}
