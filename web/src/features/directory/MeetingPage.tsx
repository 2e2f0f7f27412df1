import type { Meeting } from "@kinship/contracts/directory";
import { Fragment } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useFollow, useMe, useMeeting, useRsvp } from "./api.ts";
import { SuggestEditCard } from "./SuggestEditCard.tsx";
import {
  ClosedBadge,
  isNotFound,
  LoadError,
  LoginPrompt,
  MeetingTime,
  NotFoundState,
  TypeList,
  useViewerZone,
} from "./shared.tsx";
import {
  clockText,
  dateText,
  instantOf,
  nextStartOf,
  sameClock,
  timeOnly,
  upcomingDates,
  weekdayNames,
  weekdayTime,
  zoneCity,
  zoneName,
} from "./time.ts";
import { useLanguageName } from "./vocabulary.ts";

/** One meeting: when (in both zones), where, how to join, and the viewer's own plans for it. */
export function MeetingPage() {
  const { t } = useTranslation();
  const slug = useParams().slug ?? "";
  const meeting = useMeeting(slug);

  if (meeting.isPending) return <Loading />;
  if (isNotFound(meeting.error))
    return (
      <NotFoundState
        title={t("directory.meeting.notFoundTitle")}
        body={t("directory.meeting.notFoundBody")}
        back={<ButtonLink to="/meetings">{t("directory.meeting.backToFinder")}</ButtonLink>}
      />
    );
  if (meeting.isError)
    return <LoadError error={meeting.error} retry={() => meeting.refetch()} retrying={meeting.isRefetching} />;
  return <MeetingDetails meeting={meeting.data} />;
}

