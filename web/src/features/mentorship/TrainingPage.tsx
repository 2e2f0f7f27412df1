import type { TrainingModuleEdit, TrainingResult } from "@kinship/contracts/mentorship";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAttempt, useSaveTraining, useTraining, useTrainingEdit } from "./api.ts";
import { useFormErrors } from "./shared.tsx";

/** The mentor training: a few sections, then a knowledge check with kind explanations. */
export function TrainingPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const training = useTraining(i18n.language);
  const attempt = useAttempt(i18n.language);
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [result, setResult] = useState<TrainingResult | null>(null);
  if (training.isPending) return <Loading />;
  if (training.error) return <Notice tone="error">{errorText(training.error)}</Notice>;
  const m = training.data;
  const complete = m.questions.every((_, i) => answers[i] !== undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    attempt.mutate(
      m.questions.map((_, i) => answers[i] ?? -1),
      { onSuccess: setResult },
    );
  };

  return (
    <div className="stack">
      <PageTitle intro={m.intro}>{m.title}</PageTitle>
      {m.me.passed && <Notice tone="success">{t("mentorship.training.alreadyPassed")}</Notice>}
      {m.me.canEdit && (
        <p>
          <ButtonLink to="/mentorship/training/edit" variant="secondary" small>
            {t("mentorship.training.edit")}
          </ButtonLink>
        </p>
      )}
      {m.sections.map((s) => (
        <Card key={s.title} title={s.title}>
          <p className="m-prose">{s.body}</p>
        </Card>
      ))}
      <Card title={t("mentorship.training.checkTitle")}>
        <form className="stack" onSubmit={onSubmit} noValidate>
          <p className="muted">{t("mentorship.training.checkIntro")}</p>
          {attempt.error && <FormError message={errorText(attempt.error)} />}
          {m.questions.map((q, i) => {
            const r = result?.results[i];
            return (
              <fieldset key={q.prompt} className="m-fieldset">
                <legend className="field__label">
                  {i + 1}. {q.prompt}
                </legend>
                <div className="m-options">
                  {q.options.map((o, j) => (
                    <label key={o} className="m-check">
                      <input
                        type="radio"
                        name={`q-${i}`}
                        checked={answers[i] === j}
                        onChange={() => {
                          setAnswers({ ...answers, [i]: j });
                          setResult(null);
                        }}
                      />
                      <span>{o}</span>
                    </label>
                  ))}
                </div>
                {r && (
                  <p className={r.correct ? "m-right" : "m-wrong"}>
                    <strong>{r.correct ? t("mentorship.training.right") : t("mentorship.training.notQuite")}</strong>{" "}
                    {r.explanation}
                  </p>
                )}
              </fieldset>
            );
          })}
          {result &&
            (result.passed ? (
              <Notice tone="success" title={t("mentorship.training.passedTitle")}>
                <p>{t("mentorship.training.passed")}</p>
                <ButtonLink to="/mentorship/mentor">{t("mentorship.training.toProfile")}</ButtonLink>
              </Notice>
            ) : (
              <StatusMessage tone="info" message={t("mentorship.training.tryAgain")} />
            ))}
          <div className="form-actions">
            <Button type="submit" pending={attempt.isPending} disabled={!complete}>
              {t("mentorship.training.submit")}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}

type Question = TrainingModuleEdit["questions"][number];

/** Organisation admins change the training; people who passed an earlier version stay trained. */
export function TrainingEditPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const edit = useTrainingEdit();
  if (edit.isPending) return <Loading />;
  if (edit.error) return <Notice tone="error">{errorText(edit.error)}</Notice>;
  return <TrainingEditor initial={edit.data} key={edit.data.version} title={t("mentorship.training.editTitle")} />;
}

