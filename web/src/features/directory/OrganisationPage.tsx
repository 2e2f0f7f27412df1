import type { Organisation } from "@kinship/contracts/directory";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { StatusMessage } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { NewBoardCard } from "../forums/BoardLinks.tsx";
import { useAddAdmin, useCreateGroup, useGroups, useOrganisation, useOrganisationAdmins } from "./api.ts";
import { GroupForm } from "./GroupForm.tsx";
import { GroupCard } from "./GroupsPage.tsx";
import { ImportCard } from "./ImportCard.tsx";
import { isNotFound, LoadError, NotFoundState } from "./shared.tsx";

/** An organisation: its groups, and for its admins the admins, a new group, and the import. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const orgId = useParams().id ?? "";
  const organisation = useOrganisation(orgId);

  if (organisation.isPending) return <Loading />;
  if (isNotFound(organisation.error))
    return (
      <NotFoundState
        title={t("directory.organisation.notFoundTitle")}
        body={t("directory.organisation.notFoundBody")}
        back={<ButtonLink to="/groups">{t("directory.group.backToGroups")}</ButtonLink>}
      />
    );
  if (organisation.isError)
    return (
      <LoadError error={organisation.error} retry={() => organisation.refetch()} retrying={organisation.isRefetching} />
    );
  return <OrganisationDetails organisation={organisation.data} />;
}

function OrganisationDetails({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const groups = useGroups(new URLSearchParams({ organisationId: organisation.id }).toString());
  const admin = organisation.viewerIsAdmin;
  const items = groups.data?.items ?? [];

  return (
    <div className="stack">
      <PageTitle
        eyebrow={t(`directory.organisation.kind_${organisation.kind}`)}
        intro={organisation.description || undefined}
      >
        {organisation.name}
      </PageTitle>
      {organisation.website && (
        <p>
          <a href={organisation.website} rel="noopener noreferrer" target="_blank">
            {organisation.website.replace(/^https?:\/\//, "")}
            <span className="visually-hidden"> {t("directory.meeting.newTab")}</span>
          </a>
        </p>
      )}
      {admin && (
        <p>
          <span className="badge badge--accent">{t("directory.organisation.youAdmin")}</span>
        </p>
      )}

      <section aria-labelledby="org-groups" className="stack-small">
        <h2 id="org-groups">{t("directory.organisation.groups", { count: items.length })}</h2>
        {groups.isPending && <Loading />}
        {groups.isError && (
          <LoadError error={groups.error} retry={() => groups.refetch()} retrying={groups.isRefetching} />
        )}
        {groups.data && items.length === 0 && (
          <p className="muted">
            {admin ? t("directory.organisation.noGroupsAdmin") : t("directory.organisation.noGroups")}
          </p>
        )}
        <ul className="list-plain group-cards">
          {items.map((group) => (
            <li key={group.id}>
              <GroupCard group={group} showOrganisation={false} />
            </li>
          ))}
        </ul>
      </section>

      {admin && (
        <div className="grid grid--two org-admin">
          <NewGroupCard organisationId={organisation.id} />
          <AdminsCard organisationId={organisation.id} />
        </div>
      )}
      {admin && <ImportCard organisationId={organisation.id} />}
      {admin && <NewBoardCard organisationId={organisation.id} />}
    </div>
  );
}

function NewGroupCard({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateGroup();
  const [open, setOpen] = useState(false);
  return (
    <Card title={t("directory.organisation.newGroup")} className={open ? "span-all" : undefined}>
      {!open ? (
        <>
          <p>{t("directory.organisation.newGroupIntro")}</p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("directory.organisation.newGroupOpen")}
          </Button>
        </>
      ) : (
        <GroupForm
          submitLabel={t("directory.organisation.createGroup")}
          pending={create.isPending}
          serverError={create.error}
          onSubmit={(values) =>
            create.mutate({ ...values, organisationId }, { onSuccess: (group) => navigate(`/groups/${group.id}`) })
          }
          onCancel={() => setOpen(false)}
        />
      )}
    </Card>
  );
}

function AdminsCard({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation();
  const admins = useOrganisationAdmins(organisationId, true);
  const add = useAddAdmin(organisationId);
  const errorText = useErrorText();
  const dateOnly = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(new Date(iso));
  const [handle, setHandle] = useState("");
  const [problem, setProblem] = useState("");
  const [notice, setNotice] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const who = handle.trim().replace(/^@/, "");
    if (!who) {
      setProblem(t("directory.form.required"));
      document.getElementById("add-admin-handle")?.focus();
      return;
    }
    setProblem("");
    add.mutate(who, {
      onSuccess: () => {
        setNotice(t("directory.organisation.adminAdded", { handle: who }));
        setHandle("");
      },
    });
  };

  return (
    <Card title={t("directory.organisation.admins")}>
      {admins.isPending && <Loading />}
      {admins.isError && (
        <LoadError error={admins.error} retry={() => admins.refetch()} retrying={admins.isRefetching} />
      )}
      <ul className="list-plain link-list">
        {admins.data?.items.map((admin) => (
          <li key={admin.handle}>
            <Link to={`/members/${encodeURIComponent(admin.handle)}`}>@{admin.handle}</Link>{" "}
            <span className="muted small">{t("directory.organisation.since", { when: dateOnly(admin.since) })}</span>
          </li>
        ))}
      </ul>
      <form className="stack-small" onSubmit={submit} noValidate>
        <TextField
          id="add-admin-handle"
          label={t("directory.organisation.addAdmin")}
          hint={t("directory.organisation.addAdminHint")}
          value={handle}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={64}
          error={problem || (add.isError ? errorText(add.error) : undefined)}
          onChange={(event) => setHandle(event.target.value)}
        />
        <StatusMessage message={notice || undefined} />
        <Button type="submit" variant="secondary" pending={add.isPending} pendingLabel={t("common.saving")}>
          {t("directory.organisation.addAdminSubmit")}
        </Button>
      </form>
    </Card>
  );
}
