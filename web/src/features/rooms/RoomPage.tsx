import type { AttendMode, RoomEntry, RoomInfo } from "@kinship/contracts/rooms";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { isApiError } from "../../app/api-client.ts";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useOpenRoom, useRoomInfo } from "./api.ts";
import { GroupRoomSettings } from "./GroupRoomSettings.tsx";
import { LiveRoom } from "./LiveRoom.tsx";

/** A meeting's room: the door (open it, or choose how to come in), then the live room. */
export function RoomPage() {
  const { t } = useTranslation();
  const slug = useParams().slug ?? "";
  const info = useRoomInfo(slug);
  const [mode, setMode] = useState<AttendMode | null>(null);
  const errorText = useErrorText();

  if (info.isPending) return <Loading />;
  if (info.isError) {
    const notFound = isApiError(info.error) && info.error.status === 404;
    return (
      <div className="stack measure">
        <PageTitle>{notFound ? t("rooms.notFoundTitle") : t("rooms.title")}</PageTitle>
        <Notice tone={notFound ? "info" : "error"}>{notFound ? t("rooms.notFoundBody") : errorText(info.error)}</Notice>
        <ButtonLink to="/meetings" variant="secondary">
          {t("rooms.backToFinder")}
        </ButtonLink>
      </div>
    );
  }
  const data = info.data;
  if (mode && data.room?.status === "open") {
    return <LiveRoom roomId={data.room.id} mode={mode} meetingSlug={data.meeting.slug} onLeave={() => setMode(null)} />;
  }
  return <RoomDoor info={data} onEnter={setMode} />;
}

function RoomDoor({ info, onEnter }: { info: RoomInfo; onEnter: (mode: AttendMode) => void }) {
  const { t } = useTranslation();
  const here = useLocation().pathname;
  const { entry } = info.viewer;
  return (
    <div className="room-door stack measure">
      <PageTitle eyebrow={t("rooms.eyebrow")} intro={t("rooms.confidential")}>
        {info.meeting.name}
      </PageTitle>
      <p>
        <Link to={`/meetings/${info.meeting.slug}`}>{t("rooms.backToMeeting")}</Link>
      </p>
      {entry === "sign_in" && (
        <Card title={t("rooms.door.signInTitle")}>
          <p>{t("rooms.door.signInBody")}</p>
          <div className="cluster">
            <ButtonLink to="/login" state={{ from: here }} small>
              {t("nav.login")}
            </ButtonLink>
            <ButtonLink to="/signup" state={{ from: here }} variant="secondary" small>
              {t("nav.signup")}
            </ButtonLink>
          </div>
        </Card>
      )}
      {entry === "not_open" && <NotOpen info={info} />}
      {(entry === "enter" || entry === "lobby") && (
        <Card title={t("rooms.door.comeInTitle")}>
          <p>{entry === "lobby" ? t("rooms.door.lobbyBody") : t("rooms.door.enterBody")}</p>
          <div className="cluster">
            <Button onClick={() => onEnter("participant")}>{t("rooms.door.takePart")}</Button>
            <Button variant="secondary" onClick={() => onEnter("listener")}>
              {t("rooms.door.listen")}
            </Button>
          </div>
          <p className="muted">{t("rooms.door.listenHint")}</p>
        </Card>
      )}
      {entry === "members_only" && (
        <Notice title={t("rooms.door.membersOnlyTitle")}>{t("rooms.door.membersOnlyBody")}</Notice>
      )}
      {entry === "locked" && <Notice title={t("rooms.door.lockedTitle")}>{t("rooms.door.lockedBody")}</Notice>}
      {entry === "removed" && <Notice title={t("rooms.door.removedTitle")}>{t("rooms.door.removedBody")}</Notice>}
      {info.viewer.canManage && <GroupRoomSettings groupId={info.meeting.groupId} />}
    </div>
  );
}

const TIMER_CHOICES = [0, 180, 300] as const;

function NotOpen({ info }: { info: RoomInfo }) {
  const { t, i18n } = useTranslation();
  const open = useOpenRoom(info.meeting.slug);
  const errorText = useErrorText();
  const [entry, setEntry] = useState<RoomEntry>(info.defaults.entry);
  const [crossTalk, setCrossTalk] = useState(info.defaults.crossTalk);
  const [shareSeconds, setShareSeconds] = useState(info.defaults.shareSeconds);
  const closed = info.room?.status === "closed";
  const opensFrom = info.opensFrom ? new Date(info.opensFrom) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate({ entry, crossTalk, shareSeconds });
  };
  if (!info.viewer.canOpen) {
    return (
      <Card title={closed ? t("rooms.door.closedTitle") : t("rooms.door.notOpenTitle")}>
        <p>{closed ? t("rooms.door.closedBody") : t("rooms.door.notOpenBody")}</p>
        {opensFrom && !closed && (
          <p className="muted">
            {t("rooms.door.opensFrom", {
              time: opensFrom.toLocaleString(i18n.language, { weekday: "long", hour: "numeric", minute: "2-digit" }),
            })}
          </p>
        )}
      </Card>
    );
  }
  return (
    <Card title={closed ? t("rooms.open.reopenTitle") : t("rooms.open.title")}>
      <form className="stack-small" onSubmit={submit}>
        <p>{t("rooms.open.intro")}</p>
        <fieldset className="stack-small">
          <legend>{t("rooms.open.entry")}</legend>
          {(["lobby", "open", "members"] as const).map((value) => (
            <label key={value} className="room-choice">
              <input
                type="radio"
                name="entry"
                value={value}
                checked={entry === value}
                onChange={() => setEntry(value)}
              />
              <span>
                <strong>{t(`rooms.entry.${value}`)}</strong>
                <span className="muted"> — {t(`rooms.entry.${value}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="room-choice">
          <input type="checkbox" checked={crossTalk} onChange={(e) => setCrossTalk(e.target.checked)} />
          <span>{t("rooms.open.crossTalk")}</span>
        </label>
        <label className="field__label" htmlFor="room-timer">
          {t("rooms.open.timer")}
        </label>
        <select
          id="room-timer"
          className="select"
          value={shareSeconds}
          onChange={(e) => setShareSeconds(Number(e.target.value))}
        >
          {TIMER_CHOICES.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? t("rooms.timer.none") : t("rooms.timer.minutes", { count: s / 60 })}
            </option>
          ))}
        </select>
        <FormError message={open.isError ? errorText(open.error) : undefined} />
        <Button type="submit" pending={open.isPending} pendingLabel={t("rooms.open.opening")}>
          {t("rooms.open.submit")}
        </Button>
      </form>
    </Card>
  );
}