function TrainingEditor({ initial, title }: { initial: TrainingModuleEdit; title: string }) {
  const { t } = useTranslation();
  const save = useSaveTraining();
  const [name, setName] = useState(initial.title);
  const [intro, setIntro] = useState(initial.intro);
  const [sections, setSections] = useState(initial.sections);
  const [questions, setQuestions] = useState<Question[]>(initial.questions);
  const [saved, setSaved] = useState("");
  const errors = useFormErrors(save.error, ["title"]);
  const setSection = (i: number, change: Partial<(typeof sections)[number]>) =>
    setSections(sections.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const setQuestion = (i: number, change: Partial<Question>) =>
    setQuestions(questions.map((q, j) => (j === i ? { ...q, ...change } : q)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved("");
    save.mutate(
      {
        title: name,
        intro,
        sections,
        // Blank lines in the answers box are not answers; the right one keeps its place among the rest.
        questions: questions.map((q) => {
          const options = q.options.map((o) => o.trim());
          const kept = options.filter((o) => o !== "");
          const answer = options[q.answer] ? kept.indexOf(options[q.answer] as string) : 0;
          return { ...q, options: kept, answer: Math.max(0, answer) };
        }),
      },
      { onSuccess: (r) => setSaved(t("mentorship.training.savedVersion", { version: r.version })) },
    );
  };

  return (
    <div className="stack">
      <PageTitle intro={t("mentorship.training.editIntro")}>{title}</PageTitle>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <FormError message={errors.form} />
        <TextField
          label={t("mentorship.training.moduleTitle")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.field.title}
        />
        <TextAreaField
          label={t("mentorship.training.intro")}
          value={intro}
          rows={3}
          onChange={(e) => setIntro(e.target.value)}
        />
        {sections.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections have no id; the position is their identity here.
          <Card key={i} title={t("mentorship.training.section", { n: i + 1 })} level={3}>
            <TextField
              label={t("mentorship.training.sectionTitle")}
              value={s.title}
              onChange={(e) => setSection(i, { title: e.target.value })}
            />
            <TextAreaField
              label={t("mentorship.training.sectionBody")}
              value={s.body}
              rows={5}
              onChange={(e) => setSection(i, { body: e.target.value })}
            />
            <Button variant="quiet" small onClick={() => setSections(sections.filter((_, j) => j !== i))}>
              {t("mentorship.training.remove")}
            </Button>
          </Card>
        ))}
        <div>
          <Button variant="secondary" small onClick={() => setSections([...sections, { title: "", body: "" }])}>
            {t("mentorship.training.addSection")}
          </Button>
        </div>
        {questions.map((q, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions have no id; the position is their identity here.
          <Card key={i} title={t("mentorship.training.question", { n: i + 1 })} level={3}>
            <TextField
              label={t("mentorship.training.prompt")}
              value={q.prompt}
              onChange={(e) => setQuestion(i, { prompt: e.target.value })}
            />
            <TextAreaField
              label={t("mentorship.training.options")}
              hint={t("mentorship.training.optionsHint")}
              value={q.options.join("\n")}
              rows={4}
              onChange={(e) => setQuestion(i, { options: e.target.value.split("\n") })}
            />
            <SelectField
              label={t("mentorship.training.answer")}
              value={String(q.answer)}
              onChange={(e) => setQuestion(i, { answer: Number(e.target.value) })}
            >
              {q.options.map((o, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the answer is chosen by position.
                <option key={j} value={j}>
                  {o || t("mentorship.training.optionN", { n: j + 1 })}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              label={t("mentorship.training.explanation")}
              value={q.explanation}
              rows={2}
              onChange={(e) => setQuestion(i, { explanation: e.target.value })}
            />
            <Button variant="quiet" small onClick={() => setQuestions(questions.filter((_, j) => j !== i))}>
              {t("mentorship.training.remove")}
            </Button>
          </Card>
        ))}
        <div>
          <Button
            variant="secondary"
            small
            onClick={() => setQuestions([...questions, { prompt: "", options: ["", ""], answer: 0, explanation: "" }])}
          >
            {t("mentorship.training.addQuestion")}
          </Button>
        </div>
        <StatusMessage message={saved || undefined} />
        <div className="form-actions">
          <Button type="submit" pending={save.isPending}>
            {t("mentorship.training.save")}
          </Button>
        </div>
      </form>
    </div>
  );
}
