import { type Meeting, MeetingUpdate } from "@kinship/contracts/directory";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextAreaField } from "../../ui/Field.tsx";
import { StatusMessage } from "../../ui/Notice.tsx";
import { useSuggestEdit } from "./api.ts";
import { draftOf, inputOf, MeetingForm, type MeetingValues } from "./MeetingForm.tsx";
import { useViewerZone } from "./shared.tsx";

/** Only the fields someone actually changed, so the people who decide see a short, clear diff. */
function changesBetween(before: MeetingValues, after: MeetingValues) {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof MeetingValues>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes;
}

/**
 * "Something out of date?": any signed-in member proposes changes to a listing; the group's
 * facilitators and the organisation's admins accept or decline them.
 */
export function SuggestEditCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const zone = useViewerZone();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [sent, setSent] = useState(false);
  const suggest = useSuggestEdit(meeting.id);
  const opener = useRef<HTMLButtonElement>(null);
  const initial = draftOf(meeting, zone);
  const before = inputOf(initial);

  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <Card title={t("directory.suggest.title")} className="suggest-card">
      <p>{t("directory.suggest.intro")}</p>
      <StatusMessage message={sent ? t("directory.suggest.sent") : undefined} />
      {!open && (
        <Button
          ref={opener}
          variant="secondary"
          aria-expanded={false}
          onClick={() => {
            setSent(false);
            setOpen(true);
          }}
        >
          {t("directory.suggest.open")}
        </Button>
      )}
      {open && (
        <MeetingForm
          initial={initial}
          submitLabel={t("directory.suggest.send")}
          pendingLabel={t("directory.suggest.sending")}
          pending={suggest.isPending}
          serverError={suggest.error}
          validate={(values) => {
            const changes = changesBetween(before, values);
            if (Object.keys(changes).length === 0)
              return [{ code: "custom", path: [], message: t("directory.suggest.nothingChanged") }];
            return MeetingUpdate.safeParse(changes).error?.issues ?? [];
          }}
          onSubmit={(values) =>
            suggest.mutate(
              { changes: changesBetween(before, values), note: note.trim() },
              {
                onSuccess: () => {
                  setSent(true);
                  setNote("");
                  close();
                },
              },
            )
          }
          onCancel={close}
        >
          <TextAreaField
            label={t("directory.suggest.note")}
            hint={t("directory.suggest.noteHint")}
            value={note}
            maxLength={1000}
            rows={3}
            onChange={(event) => setNote(event.target.value)}
          />
        </MeetingForm>
      )}
    </Card>
  );
}