function MeetingDetails({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const viewerZone = useViewerZone();
  const here = useLocation().pathname;
  const next = meeting.nextStart ? new Date(meeting.nextStart) : null;

  return (
    <div className="meeting-page stack">
      <div>
        <PageTitle eyebrow={t(`directory.mode.${meeting.mode}`)}>{meeting.name}</PageTitle>
        <p className="meeting-page__group">
          <Trans
            i18nKey="directory.meeting.byGroup"
            values={{ group: meeting.groupName, organisation: meeting.organisationName }}
            components={{ a: <Link to={`/groups/${meeting.groupId}`} /> }}
          />
        </p>
        <p className="badge-row">
          {meeting.temporarilyClosed && <ClosedBadge />}
          {meeting.audience === "members" && <span className="badge">{t("directory.meeting.membersOnly")}</span>}
          <span className="badge">{t(`directory.focus.${meeting.focus}`)}</span>
          <span className="badge">{t(`directory.format.${meeting.format}`)}</span>
        </p>
      </div>

      {meeting.temporarilyClosed && (
        <div className="notice notice--info">
          <p className="notice__title">{t("directory.meeting.closedTitle")}</p>
          <p>{t("directory.meeting.closedBody")}</p>
        </div>
      )}

      <div className="meeting-page__grid">
        <div className="stack">
          <Card title={t("directory.meeting.when")}>
            <Schedule meeting={meeting} viewerZone={viewerZone} />
            {next && (
              <p>
                <span className="muted">{t("directory.meeting.nextStart")} </span>
                <MeetingTime start={next} timeZone={meeting.timeZone} viewerZone={viewerZone} />
              </p>
            )}
            {!next && <p className="muted">{t("directory.meeting.past")}</p>}
          </Card>

          {meeting.mode !== "online" && <WhereCard meeting={meeting} />}
          {meeting.mode !== "in_person" && <JoinOnlineCard meeting={meeting} signedIn={Boolean(me)} />}

          {meeting.notes && (
            <Card title={t("directory.meeting.notes")}>
              <p className="pre-line">{meeting.notes}</p>
            </Card>
          )}
          <AboutCard meeting={meeting} />
        </div>

        <div className="stack">
          {me ? (
            <>
              <FollowCard meeting={meeting} />
              {next && !meeting.temporarilyClosed && <RsvpCard meeting={meeting} viewerZone={viewerZone} />}
            </>
          ) : (
            <Card title={t("directory.meeting.yourPlans")}>
              <p className="muted">{t("directory.meeting.goingCount", { count: meeting.going.count })}</p>
              <LoginPrompt from={here}>{t("directory.meeting.loginForPlans")}</LoginPrompt>
            </Card>
          )}
          {meeting.viewer.canManage && (
            <Card title={t("directory.meeting.manageTitle")}>
              <p>{t("directory.meeting.manageBody")}</p>
              <ButtonLink to={`/groups/${meeting.groupId}#meetings`} variant="secondary" small>
                {t("directory.meeting.manageLink")}
              </ButtonLink>
            </Card>
          )}
        </div>
      </div>
      {me && <SuggestEditCard meeting={meeting} />}
    </div>
  );
}

/** The weekly schedule in the meeting's own zone, and each day's next start in the viewer's. */
function Schedule({ meeting, viewerZone }: { meeting: Meeting; viewerZone: string }) {
  const { t, i18n } = useTranslation();
  const days = weekdayNames(i18n.language);
  const start = clockText(meeting.startTime, i18n.language);
  const range = meeting.endTime
    ? t("directory.meeting.range", { start, end: clockText(meeting.endTime, i18n.language) })
    : start;
  const place = t("directory.meeting.inZone", {
    city: zoneCity(meeting.timeZone, i18n.language),
    zone: zoneName(meeting.timeZone, i18n.language),
  });
  if (meeting.onDate) {
    const at = instantOf(meeting.onDate, meeting.startTime, meeting.timeZone);
    return (
      <div className="stack-small">
        <p>
          <strong>{dateText(meeting.onDate, i18n.language, true)}</strong>, {range} {place}
        </p>
        <p>
          <MeetingTime start={at} timeZone={meeting.timeZone} viewerZone={viewerZone} />
        </p>
      </div>
    );
  }
  const ordered = [...meeting.days].sort((a, b) => a - b);
  const starts = ordered.map((day) => nextStartOf(meeting, new Date(), day)).filter((at): at is Date => at !== null);
  const differs = starts.some((at) => !sameClock(meeting.timeZone, viewerZone, at));
  return (
    <div className="stack-small">
      <p>
        {new Set(ordered).size === 7
          ? t("directory.meeting.daily", { range })
          : t("directory.meeting.weekly", { days: ordered.map((d) => days[d]).join(", "), range })}{" "}
        {place}
      </p>
      {differs && (
        <>
          <p className="schedule-days__title">
            {t("directory.meeting.inYourZone", {
              city: zoneCity(viewerZone, i18n.language),
              zone: zoneName(viewerZone, i18n.language),
            })}
          </p>
          <ul className="list-plain schedule-days">
            {starts.map((at) => (
              <li key={at.toISOString()}>
                <strong>{weekdayTime(at, viewerZone, i18n.language)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function WhereCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const mapQuery =
    meeting.latitude !== null && meeting.longitude !== null
      ? `geo:${meeting.latitude},${meeting.longitude}?q=${meeting.latitude},${meeting.longitude}`
      : null;
  const osm =
    meeting.latitude !== null && meeting.longitude !== null
      ? `https://www.openstreetmap.org/?mlat=${meeting.latitude}&mlon=${meeting.longitude}#map=17/${meeting.latitude}/${meeting.longitude}`
      : meeting.formattedAddress
        ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(meeting.formattedAddress)}`
        : null;
  return (
    <Card title={t("directory.meeting.where")}>
      {meeting.locationName && (
        <p>
          <strong>{meeting.locationName}</strong>
        </p>
      )}
      {meeting.formattedAddress && <address className="address">{meeting.formattedAddress}</address>}
      {meeting.locationNotes && <p className="pre-line">{meeting.locationNotes}</p>}
      {(osm || mapQuery) && (
        <p className="cluster">
          {osm && (
            <a href={osm} rel="noopener noreferrer" target="_blank">
              {t("directory.meeting.openMap")}
              <span className="visually-hidden"> {t("directory.meeting.newTab")}</span>
            </a>
          )}
          {mapQuery && <a href={mapQuery}>{t("directory.meeting.openMapApp")}</a>}
        </p>
      )}
    </Card>
  );
}

/** The link and phone if the viewer may see them; otherwise why not, and what to do. */
function JoinOnlineCard({ meeting, signedIn }: { meeting: Meeting; signedIn: boolean }) {
  const { t } = useTranslation();
  const here = useLocation().pathname;
  const { access } = meeting;
  return (
    <Card title={t("directory.meeting.joinOnline")}>
      {/* Kinship's own live room for this meeting (the rooms feature). */}
      <p>
        <ButtonLink
          to={`/meetings/${encodeURIComponent(meeting.slug)}/room`}
          variant={access.conferenceUrl ? "secondary" : "primary"}
        >
          {t("rooms.joinRoom")}
        </ButtonLink>
      </p>
      {access.conferenceUrl && (
        <p>
          <a className="button button--primary" href={access.conferenceUrl} rel="noopener noreferrer" target="_blank">
            {t("directory.meeting.joinLink")}
            <span className="visually-hidden"> {t("directory.meeting.newTab")}</span>
          </a>
        </p>
      )}
      {access.conferenceUrl && <p className="muted break-all">{access.conferenceUrl}</p>}
      {access.conferencePhone && (
        <p>
          {t("directory.meeting.phone")}{" "}
          <a href={`tel:${access.conferencePhone.replace(/[^\d+,#*]/g, "")}`}>{access.conferencePhone}</a>
        </p>
      )}
      {access.conferenceNotes && <p className="pre-line">{access.conferenceNotes}</p>}
      {access.hiddenUntil === "signed_in" && !signedIn && (
        <LoginPrompt from={here}>{t("directory.meeting.loginForLink")}</LoginPrompt>
      )}
      {access.hiddenUntil === "signed_in" && signedIn && <p>{t("directory.meeting.linkHidden")}</p>}
      {access.hiddenUntil === "admitted" && <p>{t("directory.meeting.greeter")}</p>}
      {!access.conferenceUrl && !access.conferencePhone && !access.hiddenUntil && (
        <p className="muted">{t("directory.meeting.noLink")}</p>
      )}
    </Card>
  );
}

function AboutCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  return (
    <Card title={t("directory.meeting.about")}>
      <dl className="details-list">
        {meeting.languages.length > 0 && (
          <Fragment>
            <dt>{t("directory.meeting.languages")}</dt>
            <dd>{meeting.languages.map(languageName).join(", ")}</dd>
          </Fragment>
        )}
        <dt>{t("directory.meeting.organisation")}</dt>
        <dd>{meeting.organisationName}</dd>
      </dl>
      {meeting.types.length > 0 && (
        <>
          <h3>{t("directory.meeting.types")}</h3>
          <TypeList types={meeting.types} />
        </>
      )}
    </Card>
  );
}

function FollowCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const follow = useFollow(meeting);
  const follows = meeting.viewer.follows;
  return (
    <Card title={t("directory.meeting.yourPlans")}>
      <p>{follows ? t("directory.meeting.following") : t("directory.meeting.followHint")}</p>
      <div className="cluster">
        <Button
          variant={follows ? "secondary" : "primary"}
          aria-pressed={follows}
          pending={follow.isPending}
          pendingLabel={t("common.saving")}
          onClick={() => follow.mutate(!follows)}
        >
          {follows ? t("directory.meeting.followingButton") : t("directory.meeting.follow")}
        </Button>
        {follows && <Link to="/my-meetings">{t("directory.meeting.seeSchedule")}</Link>}
      </div>
      <FormError message={follow.isError ? errorText(follow.error) : undefined} />
    </Card>
  );
}

/** "I'm going": the next few dates, each a toggle, and how many people said they're going. */
function RsvpCard({ meeting, viewerZone }: { meeting: Meeting; viewerZone: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const rsvp = useRsvp(meeting);
  const dates = upcomingDates(meeting, 4);
  const going = new Set(meeting.going.viewerDates);
  const saved = rsvp.isSuccess ? (rsvp.variables.going ? t("directory.rsvp.saved") : t("directory.rsvp.removed")) : "";
  return (
    <Card title={t("directory.rsvp.title")}>
      <p>{t("directory.meeting.goingCount", { count: meeting.going.count })}</p>
      <fieldset className="fieldset">
        <legend>{t("directory.rsvp.choose")}</legend>
        <ul className="list-plain stack-small">
          {dates.map((date) => {
            const at = instantOf(date, meeting.startTime, meeting.timeZone);
            const yes = going.has(date);
            return (
              <li key={date}>
                <label className="choice choice--boxed">
                  <input
                    type="checkbox"
                    checked={yes}
                    disabled={rsvp.isPending}
                    onChange={(event) => rsvp.mutate({ occursOn: date, going: event.target.checked })}
                  />
                  {sameClock(meeting.timeZone, viewerZone, at) ? (
                    <span>
                      <strong>{dateText(date, i18n.language)}</strong>, {timeOnly(at, viewerZone, i18n.language)}
                    </span>
                  ) : (
                    <span>
                      <strong>{dateText(date, i18n.language)}</strong>
                      <br />
                      <MeetingTime start={at} timeZone={meeting.timeZone} viewerZone={viewerZone} />
                    </span>
                  )}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p className="muted">{t("directory.rsvp.privacy")}</p>
      <StatusMessage message={saved || undefined} />
      <FormError message={rsvp.isError ? errorText(rsvp.error) : undefined} />
    </Card>
  );
}
