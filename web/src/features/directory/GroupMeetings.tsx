import type { Group, Meeting } from "@kinship/contracts/directory";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { useCreateMeeting, useDeleteMeeting, useGroupMeetings, useUpdateMeeting } from "./api.ts";
import { draftOf, MeetingForm } from "./MeetingForm.tsx";
import { ClosedBadge, LoadError, MeetingTime, ModeBadge, useViewerZone } from "./shared.tsx";
import { clockText, dateText, weekdayNames, zoneCity, zoneName } from "./time.ts";

/** The group's meetings; for its facilitators and admins, adding, changing and deleting them. */
export function GroupMeetings({ group }: { group: Group }) {
  const { t } = useTranslation();
  const meetings = useGroupMeetings(group.id);
  const canManage = group.viewer.canManage;
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);
  const items = meetings.data?.items ?? [];

  return (
    <section className="card stack-small" aria-labelledby="meetings-title" id="meetings">
      <h2 id="meetings-title">{t("directory.group.meetings")}</h2>
      <StatusMessage message={notice || undefined} />
      {meetings.isPending && <Loading />}
      {meetings.isError && (
        <LoadError error={meetings.error} retry={() => meetings.refetch()} retrying={meetings.isRefetching} />
      )}
      {meetings.data && items.length === 0 && (
        <p className="muted">{canManage ? t("directory.group.noMeetingsManager") : t("directory.group.noMeetings")}</p>
      )}
      <ul className="list-plain group-meetings">
        {items.map((meeting) => (
          <li key={meeting.id}>
            <GroupMeetingRow meeting={meeting} canManage={canManage} onNotice={setNotice} />
          </li>
        ))}
      </ul>
      {canManage &&
        (adding ? (
          <AddMeeting
            group={group}
            onDone={(added) => {
              setAdding(false);
              if (added) setNotice(t("directory.group.meetingAdded", { name: added }));
              requestAnimationFrame(() => addButton.current?.focus());
            }}
          />
        ) : (
          <Button ref={addButton} variant="secondary" onClick={() => setAdding(true)}>
            {t("directory.group.addMeeting")}
          </Button>
        ))}
    </section>
  );
}

/** "Mondays and Thursdays, 7:00 pm – 8:30 pm in London (Europe/London)" */
export function useScheduleText() {
  const { t, i18n } = useTranslation();
  return (meeting: Pick<Meeting, "days" | "onDate" | "startTime" | "endTime" | "timeZone">) => {
    const names = weekdayNames(i18n.language);
    const start = clockText(meeting.startTime, i18n.language);
    const range = meeting.endTime
      ? t("directory.meeting.range", { start, end: clockText(meeting.endTime, i18n.language) })
      : start;
    const zone = t("directory.meeting.inZone", {
      city: zoneCity(meeting.timeZone, i18n.language),
      zone: zoneName(meeting.timeZone, i18n.language),
    });
    if (meeting.onDate) return `${dateText(meeting.onDate, i18n.language, true)}, ${range} ${zone}`;
    if (new Set(meeting.days).size === 7) return `${t("directory.meeting.daily", { range })} ${zone}`;
    const days = [...meeting.days]
      .sort((a, b) => a - b)
      .map((d) => names[d])
      .join(", ");
    return `${t("directory.meeting.weekly", { days, range })} ${zone}`;
  };
}

function GroupMeetingRow({
  meeting,
  canManage,
  onNotice,
}: {
  meeting: Meeting;
  canManage: boolean;
  onNotice: (message: string) => void;
}) {
  const { t } = useTranslation();
  const viewerZone = useViewerZone();
  const scheduleText = useScheduleText();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteMeeting(meeting.groupId);
  const editButton = useRef<HTMLButtonElement>(null);

  if (editing)
    return (
      <EditMeeting
        meeting={meeting}
        onDone={(saved) => {
          setEditing(false);
          if (saved) onNotice(t("directory.group.meetingSaved", { name: meeting.name }));
          requestAnimationFrame(() => editButton.current?.focus());
        }}
      />
    );

  return (
    <article className="group-meeting stack-small">
      <h3>
        <Link to={`/meetings/${encodeURIComponent(meeting.slug)}`}>{meeting.name}</Link>
      </h3>
      <p className="badge-row">
        {meeting.temporarilyClosed && <ClosedBadge />}
        <ModeBadge mode={meeting.mode} />
        {meeting.audience === "members" && <span className="badge">{t("directory.meeting.membersOnly")}</span>}
      </p>
      <p>{scheduleText(meeting)}</p>
      {meeting.nextStart && (
        <p className="small">
          <span className="muted">{t("directory.meeting.nextStart")} </span>
          <MeetingTime start={new Date(meeting.nextStart)} timeZone={meeting.timeZone} viewerZone={viewerZone} />
        </p>
      )}
      {canManage && (
        <div className="cluster">
          <Button ref={editButton} variant="secondary" small onClick={() => setEditing(true)}>
            {t("directory.group.editMeeting")}
            <span className="visually-hidden">: {meeting.name}</span>
          </Button>
          {!confirming ? (
            <Button variant="quiet" small onClick={() => setConfirming(true)}>
              {t("directory.group.deleteMeeting")}
              <span className="visually-hidden">: {meeting.name}</span>
            </Button>
          ) : (
            <>
              <span>{t("directory.group.deleteConfirm")}</span>
              <Button
                variant="danger"
                small
                pending={remove.isPending}
                pendingLabel={t("common.saving")}
                onClick={() =>
                  remove.mutate(meeting.id, {
                    onSuccess: () => onNotice(t("directory.group.meetingDeleted", { name: meeting.name })),
                  })
                }
              >
                {t("directory.group.deleteYes")}
              </Button>
              <Button variant="quiet" small onClick={() => setConfirming(false)}>
                {t("directory.form.cancel")}
              </Button>
            </>
          )}
        </div>
      )}
      <FormError message={remove.isError ? errorText(remove.error) : undefined} />
    </article>
  );
}

function AddMeeting({ group, onDone }: { group: Group; onDone: (added?: string) => void }) {
  const { t } = useTranslation();
  const zone = useViewerZone();
  const create = useCreateMeeting(group.id);
  return (
    <Card title={t("directory.group.addMeeting")} level={3}>
      <MeetingForm
        initial={{ ...draftOf(null, zone), languages: group.languages }}
        submitLabel={t("directory.group.addMeetingSubmit")}
        pendingLabel={t("common.saving")}
        pending={create.isPending}
        serverError={create.error}
        onSubmit={(values) => create.mutate(values, { onSuccess: (meeting) => onDone(meeting.name) })}
        onCancel={() => onDone()}
      />
    </Card>
  );
}

function EditMeeting({ meeting, onDone }: { meeting: Meeting; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const zone = useViewerZone();
  const update = useUpdateMeeting(meeting.id);
  return (
    <Card title={t("directory.group.editing", { name: meeting.name })} level={3}>
      <MeetingForm
        initial={draftOf(meeting, zone)}
        submitLabel={t("directory.group.save")}
        pendingLabel={t("common.saving")}
        pending={update.isPending}
        serverError={update.error}
        onSubmit={(values) => update.mutate(values, { onSuccess: () => onDone(true) })}
        onCancel={() => onDone(false)}
      />
    </Card>
  );
}
