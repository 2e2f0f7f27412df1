import type { MenteePreferencesView, MentorSuggestion, Reason } from "@kinship/contracts/mentorship";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextAreaField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAcceptHandoff, useMentors, usePreferences, useRequest, useSavePreferences } from "./api.ts";
import {
  CheckGroup,
  DAYS,
  deviceZone,
  FOCUS,
  FORMATS,
  GENDERS,
  LANGUAGES,
  useDayName,
  useFormErrors,
  useLanguageName,
} from "./shared.tsx";

/** Suggested mentors, each with why, after saying what the member looks for. */
export function FindMentorPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const handoffFrom = params.get("handoff");
  const mentors = useMentors();
  const prefs = usePreferences();
  const [sentTo, setSentTo] = useState<string | null>(null);
  return (
    <div className="stack">
      <PageTitle intro={t("mentorship.find.intro")}>{t("mentorship.find.title")}</PageTitle>
      {handoffFrom && <Notice>{t("mentorship.find.handoffIntro")}</Notice>}
      {prefs.data && <PreferencesForm initial={prefs.data} />}
      <section className="stack-small" aria-labelledby="m-suggestions">
        <h2 id="m-suggestions">{t("mentorship.find.suggested")}</h2>
        <StatusMessage
          message={
            sentTo ? (
              <>
                {t("mentorship.find.sent", { handle: sentTo })}{" "}
                <Link to="/mentorship">{t("mentorship.find.seeRequests")}</Link>
              </>
            ) : undefined
          }
        />
        {mentors.isPending && <Loading />}
        {mentors.error && <Notice tone="error">{errorText(mentors.error)}</Notice>}
        {mentors.data?.items.length === 0 && (
          <Card tone="soft">
            <p>{t("mentorship.find.none")}</p>
          </Card>
        )}
        <ul className="list-plain stack">
          {mentors.data?.items.map((m) => (
            <li key={m.id}>
              <Suggestion mentor={m} handoffFrom={handoffFrom} onSent={setSentTo} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function PreferencesForm({ initial }: { initial: MenteePreferencesView }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const dayName = useDayName();
  const save = useSavePreferences();
  const [focus, setFocus] = useState(initial.focus);
  const [formats, setFormats] = useState(initial.formats);
  const [languages, setLanguages] = useState(initial.languages);
  const [days, setDays] = useState(initial.days);
  const [gender, setGender] = useState(initial.gender ?? "");
  const [sameGender, setSameGender] = useState(initial.sameGender);
  const [saved, setSaved] = useState("");
  const errors = useFormErrors(save.error, ["gender", "languages"]);
  // Open the first time; once chosen, folded away so the suggestions come first (on a phone too).
  const [startOpen] = useState(
    () => initial.focus.length + initial.formats.length + initial.languages.length + initial.days.length === 0,
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved("");
    save.mutate(
      {
        focus,
        formats,
        languages,
        days,
        timeZone: initial.timeZone ?? deviceZone(),
        gender: (gender || null) as MenteePreferencesView["gender"],
        sameGender,
      },
      { onSuccess: () => setSaved(t("mentorship.find.saved")) },
    );
  };

  return (
    <Card title={t("mentorship.find.prefsTitle")}>
      <details className="m-details" open={startOpen}>
        <summary>{t("mentorship.find.prefsToggle")}</summary>
        <form className="stack-small" onSubmit={onSubmit} noValidate>
          <p className="muted">{t("mentorship.find.prefsIntro")}</p>
          <FormError message={errors.form} />
          <CheckGroup
            legend={t("mentorship.fields.focus")}
            options={FOCUS}
            value={focus}
            onChange={setFocus}
            label={(f) => t(`mentorship.focus.${f}`)}
          />
          <CheckGroup
            legend={t("mentorship.fields.formats")}
            options={FORMATS}
            value={formats}
            onChange={setFormats}
            label={(f) => t(`mentorship.format.${f}`)}
          />
          <CheckGroup
            legend={t("mentorship.fields.languages")}
            hint={t("mentorship.find.languagesHint")}
            options={LANGUAGES}
            value={languages}
            onChange={setLanguages}
            label={languageName}
            error={errors.field.languages}
          />
          <CheckGroup
            legend={t("mentorship.find.days")}
            options={DAYS}
            value={days}
            onChange={setDays}
            label={dayName}
          />
          <SelectField
            label={t("mentorship.fields.myGender")}
            hint={t("mentorship.find.genderHint")}
            value={gender}
            error={errors.field.gender}
            onChange={(e) => setGender(e.target.value)}
          >
            <option value="">{t("mentorship.gender.none")}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`mentorship.gender.${g}`)}
              </option>
            ))}
          </SelectField>
          <label className="m-check">
            <input type="checkbox" checked={sameGender} onChange={(e) => setSameGender(e.target.checked)} />
            <span>{t("mentorship.find.sameGender")}</span>
          </label>
          <StatusMessage message={saved || undefined} />
          <div className="form-actions">
            <Button type="submit" pending={save.isPending}>
              {t("mentorship.find.savePrefs")}
            </Button>
          </div>
        </form>
      </details>
    </Card>
  );
}

