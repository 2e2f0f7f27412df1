import { MyReport } from "@kinship/contracts/moderation";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiJson } from "../../app/api-client.ts";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/Field.tsx";
import { StatusMessage } from "../../ui/Notice.tsx";
import { type ReasonCode, ReasonSelect } from "../../ui/ReasonSelect.tsx";

/**
 * Report one message of the room. The server copies it and a little context into the report, since
 * the room's messages are purged when the meeting ends.
 */
export function ReportMessage({ roomId, seq, from }: { roomId: string; seq: number; from: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReasonCode>("harassment");
  const [note, setNote] = useState("");
  const report = useMutation({
    mutationFn: async () =>
      MyReport.parse(
        await apiJson(`/api/rooms/${encodeURIComponent(roomId)}/messages/${seq}/reports`, {
          method: "POST",
          body: { reason, note },
        }),
      ),
  });
  if (report.isSuccess) return <StatusMessage message={t("moderation.room.sent")} />;
  if (!open) {
    return (
      <Button small variant="quiet" className="room__report" aria-expanded={false} onClick={() => setOpen(true)}>
        {t("moderation.room.report")}
        <span className="visually-hidden"> {from}</span>
      </Button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    report.mutate();
  };
  return (
    <form className="stack-small card card--soft" onSubmit={submit}>
      <p>
        <strong>{t("moderation.room.reportTitle")}</strong>
      </p>
      <p className="muted">{t("moderation.room.reportHint")}</p>
      <ReasonSelect value={reason} onChange={setReason} />
      <TextField
        label={t("forums.report.note")}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      {report.error ? <p className="field__error">{errorText(report.error)}</p> : null}
      <div className="cluster">
        <Button type="submit" small pending={report.isPending}>
          {t("forums.report.send")}
        </Button>
        <Button small variant="quiet" onClick={() => setOpen(false)}>
          {t("moderation.common.cancel")}
        </Button>
      </div>
    </form>
  );
}
