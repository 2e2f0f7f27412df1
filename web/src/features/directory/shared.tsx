import type { MeetingMode } from "@kinship/contracts/directory";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api-client.ts";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "./api.ts";
import { browserZone, isTimeZone, sameClock, weekdayTime, zoneCity, zoneName } from "./time.ts";
import { useTypeNames } from "./vocabulary.ts";

/** The zone times are shown in: the member's profile zone when they set one, else this device's. */
export function useViewerZone() {
  const { data: me } = useMe();
  const profileZone = me?.profile.timeZone.value;
  return profileZone && isTimeZone(profileZone) ? profileZone : browserZone();
}

/**
 * One start, read in the viewer's zone first and, when the clocks differ, in the meeting's own zone
 * with the zone named: "Mon 2:00 pm your time · Mon 7:00 pm in London (Europe/London)".
 */
export function MeetingTime({
  start,
  timeZone,
  viewerZone,
  stacked = false,
}: {
  start: Date;
  timeZone: string;
  viewerZone: string;
  /** The meeting's own time on a line of its own (lists, where lines are short). */
  stacked?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const yours = weekdayTime(start, viewerZone, i18n.language);
  const iso = start.toISOString();
  const className = stacked ? "meeting-time meeting-time--stacked" : "meeting-time";
  if (sameClock(timeZone, viewerZone, start)) {
    return (
      <span className={className}>
        <time dateTime={iso} className="meeting-time__yours">
          {yours}
        </time>{" "}
        <span className="meeting-time__zone">
          {t("directory.time.sameZone", { zone: zoneName(timeZone, i18n.language) })}
        </span>
      </span>
    );
  }
  return (
    <span className={className}>
      <time dateTime={iso} className="meeting-time__yours">
        {yours}
      </time>{" "}
      <span className="meeting-time__zone">{t("directory.time.yourTime")}</span>
      <span className="meeting-time__sep" aria-hidden="true">
        {" · "}
      </span>
      <span className="visually-hidden">, </span>
      <span className="meeting-time__theirs">
        {t("directory.time.theirTime", {
          time: weekdayTime(start, timeZone, i18n.language),
          city: zoneCity(timeZone, i18n.language),
          zone: zoneName(timeZone, i18n.language),
        })}
      </span>
    </span>
  );
}

export function ModeBadge({ mode }: { mode: MeetingMode }) {
  const { t } = useTranslation();
  return <span className={`badge badge--mode badge--${mode}`}>{t(`directory.mode.${mode}`)}</span>;
}

export function ClosedBadge() {
  const { t } = useTranslation();
  return <span className="badge badge--closed">{t("directory.temporarilyClosed")}</span>;
}

/** Type codes with their names; the code stays visible because printed schedules and other apps use it. */
export function TypeList({ types, label }: { types: string[]; label?: string }) {
  const { t } = useTranslation();
  const { nameOf } = useTypeNames();
  if (types.length === 0) return null;
  return (
    <ul className="type-list" aria-label={label ?? t("directory.meeting.types")}>
      {types.map((code) => (
        <li key={code}>
          <abbr title={nameOf(code)} className="type-code">
            {code}
          </abbr>{" "}
          {nameOf(code)}
        </li>
      ))}
    </ul>
  );
}

/** A page whose thing isn't there (or isn't visible to this viewer): the same words either way. */
export function NotFoundState({ title, body, back }: { title: string; body: string; back: ReactNode }) {
  return (
    <div className="measure stack-small">
      <PageTitle intro={body}>{title}</PageTitle>
      {back}
    </div>
  );
}

export const isNotFound = (error: unknown) => isApiError(error) && (error.status === 404 || error.status === 400);
export const needsLogin = (error: unknown) => isApiError(error) && error.status === 401;

/** A failed load, said plainly, with a way to try again. */
export function LoadError({ error, retry, retrying }: { error: unknown; retry: () => void; retrying?: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Notice tone="error">
      <p>{errorText(error)}</p>
      <Button variant="secondary" small pending={retrying} onClick={retry}>
        {t("common.tryAgain")}
      </Button>
    </Notice>
  );
}

/** For signed-out visitors: what signing in would let them do, and the way back here afterwards. */
export function LoginPrompt({ children, from }: { children: ReactNode; from: string }) {
  const { t } = useTranslation();
  return (
    <div className="stack-small">
      <p>{children}</p>
      <div className="cluster">
        <ButtonLink to="/login" state={{ from }} small>
          {t("nav.login")}
        </ButtonLink>
        <ButtonLink to="/signup" state={{ from }} variant="secondary" small>
          {t("nav.signup")}
        </ButtonLink>
      </div>
    </div>
  );
}
