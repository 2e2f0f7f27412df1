import type { KeepMessages } from "@kinship/contracts/rooms";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { useGroupRoomSettings, useReadings, useSaveGroupRoomSettings, useSaveReadings } from "./api.ts";

type Draft = { key: number; title: string; body: string };
let nextKey = 1;

/** For the people who run a group: its opening readings and what its rooms keep. */
export function GroupRoomSettings({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const readings = useReadings(groupId);
  const keep = useGroupRoomSettings(groupId);
  const saveReadings = useSaveReadings(groupId);
  const saveKeep = useSaveGroupRoomSettings(groupId);
  const errorText = useErrorText();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  // The choice shows at once, while it is saved; then what is stored shows (a refused save puts it back).
  const [chosen, setChosen] = useState<KeepMessages | null>(null);

  useEffect(() => {
    if (readings.data && drafts === null)
      setDrafts(readings.data.items.map((r) => ({ key: nextKey++, title: r.title, body: r.body })));
  }, [readings.data, drafts]);

  const update = (key: number, change: Partial<Draft>) =>
    setDrafts((all) => (all ?? []).map((d) => (d.key === key ? { ...d, ...change } : d)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    saveReadings.mutate((drafts ?? []).map(({ title, body }) => ({ title, body })));
  };

  return (
    <Card title={t("rooms.groupSettings.title")}>
      <form className="stack-small" onSubmit={submit}>
        <h3>{t("rooms.groupSettings.readings")}</h3>
        <p className="muted">{t("rooms.groupSettings.readingsHint")}</p>
        {(drafts ?? []).map((d, i) => (
          <fieldset key={d.key} className="stack-small room__reading-draft">
            <legend>{t("rooms.groupSettings.readingN", { n: i + 1 })}</legend>
            <label className="field__label" htmlFor={`reading-title-${d.key}`}>
              {t("rooms.groupSettings.readingTitle")}
            </label>
            <input
              id={`reading-title-${d.key}`}
              className="input"
              value={d.title}
              maxLength={120}
              onChange={(e) => update(d.key, { title: e.target.value })}
            />
            <label className="field__label" htmlFor={`reading-body-${d.key}`}>
              {t("rooms.groupSettings.readingBody")}
            </label>
            <textarea
              id={`reading-body-${d.key}`}
              className="input"
              rows={4}
              value={d.body}
              maxLength={8000}
              onChange={(e) => update(d.key, { body: e.target.value })}
            />
            <Button
              small
              variant="quiet"
              onClick={() => setDrafts((all) => (all ?? []).filter((x) => x.key !== d.key))}
            >
              {t("rooms.groupSettings.removeReading")}
            </Button>
          </fieldset>
        ))}
        <div className="cluster">
          <Button
            variant="secondary"
            small
            onClick={() => setDrafts((all) => [...(all ?? []), { key: nextKey++, title: "", body: "" }])}
          >
            {t("rooms.groupSettings.addReading")}
          </Button>
          <Button type="submit" small pending={saveReadings.isPending} pendingLabel={t("common.saving")}>
            {t("rooms.groupSettings.saveReadings")}
          </Button>
        </div>
        <FormError message={saveReadings.isError ? errorText(saveReadings.error) : undefined} />
        <StatusMessage message={saveReadings.isSuccess ? t("rooms.groupSettings.saved") : undefined} />
      </form>
      {keep.data && (
        <fieldset className="stack-small room__keep">
          <legend>{t("rooms.groupSettings.keep")}</legend>
          {(["meeting", "reconnect"] as KeepMessages[]).map((value) => (
            <label key={value} className="room-choice">
              <input
                type="radio"
                name="keep-messages"
                checked={(chosen ?? keep.data.keepMessages) === value}
                onChange={() => {
                  setChosen(value);
                  saveKeep.mutate({ keepMessages: value }, { onSettled: () => setChosen(null) });
                }}
              />
              <span>{t(`rooms.groupSettings.keep_${value}`)}</span>
            </label>
          ))}
          <FormError message={saveKeep.isError ? errorText(saveKeep.error) : undefined} />
          {/* The choice is saved as soon as it is made: say so. */}
          <StatusMessage message={saveKeep.isSuccess ? t("rooms.groupSettings.saved") : undefined} />
        </fieldset>
      )}
    </Card>
  );
}
