import type { Goal, GoalRepeat } from "@kinship/contracts/progress";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useCreateGoal, useDeleteGoal, useGoals, useProgressSettings, useRecordGoal } from "./api.ts";
import { deviceZone, todayIn, useDayFormat, useFormErrors } from "./shared.tsx";

/** Goals and commitments: done or missed, a streak where it makes sense, never all-or-nothing. */
export function GoalsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const goals = useGoals();
  return (
    <div className="stack">
      <PageTitle intro={t("progress.goals.intro")}>{t("progress.goals.title")}</PageTitle>
      {goals.isPending && <Loading />}
      {goals.error && <Notice tone="error">{errorText(goals.error)}</Notice>}
      {goals.data && goals.data.items.length === 0 && (
        <Card tone="soft">
          <p>{t("progress.goals.empty")}</p>
        </Card>
      )}
      {goals.data && goals.data.items.length > 0 && (
        <ul className="list-plain stack-small">
          {goals.data.items.map((goal) => (
            <li key={goal.id}>
              <GoalCard goal={goal} />
            </li>
          ))}
        </ul>
      )}
      <NewGoal />
    </div>
  );
}

function GoalCard({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const record = useRecordGoal();
  const remove = useDeleteGoal();
  const errorText = useErrorText();
  const headingId = useId();
  const periodText =
    goal.repeat === "daily"
      ? t("progress.goals.today")
      : goal.repeat === "weekly"
        ? t("progress.goals.thisWeek")
        : t("progress.goals.due", { date: day(goal.dueDate ?? goal.currentPeriod) });

  return (
    <article className="card stack-small" aria-labelledby={headingId}>
      <h2 id={headingId} className="goal__title">
        {goal.title}
      </h2>
      <p className="muted">
        {t(`progress.goals.repeat.${goal.repeat}`)} · {periodText}
      </p>
      <p role="status">
        {goal.currentStatus === "done" && <span className="badge badge--accent">{t("progress.goals.doneBadge")}</span>}
        {goal.currentStatus === "missed" && <span className="badge">{t("progress.goals.missedBadge")}</span>}
      </p>
      {goal.repeat !== "none" && goal.recordedRecently > 1 && (
        <p>
          {goal.streak && goal.streak > 1 ? `${t("progress.goals.streak", { count: goal.streak })} · ` : ""}
          {t("progress.goals.recent", { done: goal.doneRecently, count: goal.recordedRecently })}
        </p>
      )}
      {goal.currentStatus === "missed" && <p className="muted">{t("progress.goals.missedKind")}</p>}
      {record.error && <p className="field__error">{errorText(record.error)}</p>}
      <div className="cluster">
        <Button
          small
          aria-describedby={headingId}
          pending={record.isPending && record.variables?.status === "done"}
          onClick={() => record.mutate({ goalId: goal.id, status: "done" })}
        >
          {t("progress.goals.markDone")}
        </Button>
        <Button
          small
          variant="secondary"
          aria-describedby={headingId}
          pending={record.isPending && record.variables?.status === "missed"}
          onClick={() => record.mutate({ goalId: goal.id, status: "missed" })}
        >
          {t("progress.goals.markMissed")}
        </Button>
        <Button
          small
          variant="quiet"
          aria-describedby={headingId}
          pending={remove.isPending}
          onClick={() => remove.mutate(goal.id)}
        >
          {t("progress.goals.remove")}
        </Button>
      </div>
    </article>
  );
}

function NewGoal() {
  const { t } = useTranslation();
  const create = useCreateGoal();
  const settings = useProgressSettings();
  const today = todayIn(settings.data?.timeZone ?? deviceZone());
  const [title, setTitle] = useState("");
  const [repeat, setRepeat] = useState<GoalRepeat>("none");
  const [dueDate, setDueDate] = useState("");
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors(create.error, ["title", "dueDate", "repeat"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    create.mutate(
      { title: title.trim(), repeat, dueDate: dueDate || null },
      {
        onSuccess: () => {
          setTitle("");
          setDueDate("");
          setSaved(true);
        },
      },
    );
  };

  return (
    <Card title={t("progress.goals.newTitle")}>
      <form className="stack-small" onSubmit={onSubmit} noValidate>
        <FormError message={errors.form} />
        <TextField
          label={t("progress.goals.what")}
          hint={t("progress.goals.whatHint")}
          value={title}
          maxLength={160}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.field.title}
          required
        />
        <SelectField
          label={t("progress.goals.repeatLabel")}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value as GoalRepeat)}
          error={errors.field.repeat}
        >
          <option value="none">{t("progress.goals.repeat.none")}</option>
          <option value="daily">{t("progress.goals.repeat.daily")}</option>
          <option value="weekly">{t("progress.goals.repeat.weekly")}</option>
        </SelectField>
        <TextField
          label={repeat === "none" ? t("progress.goals.dueDate") : t("progress.goals.untilOptional")}
          type="date"
          min={today}
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
          error={errors.field.dueDate}
        />
        <StatusMessage message={saved ? t("progress.goals.saved") : undefined} />
        <div className="form-actions">
          <Button type="submit" pending={create.isPending} pendingLabel={t("common.saving")}>
            {t("progress.goals.save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
