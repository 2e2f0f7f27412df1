import { type Me, type ProfileFieldName, ProfileUpdate } from "@kinship/contracts/accounts";
import type { Visibility } from "@kinship/contracts/common";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { fieldOf, useErrorText } from "../../app/errors.ts";
import { changeLanguage, isAppLanguage } from "../../app/i18n.ts";
import { type FieldErrors, useValidate } from "../../app/validation.ts";
import { Button } from "../../ui/Button.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useAccountMe } from "./AccountLayout.tsx";
import { useUpdateProfile } from "./api.ts";
import { EmailCard } from "./EmailCard.tsx";
import { useFocusFirstError } from "./focus.ts";
import { PROFILE_FIELDS, type ProfileDraft, ProfileFieldRow, VisibilityHelp } from "./ProfileFieldRow.tsx";

const draftFrom = (me: Me): ProfileDraft =>
  Object.fromEntries(
    PROFILE_FIELDS.map((name) => [
      name,
      { value: me.profile[name].value ?? "", visibility: me.profile[name].visibility },
    ]),
  ) as ProfileDraft;

/** Only what changed, with blank meaning "clear it": an untouched field is never rewritten. */
function changesBetween(draft: ProfileDraft, me: Me) {
  const update: Record<string, { value: string | null; visibility: Visibility }> = {};
  for (const name of PROFILE_FIELDS) {
    const value = draft[name].value.trim() || null;
    const saved = me.profile[name];
    if (value !== saved.value || draft[name].visibility !== saved.visibility) {
      update[name] = { value, visibility: draft[name].visibility };
    }
  }
  return update;
}

/** The member's profile: each detail with its own "who can see this", plus the optional e-mail. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useAccountMe();
  const validate = useValidate();
  const errorText = useErrorText();
  const updateProfile = useUpdateProfile();
  const [draft, setDraft] = useState(() => draftFrom(me));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // A key rather than words, so the message follows a language change made by this very save.
  const [status, setStatus] = useState<"" | "profile.saved" | "profile.nothingChanged">("");
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, clientErrors, updateProfile.error);

  // The header's language switcher also saves the language; keep this form in step with it.
  const savedLanguage = me.profile.language.value ?? "";
  useEffect(() => {
    setDraft((current) => ({ ...current, language: { ...current.language, value: savedLanguage } }));
  }, [savedLanguage]);

  const serverField = fieldOf(updateProfile.error);
  const serverText = updateProfile.error ? errorText(updateProfile.error) : undefined;
  const isProfileField = (field?: string): field is ProfileFieldName =>
    PROFILE_FIELDS.includes(field as ProfileFieldName);
  const errorFor = (name: ProfileFieldName) => clientErrors[name] ?? (serverField === name ? serverText : undefined);

  const onChange = (name: ProfileFieldName, part: "value" | "visibility", value: string) => {
    setStatus("");
    setDraft((current) => ({ ...current, [name]: { ...current[name], [part]: value } }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (updateProfile.isPending) return;
    const changes = changesBetween(draft, me);
    if (Object.keys(changes).length === 0) {
      setStatus("profile.nothingChanged");
      return;
    }
    const checked = validate(ProfileUpdate, changes);
    setClientErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setStatus("");
    updateProfile.mutate(checked.data, {
      onSuccess: (saved) => {
        setStatus("profile.saved");
        const language = saved.profile.language.value;
        // Choosing a language here is a choice for this device too.
        if (changes.language && isAppLanguage(language)) void changeLanguage(language, { remember: true });
      },
    });
  };

  return (
    <div className="stack">
      <PageTitle eyebrow={t("account.eyebrow")} intro={t("profile.intro")}>
        {t("profile.title")}
      </PageTitle>
      <form ref={form} className="card" onSubmit={onSubmit} noValidate>
        <div className="stack-small">
          <FormError message={serverText && !isProfileField(serverField) ? serverText : undefined} />
          {PROFILE_FIELDS.map((name) => (
            <ProfileFieldRow
              key={name}
              name={name}
              field={draft[name]}
              savedValue={me.profile[name].value}
              error={errorFor(name)}
              onChange={onChange}
            />
          ))}
          <StatusMessage message={status && t(status)} tone={status === "profile.saved" ? "success" : "info"} />
          <div className="form-actions">
            <Button type="submit" pending={updateProfile.isPending} pendingLabel={t("common.saving")}>
              {t("profile.save")}
            </Button>
            <Link to={`/members/${encodeURIComponent(me.handle)}`}>{t("profile.seeAsOthers")}</Link>
          </div>
        </div>
      </form>
      <VisibilityHelp />
      <EmailCard />
    </div>
  );
}