/** The words for one reason, in the reader's language. */
function useReasonText() {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const dayName = useDayName();
  return (r: Reason) => {
    switch (r.code) {
      case "focus":
        return t("mentorship.reason.focus", {
          list: r.values.map((v) => t(`mentorship.focus.${v as "other"}`)).join(", "),
        });
      case "format":
        return t("mentorship.reason.format", {
          list: r.values.map((v) => t(`mentorship.format.${v as "other"}`)).join(", "),
        });
      case "language":
        return t("mentorship.reason.language", { list: r.values.map(languageName).join(", ") });
      case "days":
        return t("mentorship.reason.days", { list: r.values.map((d) => dayName(Number(d))).join(", ") });
      default:
        return t(`mentorship.reason.${r.code}`);
    }
  };
}

function Suggestion({
  mentor: m,
  handoffFrom,
  onSent,
}: {
  mentor: MentorSuggestion;
  handoffFrom: string | null;
  onSent: (handle: string) => void;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const languageName = useLanguageName();
  const dayName = useDayName();
  const request = useRequest();
  const handoff = useAcceptHandoff();
  const mutation = handoffFrom ? handoff : request;
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const errors = useFormErrors(mutation.error, ["message"]);
  const places = m.capacity - m.activeMentees;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Not mutate's own callback: the card leaves the list once the request is made (asked mentors aren't suggested).
    const sent = handoffFrom
      ? handoff.mutateAsync({ id: handoffFrom, mentorId: m.id, message: message.trim() })
      : request.mutateAsync({ mentorId: m.id, message: message.trim() });
    sent.then(() => onSent(m.handle)).catch(() => {});
  };

  return (
    <Card title={`@${m.handle}`} level={3}>
      <p className="muted">
        {t(`mentorship.time.${m.timeInRecovery}`)} · {t("mentorship.find.places", { count: places })}
      </p>
      <div>
        <h4 className="m-h4">{t("mentorship.find.why")}</h4>
        <ul className="m-reasons">
          {m.reasons.map((r) => (
            <li key={r.code}>{reasonText(r)}</li>
          ))}
        </ul>
      </div>
      <dl className="m-facts">
        <dt>{t("mentorship.fields.formats")}</dt>
        <dd>{m.formats.map((f) => t(`mentorship.format.${f}`)).join(", ")}</dd>
        <dt>{t("mentorship.fields.languages")}</dt>
        <dd>{m.languages.map(languageName).join(", ")}</dd>
        {m.availability.days.length > 0 && (
          <>
            <dt>{t("mentorship.fields.available")}</dt>
            <dd>
              {m.availability.days.map(dayName).join(", ")}
              {m.availability.from && m.availability.to ? ` · ${m.availability.from}–${m.availability.to}` : ""} (
              {m.timeZone})
            </dd>
          </>
        )}
        {m.canHelpWith && (
          <>
            <dt>{t("mentorship.fields.canHelpWith")}</dt>
            <dd>{m.canHelpWith}</dd>
          </>
        )}
        {m.cannotHelpWith && (
          <>
            <dt>{t("mentorship.fields.cannotHelpWith")}</dt>
            <dd>{m.cannotHelpWith}</dd>
          </>
        )}
      </dl>
      {m.about && <p>{m.about}</p>}
      {open ? (
        <form className="stack-small" onSubmit={onSubmit} noValidate>
          <FormError message={errors.form} />
          <TextAreaField
            label={t("mentorship.find.message", { handle: m.handle })}
            hint={t("mentorship.find.messageHint")}
            value={message}
            maxLength={500}
            rows={3}
            error={errors.field.message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <div className="cluster">
            <Button type="submit" pending={mutation.isPending}>
              {t("mentorship.find.send")}
            </Button>
            <Button variant="quiet" onClick={() => setOpen(false)}>
              {t("mentorship.cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <div className="cluster">
          <Button onClick={() => setOpen(true)}>{t("mentorship.find.ask", { handle: m.handle })}</Button>
        </div>
      )}
    </Card>
  );
}
