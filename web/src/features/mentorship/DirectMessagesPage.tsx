import { type DmAllow, DmAllow as DmAllowSchema } from "@kinship/contracts/mentorship";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, Notice, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useDirectConversations, useDmSettings, useSaveDmSettings, useStartDirect } from "./api.ts";
import { useLiveMentorships } from "./conversation.ts";
import { useFormErrors } from "./shared.tsx";

/** Direct messages outside a mentorship: who may write to me, my conversations, and writing to someone. */
export function DirectMessagesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  useLiveMentorships();
  const list = useDirectConversations();
  const items = list.data?.items ?? [];
  return (
    <div className="stack">
      <PageTitle intro={t("mentorship.direct.intro")}>{t("mentorship.direct.title")}</PageTitle>
      <div className="m-layout">
        <section className="stack-small" aria-labelledby="dm-list">
          <h2 id="dm-list">{t("mentorship.direct.conversations")}</h2>
          {list.isPending && <Loading />}
          {list.error && <Notice tone="error">{errorText(list.error)}</Notice>}
          {list.data && items.length === 0 && <p className="muted">{t("mentorship.direct.none")}</p>}
          <ul className="list-plain stack-small">
            {items.map((m) => (
              <li key={m.id} className="card m-row">
                <Link to={`/mentorship/${m.id}`} className="m-row__link">
                  {t("mentorship.direct.with", { handle: m.other.handle })}
                </Link>
                {m.unread > 0 && (
                  <span className="badge badge--accent">{t("mentorship.home.unread", { count: m.unread })}</span>
                )}
              </li>
            ))}
          </ul>
          <StartCard />
        </section>
        <SettingsCard />
      </div>
    </div>
  );
}

function StartCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartDirect();
  const [handle, setHandle] = useState("");
  const errors = useFormErrors(start.error, ["handle"]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(handle.trim().replace(/^@/, ""), { onSuccess: (m) => navigate(`/mentorship/${m.id}`) });
  };
  return (
    <Card title={t("mentorship.direct.startTitle")} level={2}>
      <form className="stack-small" onSubmit={submit} noValidate>
        <p className="field__hint">{t("mentorship.direct.startHint")}</p>
        <FormError message={errors.form} />
        <TextField
          label={t("mentorship.direct.handle")}
          value={handle}
          maxLength={64}
          autoComplete="off"
          error={errors.field.handle}
          onChange={(e) => setHandle(e.target.value)}
        />
        <Button type="submit" pending={start.isPending}>
          {t("mentorship.direct.start")}
        </Button>
      </form>
    </Card>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const settings = useDmSettings();
  const save = useSaveDmSettings();
  const [allow, setAllow] = useState<DmAllow>("nobody");
  const [saved, setSaved] = useState("");
  const errors = useFormErrors(save.error, []);
  useEffect(() => {
    if (settings.data) setAllow(settings.data.allow);
  }, [settings.data]);
  return (
    <Card title={t("mentorship.direct.settingsTitle")} level={2}>
      {settings.isPending ? (
        <Loading />
      ) : (
        <form
          className="stack-small"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved("");
            save.mutate(allow, { onSuccess: () => setSaved(t("mentorship.direct.saved")) });
          }}
        >
          <FormError message={errors.form} />
          <fieldset className="m-fieldset">
            <legend className="field__label">{t("mentorship.direct.who")}</legend>
            <p className="field__hint">{t("mentorship.direct.whoHint")}</p>
            <div className="m-checks">
              {DmAllowSchema.options.map((option) => (
                <label key={option} className="m-check">
                  <input type="radio" name="dm-allow" checked={allow === option} onChange={() => setAllow(option)} />
                  <span>{t(`mentorship.direct.allow.${option}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <StatusMessage message={saved || undefined} />
          <Button type="submit" variant="secondary" pending={save.isPending}>
            {t("mentorship.direct.save")}
          </Button>
        </form>
      )}
    </Card>
  );
}
