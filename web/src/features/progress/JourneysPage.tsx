import type { Journey } from "@kinship/contracts/progress";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useBoards } from "../forums/api.ts";
import { useCelebrate, useCreateJourney, useJourneys, useProgressSettings, useRecordSlip } from "./api.ts";
import { deviceZone, todayIn, useDayFormat, useFormErrors, useMilestoneName } from "./shared.tsx";

/** Journeys: the day count, the next milestone, celebrations, slips recorded kindly, and the whole story. */
export function JourneysPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const journeys = useJourneys();

  return (
    <div className="stack">
      <PageTitle intro={t("progress.journeys.intro")}>{t("progress.journeys.title")}</PageTitle>
      {journeys.isPending && <Loading />}
      {journeys.error && <Notice tone="error">{errorText(journeys.error)}</Notice>}
      {journeys.data && journeys.data.items.length === 0 && (
        <Card tone="soft">
          <p>{t("progress.journeys.empty")}</p>
        </Card>
      )}
      {journeys.data?.items.map((journey) => (
        <JourneyCard key={journey.id} journey={journey} />
      ))}
      <StartJourney first={journeys.data?.items.length === 0} />
    </div>
  );
}

function JourneyCard({ journey }: { journey: Journey }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const milestoneName = useMilestoneName();
  const headingId = useId();
  const next = journey.nextMilestone;
  const { totals } = journey;

  return (
    <section className="card stack-small journey" aria-labelledby={headingId}>
      <h2 id={headingId}>{journey.label}</h2>
      <p className="journey__count">
        <span className="journey__days">{journey.currentDays}</span>{" "}
        <span className="journey__unit">{t("progress.journeys.days", { count: journey.currentDays })}</span>
      </p>
      <p className="muted">
        {journey.currentDays === 0
          ? t("progress.journeys.firstDay", { date: day(journey.startDate) })
          : t("progress.journeys.since", { date: day(journey.startDate) })}
      </p>
      <p>
        {t("progress.journeys.next", {
          milestone: milestoneName(next.id),
          count: next.daysToGo,
          date: day(next.on),
        })}
      </p>
      <Celebration journey={journey} />
      <dl className="totals">
        <div>
          <dt>{t("progress.totals.total")}</dt>
          <dd>{t("progress.journeys.dayCount", { count: totals.totalDays })}</dd>
        </div>
        <div>
          <dt>{t("progress.totals.longest")}</dt>
          <dd>{t("progress.journeys.dayCount", { count: totals.longestRunDays })}</dd>
        </div>
        <div>
          <dt>{t("progress.totals.restarts")}</dt>
          <dd>{totals.slips}</dd>
        </div>
        {totals.averageDaysBetweenSlips !== null && (
          <div>
            <dt>{t("progress.totals.average")}</dt>
            <dd>{t("progress.journeys.dayCount", { count: totals.averageDaysBetweenSlips })}</dd>
          </div>
        )}
      </dl>
      {totals.slips > 0 && <p className="muted">{t("progress.totals.kind")}</p>}
      {journey.milestones.length > 0 && (
        <div>
          <h3>{t("progress.journeys.reached")}</h3>
          <ul className="chips">
            {journey.milestones.map((m) => (
              <li key={m.id} className="chip">
                {milestoneName(m.id)} <span className="muted">· {day(m.on)}</span>
              </li>
            ))}
          </ul>
          <ShareMilestone journey={journey} />
        </div>
      )}
      <RecordSlip journey={journey} />
      {journey.attempts.length > 1 && <History journey={journey} />}
    </section>
  );
}

/** Only if the member chooses: the latest milestone, posted to the community's Milestones board. */
function ShareMilestone({ journey }: { journey: Journey }) {
  const { t } = useTranslation();
  const boards = useBoards();
  const board = boards.data?.items.find((b) => b.slug === "milestones");
  const latest = journey.milestones[journey.milestones.length - 1];
  if (!board || !latest) return null;
  return (
    <p>
      <Link to={`/community/boards/${board.id}?share=${journey.id}:${latest.id}`}>{t("progress.journeys.share")}</Link>
    </p>
  );
}

