import type { MeetingImport } from "@kinship/contracts/directory";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextField } from "../../ui/Field.tsx";
import { FormError, Notice } from "../../ui/Notice.tsx";
import { useImport, useStartImport } from "./api.ts";
import { RadioGroup } from "./fields.tsx";

/** The server takes up to 25 MB in one import; saying so before sending saves a long wait. */
const MAX_FILE_BYTES = 25 * 1024 * 1024;

/**
 * Import a Meeting Guide feed into the organisation: a JSON file read here in the browser, or a web
 * address the server fetches. A progress bar while it runs, then what was created, updated and
 * rejected (with each row's reason). A feed that fails as a whole changes nothing.
 */
export function ImportCard({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const start = useStartImport(organisationId);
  const [source, setSource] = useState<"file" | "url">("file");
  const [url, setUrl] = useState("");
  const [problem, setProblem] = useState("");
  const [importId, setImportId] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileId = useId();
  const progress = useImport(importId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem("");
    let body: { feed: unknown[] } | { url: string };
    if (source === "file") {
      const file = fileInput.current?.files?.[0];
      if (!file) {
        setProblem(t("directory.import.chooseFile"));
        fileInput.current?.focus();
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        setProblem(t("directory.import.tooBig"));
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        setProblem(t("directory.import.notJson"));
        return;
      }
      // Some sites wrap the list: { "meetings": [...] }.
      const rows = Array.isArray(parsed) ? parsed : (parsed as { meetings?: unknown })?.meetings;
      if (!Array.isArray(rows)) {
        setProblem(t("directory.import.notList"));
        return;
      }
      body = { feed: rows };
    } else {
      if (!/^https?:\/\/\S+$/.test(url.trim())) {
        setProblem(t("directory.form.url"));
        return;
      }
      body = { url: url.trim() };
    }
    start.mutate(body, { onSuccess: (started) => setImportId(started.id) });
  };

  const current = progress.data ?? (start.data?.id === importId ? start.data : undefined);
  const running = Boolean(importId) && (!current || current.status === "running");

  return (
    <Card title={t("directory.import.title")}>
      <p>{t("directory.import.intro")}</p>
      <form className="stack-small" onSubmit={submit} noValidate>
        <RadioGroup
          legend={t("directory.import.source")}
          name="import-source"
          value={source}
          options={[
            { value: "file", label: t("directory.import.fromFile") },
            { value: "url", label: t("directory.import.fromUrl") },
          ]}
          onChange={(value) => {
            setSource(value);
            setProblem("");
          }}
        />
        {source === "file" ? (
          <div className="field">
            <label className="field__label" htmlFor={fileId}>
              {t("directory.import.file")}
            </label>
            <p className="field__hint" id={`${fileId}-hint`}>
              {t("directory.import.fileHint")}
            </p>
            <input
              ref={fileInput}
              id={fileId}
              type="file"
              className="file-input"
              accept=".json,application/json"
              aria-describedby={`${fileId}-hint`}
              onChange={() => setProblem("")}
            />
          </div>
        ) : (
          <TextField
            label={t("directory.import.url")}
            hint={t("directory.import.urlHint")}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        )}
        <FormError message={problem || (start.isError ? errorText(start.error) : undefined)} />
        <Button
          type="submit"
          pending={start.isPending || running}
          pendingLabel={start.isPending ? t("directory.import.sending") : t("directory.import.running")}
        >
          {t("directory.import.start")}
        </Button>
      </form>
      {importId && current && <ImportProgress run={current} />}
      {importId && progress.isError && <FormError message={errorText(progress.error)} />}
    </Card>
  );
}

function ImportProgress({ run }: { run: MeetingImport }) {
  const { t } = useTranslation();
  const barId = useId();
  const percent = run.total > 0 ? Math.round((run.processed / run.total) * 100) : 0;
  return (
    <div className="import-progress stack-small">
      {run.status === "running" && (
        <div className="field">
          <label htmlFor={barId} className="field__label">
            {t("directory.import.progress", { processed: run.processed, total: run.total })}
          </label>
          <progress id={barId} className="progress" max={Math.max(run.total, 1)} value={run.processed}>
            {percent}%
          </progress>
        </div>
      )}
      <div role="status" aria-live="polite">
        {run.status === "done" && run.report && (
          <Notice tone="success" title={t("directory.import.done")}>
            <p>
              {t("directory.import.summary", {
                created: run.report.created,
                updated: run.report.updated,
                rejected: run.report.rejected.length,
              })}
            </p>
          </Notice>
        )}
        {run.status === "failed" && (
          <Notice tone="error" title={t("directory.import.failed")}>
            <p>{run.error ?? ""}</p>
            <p>{t("directory.import.nothingChanged")}</p>
          </Notice>
        )}
      </div>
      {run.report && run.report.rejected.length > 0 && (
        <details className="rejected" open={run.report.rejected.length <= 10 || undefined}>
          <summary>{t("directory.import.rejectedTitle", { count: run.report.rejected.length })}</summary>
          <div className="table-scroll">
            <table className="diff-table">
              <thead>
                <tr>
                  <th scope="col">{t("directory.import.row")}</th>
                  <th scope="col">{t("directory.import.slug")}</th>
                  <th scope="col">{t("directory.import.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {run.report.rejected.slice(0, 500).map((row) => (
                  <tr key={row.row}>
                    <td>{row.row}</td>
                    <td className="break-all">{row.slug ?? "—"}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {run.report.rejected.length > 500 && (
            <p className="muted">{t("directory.import.moreRejected", { count: run.report.rejected.length - 500 })}</p>
          )}
        </details>
      )}
    </div>
  );
}
