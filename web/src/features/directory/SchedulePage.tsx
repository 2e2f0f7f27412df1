import type { Schedule } from "@kinship/contracts/directory";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router";
import type { z } from "zod";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useCalendarFeed, useCalendarFeedAction, useMe, useSchedule } from "./api.ts";
import { useScheduleText } from "./GroupMeetings.tsx";
import { ClosedBadge, LoadError, MeetingTime, ModeBadge, useViewerZone } from "./shared.tsx";
import { dateText } from "./time.ts";

type ScheduleItem = z.infer<typeof Schedule>["items"][number];

/** The member's own meetings: the ones they follow, when they're next on, and the dates they're going. */
export function SchedulePage() {
  const { data: me, isPending, error, refetch, isRefetching } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (!me && error) return <LoadError error={error} retry={() => refetch()} retrying={isRefetching} />;
  // Signed out: log in first, then come straight back here.
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <MySchedule />;
}

function MySchedule() {
  const { t } = useTranslation();
  const schedule = useSchedule();
  const items = schedule.data?.items ?? [];
  return (
    <div className="stack">
      <PageTitle intro={t("directory.schedule.intro")}>{t("directory.schedule.title")}</PageTitle>
      {schedule.isPending && <Loading />}
      {schedule.isError && (
        <LoadError error={schedule.error} retry={() => schedule.refetch()} retrying={schedule.isRefetching} />
      )}
      {schedule.data && items.length === 0 && (
        <div className="card card--soft stack-small">
          <p>{t("directory.schedule.empty")}</p>
          <ButtonLink to="/meetings">{t("directory.schedule.find")}</ButtonLink>
        </div>
      )}
      {items.length > 0 && (
        <section aria-labelledby="schedule-list" className="stack-small">
          <h2 id="schedule-list">{t("directory.schedule.following", { count: items.length })}</h2>
          <ul className="list-plain results">
            {items.map((item) => (
              <li key={item.meeting.id}>
                <ScheduleRow item={item} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <CalendarFeedCard />
    </div>
  );
}

function ScheduleRow({ item }: { item: ScheduleItem }) {
  const { t, i18n } = useTranslation();
  const viewerZone = useViewerZone();
  const scheduleText = useScheduleText();
  const { meeting, going } = item;
  return (
    <article className={`result${meeting.temporarilyClosed ? " result--closed" : ""}`}>
      <h3 className="result__name">
        <Link to={`/meetings/${encodeURIComponent(meeting.slug)}`}>{meeting.name}</Link>
      </h3>
      <p className="result__when">
        <span className="muted">{t("directory.meeting.nextStart")} </span>
        <MeetingTime start={new Date(meeting.nextStart)} timeZone={meeting.timezone} viewerZone={viewerZone} stacked />
      </p>
      <p className="badge-row">
        {meeting.temporarilyClosed && <ClosedBadge />}
        <ModeBadge mode={meeting.mode} />
      </p>
      <p className="small">
        {scheduleText({
          days: meeting.days,
          onDate: meeting.onDate,
          startTime: meeting.startTime,
          endTime: meeting.endTime,
          timeZone: meeting.timezone,
        })}
      </p>
      <p className="small">
        {going.length > 0 ? (
          <>
            <strong>{t("directory.schedule.going")}</strong>{" "}
            {going.map((date) => dateText(date, i18n.language)).join(" · ")}
          </>
        ) : (
          <span className="muted">{t("directory.schedule.notGoing")}</span>
        )}
      </p>
    </article>
  );
}

/**
 * The private calendar address: a secret URL a calendar app subscribes to. The server shows it
 * only when it is made; resetting makes a new one and the old one stops working.
 */
function CalendarFeedCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const feed = useCalendarFeed();
  const action = useCalendarFeedAction();
  const [fresh, setFresh] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<"reset" | "delete" | null>(null);
  const [notice, setNotice] = useState("");
  const has = Boolean(feed.data?.createdAt);

  const run = (kind: "create" | "delete") =>
    action.mutate(kind, {
      onSuccess: (result) => {
        setConfirming(null);
        setFresh(result.url);
        setNotice(kind === "delete" ? t("directory.calendar.deleted") : "");
      },
    });

  return (
    <Card title={t("directory.calendar.title")}>
      <p>{t("directory.calendar.intro")}</p>
      <Notice title={t("directory.calendar.privateTitle")}>
        <p>{t("directory.calendar.privateBody")}</p>
      </Notice>
      <StatusMessage message={notice || undefined} />
      {feed.isPending && <Loading />}
      {feed.isError && <LoadError error={feed.error} retry={() => feed.refetch()} retrying={feed.isRefetching} />}
      {fresh && <FreshAddress url={fresh} />}
      {feed.data && !has && !fresh && (
        <Button pending={action.isPending} pendingLabel={t("common.saving")} onClick={() => run("create")}>
          {t("directory.calendar.create")}
        </Button>
      )}
      {feed.data && has && (
        <div className="stack-small">
          {!fresh && feed.data.createdAt && (
            <p>{t("directory.calendar.exists", { when: dateTime(feed.data.createdAt) })}</p>
          )}
          {confirming === null && (
            <div className="cluster">
              <Button variant="secondary" small onClick={() => setConfirming("reset")}>
                {t("directory.calendar.reset")}
              </Button>
              <Button variant="quiet" small onClick={() => setConfirming("delete")}>
                {t("directory.calendar.delete")}
              </Button>
            </div>
          )}
          {confirming && (
            <div className="stack-small">
              <p>
                {confirming === "reset" ? t("directory.calendar.resetConfirm") : t("directory.calendar.deleteConfirm")}
              </p>
              <div className="cluster">
                <Button
                  variant={confirming === "delete" ? "danger" : "primary"}
                  small
                  pending={action.isPending}
                  pendingLabel={t("common.saving")}
                  onClick={() => run(confirming === "reset" ? "create" : "delete")}
                >
                  {confirming === "reset" ? t("directory.calendar.resetYes") : t("directory.calendar.deleteYes")}
                </Button>
                <Button variant="quiet" small onClick={() => setConfirming(null)}>
                  {t("directory.form.cancel")}
                </Button>
              </div>
            </div>
          )}
        </div>
      )}
      <FormError message={action.isError ? errorText(action.error) : undefined} />
    </Card>
  );
}

function FreshAddress({ url }: { url: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      // Clipboard can be blocked; the address is selected so Ctrl+C / long-press works.
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied("no");
    }
  };
  return (
    <div className="stack-small fresh-address">
      <Notice tone="success" title={t("directory.calendar.readyTitle")}>
        <p>{t("directory.calendar.readyBody")}</p>
      </Notice>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t("directory.calendar.address")}
        </label>
        <div className="input-with-button">
          <input id={id} className="input" readOnly value={url} onFocus={(event) => event.target.select()} />
          <Button variant="secondary" onClick={copy}>
            {t("directory.calendar.copy")}
          </Button>
        </div>
      </div>
      <p role="status" aria-live="polite" className="small">
        {copied === "yes"
          ? t("directory.calendar.copied")
          : copied === "no"
            ? t("directory.calendar.copyManually")
            : ""}
      </p>
      <p className="muted small">{t("directory.calendar.howTo")}</p>
    </div>
  );
}
