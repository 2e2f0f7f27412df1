import { GroupFocus, GroupFormat, type GroupSummary } from "@kinship/contracts/directory";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useGroups, useMe, useMyGroups, useOrganisations } from "./api.ts";
import { LoadError } from "./shared.tsx";
import { FOCUSES, FORMATS, useLanguageName } from "./vocabulary.ts";

const pick = <T extends string>(options: readonly T[], value: string | null): T | "" =>
  value && (options as readonly string[]).includes(value) ? (value as T) : "";

/** Every group, with a search and filters kept in the URL, and the viewer's own groups first. */
export function GroupsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").slice(0, 100);
  const focus = pick(GroupFocus.options, params.get("focus"));
  const format = pick(GroupFormat.options, params.get("format"));
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const { data: me } = useMe();
  const mine = useMyGroups(Boolean(me));

  const query = new URLSearchParams();
  if (q) query.set("q", q);
  if (focus) query.set("focus", focus);
  if (format) query.set("format", format);
  const groups = useGroups(query.toString());

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { preventScrollReset: true });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() });
  };

  const items = groups.data?.items ?? [];

  return (
    <div className="stack">
      <PageTitle intro={t("directory.groups.intro")}>{t("directory.groups.title")}</PageTitle>

      {me && (mine.data?.items.length ?? 0) > 0 && (
        <Card title={t("directory.groups.yours")}>
          <ul className="list-plain link-list">
            {mine.data?.items.map((group) => (
              <li key={group.id}>
                <Link to={`/groups/${group.id}`}>{group.name}</Link>{" "}
                <span className="badge">
                  {group.status === "requested" ? t("directory.group.requestSent") : t(`directory.role.${group.role}`)}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}

      <search aria-label={t("directory.groups.searchLabel")}>
        <form className="groups-filters" onSubmit={onSubmit}>
          <div className="field groups-filters__q">
            <label className="field__label" htmlFor="groups-q">
              {t("directory.groups.q")}
            </label>
            <div className="input-with-button">
              <input
                id="groups-q"
                className="input"
                type="search"
                value={text}
                maxLength={100}
                onChange={(event) => setText(event.target.value)}
              />
              <Button type="submit">{t("directory.finder.search")}</Button>
            </div>
          </div>
          <SelectField
            label={t("directory.finder.focus")}
            value={focus}
            onChange={(e) => update({ focus: e.target.value })}
          >
            <option value="">{t("directory.finder.anyFocus")}</option>
            {FOCUSES.map((value) => (
              <option key={value} value={value}>
                {t(`directory.focus.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("directory.finder.format")}
            value={format}
            onChange={(e) => update({ format: e.target.value })}
          >
            <option value="">{t("directory.finder.anyFormat")}</option>
            {FORMATS.map((value) => (
              <option key={value} value={value}>
                {t(`directory.format.${value}`)}
              </option>
            ))}
          </SelectField>
        </form>
      </search>

      <section aria-labelledby="groups-results" className="stack-small">
        <div className="results-bar">
          <h2 id="groups-results" className="results-bar__title">
            {t("directory.groups.results")}
          </h2>
          <output className="results-bar__count" aria-live="polite">
            {groups.data ? t("directory.groups.count", { count: items.length }) : ""}
          </output>
        </div>
        {groups.isPending && <Loading />}
        {groups.isError && (
          <LoadError error={groups.error} retry={() => groups.refetch()} retrying={groups.isRefetching} />
        )}
        {groups.data && items.length === 0 && (
          <div className="card card--soft">
            <p>{t("directory.groups.empty")}</p>
          </div>
        )}
        <ul className="list-plain group-cards">
          {items.map((group) => (
            <li key={group.id}>
              <GroupCard group={group} />
            </li>
          ))}
        </ul>
      </section>

      <OrganisationsCard signedIn={Boolean(me)} />
    </div>
  );
}

export function GroupCard({ group, showOrganisation = true }: { group: GroupSummary; showOrganisation?: boolean }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  return (
    <article className="card group-card stack-small">
      <h3>
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </h3>
      {showOrganisation && <p className="muted">{group.organisationName}</p>}
      <p className="badge-row">
        <span className="badge badge--accent">{t(`directory.focus.${group.focus}`)}</span>
        <span className="badge">{t(`directory.format.${group.format}`)}</span>
        <span className="badge">{t(`directory.groupForm.${group.membership}Short`)}</span>
      </p>
      {group.description && <p className="clamp-3">{group.description}</p>}
      <p className="muted small">
        {[
          t("directory.groups.meetingCount", { count: group.meetingCount }),
          group.languages.map(languageName).join(", "),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
    </article>
  );
}

/** Organisations host the groups; a member can start one. */
function OrganisationsCard({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  return (
    <Card title={t("directory.groups.organisations")}>
      <p>{t("directory.groups.organisationsIntro")}</p>
      {organisations.data && organisations.data.items.length > 0 && (
        <ul className="list-plain link-list">
          {organisations.data.items.map((organisation) => (
            <li key={organisation.id}>
              <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>{" "}
              <span className="muted small">
                {t("directory.groups.groupCount", { count: organisation.groupCount })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {signedIn && (
        <ButtonLink to="/organisations/new" variant="secondary" small>
          {t("directory.groups.startOrganisation")}
        </ButtonLink>
      )}
    </Card>
  );
}
