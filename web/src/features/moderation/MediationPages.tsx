import type { Mediations } from "@kinship/contracts/moderation";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMediation, useMediationStep, useMediations, useMyGroups, useRequestMediation } from "./api.ts";
import { useStamp } from "./shared.tsx";

/** Asking for mediation, the mediations one is part of, and (for facilitators) requests to take. */
export function MediationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mediations = useMediations();
  return (
    <div className="stack">
      <PageTitle intro={t("moderation.mediation.intro")}>{t("moderation.mediation.title")}</PageTitle>
      <RequestForm />
      {mediations.isPending && <Loading />}
      {mediations.error && <Notice tone="error">{errorText(mediations.error)}</Notice>}
      {mediations.data && (
        <>
          <MediationList
            title={t("moderation.mediation.mine")}
            items={mediations.data.mine}
            empty={t("moderation.mediation.noneMine")}
          />
          {mediations.data.available.length > 0 && (
            <MediationList title={t("moderation.mediation.available")} items={mediations.data.available} />
          )}
        </>
      )}
    </div>
  );
}

function MediationList({ title, items, empty }: { title: string; items: Mediations["mine"]; empty?: string }) {
  const { t } = useTranslation();
  const stamp = useStamp();
  return (
    <Card title={title}>
      {items.length === 0 && empty && <p className="muted">{empty}</p>}
      <ul className="plain-list stack-small">
        {items.map((m) => (
          <li key={m.id}>
            <Link to={`/mediation/${m.id}`}>
              {t("moderation.mediation.between", { a: m.requesterHandle, b: m.otherHandle, group: m.groupName })}
            </Link>{" "}
            <span className="badge">{t(`moderation.mediation.status.${m.status}`)}</span>{" "}
            <span className="muted">{stamp(m.createdAt)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function RequestForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const groups = useMyGroups();
  const request = useRequestMediation();
  const navigate = useNavigate();
  const active = (groups.data?.items ?? []).filter((g) => g.status === "active");
  const [groupId, setGroupId] = useState("");
  const [other, setOther] = useState("");
  const [note, setNote] = useState("");
  const chosen = groupId || active[0]?.id || "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(
      { groupId: chosen, otherHandle: other.replace(/^@/, ""), note },
      { onSuccess: (m) => navigate(`/mediation/${m.id}`) },
    );
  };
  if (groups.data && active.length === 0) {
    return (
      <Card title={t("moderation.mediation.askTitle")}>
        <p className="muted">{t("moderation.mediation.noGroups")}</p>
      </Card>
    );
  }
  return (
    <Card title={t("moderation.mediation.askTitle")}>
      <p>{t("moderation.mediation.askIntro")}</p>
      <form className="stack-small" onSubmit={submit}>
        <SelectField
          label={t("moderation.mediation.group")}
          value={chosen}
          onChange={(e) => setGroupId(e.target.value)}
        >
          {active.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("moderation.mediation.other")}
          value={other}
          required
          onChange={(e) => setOther(e.target.value)}
        />
        <TextAreaField
          label={t("moderation.mediation.note")}
          hint={t("moderation.mediation.noteHint")}
          value={note}
          required
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          error={request.error ? errorText(request.error) : undefined}
        />
        <div>
          <Button type="submit" pending={request.isPending}>
            {t("moderation.mediation.send")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** One mediation: the request, the private conversation of the three people in it, the outcome. */
export function MediationThreadPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const errorText = useErrorText();
  const stamp = useStamp();
  const mediation = useMediation(id);
  const step = useMediationStep(id);
  const [body, setBody] = useState("");
  const [outcome, setOutcome] = useState("");
  const m = mediation.data;
  return (
    <div className="stack measure">
      <PageTitle>{t("moderation.mediation.threadTitle")}</PageTitle>
      <p>
        <Link to="/mediation">{t("moderation.mediation.back")}</Link>
      </p>
      {mediation.isPending && <Loading />}
      {mediation.error && <Notice tone="error">{errorText(mediation.error)}</Notice>}
      {m && (
        <>
          <Card>
            <p>{t("moderation.mediation.between", { a: m.requesterHandle, b: m.otherHandle, group: m.groupName })}</p>
            <p>
              <span className="badge">{t(`moderation.mediation.status.${m.status}`)}</span>{" "}
              {m.mediatorHandle && t("moderation.mediation.mediator", { handle: m.mediatorHandle })}
            </p>
            {m.note && (
              <p>
                <strong>{t("moderation.mediation.note")}:</strong> {m.note}
              </p>
            )}
            {m.outcome && (
              <p>
                <strong>{t("moderation.mediation.outcome")}:</strong> {m.outcome}
              </p>
            )}
          </Card>
          {m.role === "available" && m.status === "open" && (
            <Card tone="soft">
              <p>{t("moderation.mediation.takeIntro")}</p>
              <Button pending={step.isPending} onClick={() => step.mutate({ take: true })}>
                {t("moderation.mediation.take")}
              </Button>
            </Card>
          )}
          {m.status !== "open" && (
            <section className="card stack-small" aria-labelledby="mediation-conversation">
              <h2 id="mediation-conversation">{t("moderation.mediation.conversation")}</h2>
              {m.messages.length === 0 && <p className="muted">{t("moderation.mediation.noMessages")}</p>}
              <ol className="plain-list stack-small">
                {m.messages.map((x) => (
                  <li key={x.id}>
                    <p className="muted">
                      <strong>{x.from ? `@${x.from}` : t("moderation.mediation.former")}</strong> · {stamp(x.at)}
                    </p>
                    <p className="pre-line">{x.body}</p>
                  </li>
                ))}
              </ol>
              {m.status === "active" && (
                <form
                  className="stack-small"
                  onSubmit={(e) => {
                    e.preventDefault();
                    step.mutate({ body }, { onSuccess: () => setBody("") });
                  }}
                >
                  <TextAreaField
                    label={t("moderation.mediation.message")}
                    value={body}
                    required
                    maxLength={4000}
                    onChange={(e) => setBody(e.target.value)}
                  />
                  <div>
                    <Button type="submit" small pending={step.isPending}>
                      {t("moderation.mediation.sendMessage")}
                    </Button>
                  </div>
                </form>
              )}
            </section>
          )}
          {m.status === "open" && m.role !== "available" && (
            <p className="muted">{t("moderation.mediation.waiting")}</p>
          )}
          {m.role === "mediator" && m.status === "active" && (
            <form
              className="stack-small card card--soft"
              onSubmit={(e) => {
                e.preventDefault();
                step.mutate({ outcome });
              }}
            >
              <TextAreaField
                label={t("moderation.mediation.outcome")}
                hint={t("moderation.mediation.outcomeHint")}
                value={outcome}
                required
                maxLength={2000}
                onChange={(e) => setOutcome(e.target.value)}
              />
              <div>
                <Button type="submit" small variant="secondary" pending={step.isPending}>
                  {t("moderation.mediation.close")}
                </Button>
              </div>
            </form>
          )}
          {step.error ? <Notice tone="error">{errorText(step.error)}</Notice> : null}
        </>
      )}
    </div>
  );
}
