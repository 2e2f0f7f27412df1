import { type Filters, WARNING_CODES, type WarningCode } from "@kinship/contracts/forums";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useFilters, useMyReports, useSaveFilters } from "./api.ts";
import { useWhen } from "./shared.tsx";

/** Personal trigger filters, and the reports the member made with their state. */
export function FiltersPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const filters = useFilters();
  return (
    <div className="stack">
      <PageTitle intro={t("forums.filters.intro")}>{t("forums.filters.title")}</PageTitle>
      {filters.isPending && <Loading />}
      {filters.error && <Notice tone="error">{errorText(filters.error)}</Notice>}
      {filters.data && <FiltersForm initial={filters.data} />}
      <MyReports />
    </div>
  );
}

function FiltersForm({ initial }: { initial: Filters }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const save = useSaveFilters();
  const hideId = useId();
  const [fold, setFold] = useState<WarningCode[]>(initial.foldWarnings);
  const [hide, setHide] = useState(initial.hideWords.join("\n"));
  const [showUsing, setShowUsing] = useState(initial.showUsingDetail);
  const field = fieldOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      foldWarnings: fold,
      hideWords: hide
        .split("\n")
        .map((w) => w.trim())
        .filter(Boolean),
      showUsingDetail: showUsing,
    });
  };
  return (
    <form className="card stack-small" onSubmit={submit}>
      {save.error && field !== "hideWords" ? <FormError message={errorText(save.error)} /> : null}
      <fieldset className="forum-fieldset">
        <legend className="field__label">{t("forums.filters.fold")}</legend>
        <p className="field__hint">{t("forums.filters.foldHint")}</p>
        <div className="forum-checks">
          {WARNING_CODES.map((code) => (
            <label key={code} className="forum-check">
              <input
                type="checkbox"
                checked={fold.includes(code)}
                onChange={(e) => setFold((f) => (e.target.checked ? [...f, code] : f.filter((c) => c !== code)))}
              />
              {t(`forums.warnings.codes.${code}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={hideId}>
          {t("forums.filters.hide")}
        </label>
        <p className="field__hint" id={`${hideId}-hint`}>
          {t("forums.filters.hideHint")}
        </p>
        {field === "hideWords" && <p className="field__error">{errorText(save.error)}</p>}
        <textarea
          id={hideId}
          className="input forum-textarea"
          rows={4}
          value={hide}
          aria-describedby={`${hideId}-hint`}
          onChange={(e) => setHide(e.target.value)}
        />
      </div>
      <label className="forum-check">
        <input type="checkbox" checked={showUsing} onChange={(e) => setShowUsing(e.target.checked)} />
        <span>
          {t("forums.filters.usingDetail")}
          <span className="field__hint composer__hint">{t("forums.filters.usingDetailHint")}</span>
        </span>
      </label>
      {save.isSuccess && <StatusMessage message={t("forums.filters.saved")} />}
      <div className="form-actions">
        <Button type="submit" pending={save.isPending} pendingLabel={t("common.saving")}>
          {t("forums.filters.save")}
        </Button>
      </div>
    </form>
  );
}

function MyReports() {
  const { t } = useTranslation();
  const reports = useMyReports();
  const when = useWhen();
  return (
    <Card title={t("forums.report.mine")}>
      {reports.data && reports.data.items.length === 0 && <p>{t("forums.report.none")}</p>}
      <ul className="list-plain stack-small">
        {reports.data?.items.map((r) => (
          <li key={r.id}>
            <strong>{r.threadTitle ?? "—"}</strong> · {t(`forums.report.reasons.${r.reason}`)} ·{" "}
            <span className="badge">{t(`forums.report.status.${r.status}`)}</span>{" "}
            <span className="muted">{when(r.createdAt)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
