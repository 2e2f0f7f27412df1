import type { Plan } from "@kinship/contracts/progress";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { usePlan, useSavePlan } from "./api.ts";
import { TextArea } from "./CheckinPage.tsx";
import { useFormErrors } from "./shared.tsx";

const LISTS = ["triggers", "warningSigns", "copingStrategies", "reasons"] as const;
type ListName = (typeof LISTS)[number];
type Person = { name: string; phone: string; note: string };

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** The relapse-prevention plan: private unless the member shares it with a partner. */
export function PlanPage() {
  const { t } = useTranslation();
  const plan = usePlan();
  const errorText = useErrorText();
  return (
    <div className="stack">
      <PageTitle intro={t("progress.plan.intro")}>{t("progress.plan.title")}</PageTitle>
      {plan.isPending && <Loading />}
      {plan.error && <Notice tone="error">{errorText(plan.error)}</Notice>}
      {plan.data && <PlanForm plan={plan.data} />}
    </div>
  );
}

function PlanForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const save = useSavePlan();
  const [lists, setLists] = useState<Record<ListName, string>>({
    triggers: plan.triggers.join("\n"),
    warningSigns: plan.warningSigns.join("\n"),
    copingStrategies: plan.copingStrategies.join("\n"),
    reasons: plan.reasons.join("\n"),
  });
  const [people, setPeople] = useState<Person[]>(plan.people.length > 0 ? plan.people : []);
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors(save.error, [...LISTS, "people"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      {
        triggers: lines(lists.triggers),
        warningSigns: lines(lists.warningSigns),
        copingStrategies: lines(lists.copingStrategies),
        reasons: lines(lists.reasons),
        people: people
          .filter((p) => p.name.trim() || p.phone.trim())
          .map((p) => ({ name: p.name.trim(), phone: p.phone.trim(), note: p.note.trim() })),
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const changePerson = (index: number, part: keyof Person, value: string) =>
    setPeople((current) => current.map((p, i) => (i === index ? { ...p, [part]: value } : p)));

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <p className="muted">{t("progress.plan.private")}</p>
      <FormError message={errors.form} />
      {LISTS.map((name) => (
        <div key={name} className="card">
          <TextArea
            label={t(`progress.plan.${name}`)}
            hint={`${t(`progress.plan.${name}Hint`)} ${t("progress.plan.onePerLine")}`}
            value={lists[name]}
            rows={4}
            onChange={(value) => setLists((current) => ({ ...current, [name]: value }))}
            error={errors.field[name]}
          />
        </div>
      ))}
      <fieldset className="card stack-small">
        <legend className="field__label plan-legend">{t("progress.plan.people")}</legend>
        <p className="field__hint">{t("progress.plan.peopleHint")}</p>
        {errors.field.people && <p className="field__error">{errors.field.people}</p>}
        {people.map((person, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own until saved
          <div key={index} className="person-row">
            <TextField
              label={t("progress.plan.personName", { n: index + 1 })}
              value={person.name}
              maxLength={80}
              onChange={(e) => changePerson(index, "name", e.target.value)}
            />
            <TextField
              label={t("progress.plan.personPhone", { n: index + 1 })}
              type="tel"
              value={person.phone}
              maxLength={40}
              onChange={(e) => changePerson(index, "phone", e.target.value)}
            />
            <TextField
              label={t("progress.plan.personNote", { n: index + 1 })}
              value={person.note}
              maxLength={200}
              onChange={(e) => changePerson(index, "note", e.target.value)}
            />
            <div>
              <Button
                small
                variant="quiet"
                onClick={() => setPeople((current) => current.filter((_, i) => i !== index))}
              >
                {t("progress.plan.removePerson", { n: index + 1 })}
              </Button>
            </div>
          </div>
        ))}
        <div>
          <Button
            small
            variant="secondary"
            onClick={() => setPeople((current) => [...current, { name: "", phone: "", note: "" }])}
          >
            {t("progress.plan.addPerson")}
          </Button>
        </div>
      </fieldset>
      <StatusMessage message={saved ? t("progress.plan.saved") : undefined} />
      <div className="form-actions">
        <Button type="submit" pending={save.isPending} pendingLabel={t("common.saving")}>
          {t("progress.plan.save")}
        </Button>
      </div>
    </form>
  );
}

/** A plan to read, for "I'm struggling" and for partners it is shared with. */
export function PlanView({ plan, level = 2 }: { plan: Plan; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = level === 2 ? "h2" : "h3";
  const empty = LISTS.every((name) => plan[name].length === 0) && plan.people.length === 0;
  if (empty) return <p>{t("progress.plan.emptyView")}</p>;
  return (
    <div className="stack-small plan-view">
      {plan.copingStrategies.length > 0 && (
        <section>
          <Heading>{t("progress.plan.copingStrategies")}</Heading>
          <ul className="bullets">
            {plan.copingStrategies.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      )}
      {plan.people.length > 0 && (
        <section>
          <Heading>{t("progress.plan.people")}</Heading>
          <ul className="list-plain stack-small">
            {plan.people.map((p) => (
              <li key={`${p.name}-${p.phone}`} className="person">
                <strong>{p.name}</strong>
                {p.note && <span className="muted"> · {p.note}</span>}
                {p.phone && (
                  <>
                    {" "}
                    <a
                      className="button button--secondary button--small"
                      href={`tel:${p.phone.replace(/[^0-9+]/g, "")}`}
                    >
                      {t("progress.plan.call", { phone: p.phone })}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {(["reasons", "warningSigns", "triggers"] as const).map(
        (name) =>
          plan[name].length > 0 && (
            <section key={name}>
              <Heading>{t(`progress.plan.${name}`)}</Heading>
              <ul className="bullets">
                {plan[name].map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </section>
          ),
      )}
    </div>
  );
}