/** A reached milestone, celebrated on screen until the member says thank you. */
function Celebration({ journey }: { journey: Journey }) {
  const { t } = useTranslation();
  const milestoneName = useMilestoneName();
  const celebrate = useCelebrate();
  const fresh = journey.milestones.filter((m) => !m.celebrated);
  const latest = fresh[fresh.length - 1];
  if (!latest) return null;
  return (
    <div className="celebration" role="status">
      <p className="celebration__title">
        <span aria-hidden="true">✦ </span>
        {t("progress.celebrate.title", { milestone: milestoneName(latest.id) })}
      </p>
      <p>{t("progress.celebrate.body")}</p>
      <Button
        small
        pending={celebrate.isPending}
        onClick={() => {
          for (const m of fresh) celebrate.mutate({ journeyId: journey.id, milestone: m.id });
        }}
      >
        {t("progress.celebrate.thanks")}
      </Button>
    </div>
  );
}

function RecordSlip({ journey }: { journey: Journey }) {
  const { t } = useTranslation();
  const slip = useRecordSlip(journey.id);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(journey.today);
  const [note, setNote] = useState("");
  const [done, setDone] = useState(false);
  const errors = useFormErrors(slip.error, ["date", "note"]);
  const formId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    slip.mutate(
      { date, note: note.trim() || undefined },
      {
        onSuccess: () => {
          setOpen(false);
          setNote("");
          setDone(true);
        },
      },
    );
  };

  return (
    <div className="stack-small">
      <StatusMessage message={done ? t("progress.slip.saved") : undefined} tone="info" />
      {!open ? (
        <div>
          <Button
            variant="secondary"
            aria-expanded={false}
            aria-controls={formId}
            onClick={() => {
              setDone(false);
              setDate(journey.today);
              setOpen(true);
            }}
          >
            {t("progress.slip.open")}
          </Button>
        </div>
      ) : (
        <form id={formId} className="slip-form stack-small" onSubmit={onSubmit} noValidate>
          <h3>{t("progress.slip.title")}</h3>
          <p>{t("progress.slip.intro")}</p>
          <FormError message={errors.form} />
          <TextField
            label={t("progress.slip.date")}
            type="date"
            max={journey.today}
            min={journey.startDate}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.field.date}
            required
          />
          <div className="field">
            <label className="field__label" htmlFor={`${formId}-note`}>
              {t("progress.slip.note")}
            </label>
            <p className="field__hint" id={`${formId}-hint`}>
              {t("progress.slip.noteHint")}
            </p>
            {errors.field.note && <p className="field__error">{errors.field.note}</p>}
            <textarea
              id={`${formId}-note`}
              className="input textarea"
              rows={3}
              maxLength={1000}
              aria-describedby={`${formId}-hint`}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" pending={slip.isPending} pendingLabel={t("common.saving")}>
              {t("progress.slip.save")}
            </Button>
            <Button variant="quiet" onClick={() => setOpen(false)}>
              {t("progress.common.cancel")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function History({ journey }: { journey: Journey }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  return (
    <details className="history">
      <summary>{t("progress.history.title", { count: journey.attempts.length })}</summary>
      <ol className="stack-small history__list">
        {[...journey.attempts].reverse().map((a) => (
          <li key={a.id}>
            <strong>{t("progress.journeys.dayCount", { count: a.days })}</strong>{" "}
            {a.endDate
              ? t("progress.history.run", { from: day(a.startDate), to: day(a.endDate) })
              : t("progress.history.current", { from: day(a.startDate) })}
            {a.slipNote && <p className="muted history__note">{a.slipNote}</p>}
          </li>
        ))}
      </ol>
    </details>
  );
}

function StartJourney({ first }: { first: boolean }) {
  const { t } = useTranslation();
  const settings = useProgressSettings();
  const create = useCreateJourney();
  const zone = settings.data?.timeZone ?? deviceZone();
  const today = todayIn(zone);
  const [label, setLabel] = useState("");
  const [startDate, setStartDate] = useState(today);
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors(create.error, ["label", "startDate"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    create.mutate(
      { label: label.trim(), startDate },
      {
        onSuccess: () => {
          setLabel("");
          setSaved(true);
        },
      },
    );
  };

  return (
    <Card title={first ? t("progress.start.titleFirst") : t("progress.start.title")}>
      <form className="stack-small" onSubmit={onSubmit} noValidate>
        <FormError message={errors.form} />
        <TextField
          label={t("progress.start.label")}
          hint={t("progress.start.labelHint")}
          value={label}
          maxLength={80}
          onChange={(e) => setLabel(e.target.value)}
          error={errors.field.label}
          required
        />
        <TextField
          label={t("progress.start.date")}
          hint={t("progress.start.dateHint")}
          type="date"
          max={today}
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
          error={errors.field.startDate}
          required
        />
        <StatusMessage message={saved ? t("progress.start.saved") : undefined} />
        <div className="form-actions">
          <Button type="submit" pending={create.isPending} pendingLabel={t("common.saving")}>
            {t("progress.start.save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
