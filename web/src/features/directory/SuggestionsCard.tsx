import type { Suggestion } from "@kinship/contracts/directory";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { useDateTime } from "../../ui/format.ts";
import { Loading } from "../../ui/Loading.tsx";
import { FormError, StatusMessage } from "../../ui/Notice.tsx";
import { useDecideSuggestion, useGroupSuggestions } from "./api.ts";
import { LoadError } from "./shared.tsx";
import { weekdayNames } from "./time.ts";
import { useLanguageName } from "./vocabulary.ts";

/** The words for each field of a meeting, as the form names them. */
const FIELD_KEYS: Record<string, string> = {
  name: "directory.form.name",
  notes: "directory.form.notes",
  audience: "directory.form.audience",
  mode: "directory.form.mode",
  days: "directory.form.days",
  onDate: "directory.form.date",
  startTime: "directory.form.start",
  endTime: "directory.form.end",
  timeZone: "directory.form.timeZone",
  locationName: "directory.form.locationName",
  formattedAddress: "directory.form.address",
  region: "directory.form.region",
  latitude: "directory.form.latitude",
  longitude: "directory.form.longitude",
  locationNotes: "directory.form.locationNotes",
  conferenceUrl: "directory.form.conferenceUrl",
  conferencePhone: "directory.form.conferencePhone",
  conferenceNotes: "directory.form.conferenceNotes",
  linkAudience: "directory.form.linkAudience",
  types: "directory.form.types",
  languages: "directory.form.languages",
  temporarilyClosed: "directory.form.temporarilyClosed",
};

/** Suggested edits to the group's listings, each as a before/after table to accept or decline. */
export function SuggestionsCard({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const suggestions = useGroupSuggestions(groupId, true);
  const decide = useDecideSuggestion(groupId);
  const errorText = useErrorText();
  const [notice, setNotice] = useState("");
  const open = (suggestions.data?.items ?? []).filter((s) => s.status === "open");

  return (
    <Card title={t("directory.suggestions.title")}>
      <StatusMessage message={notice || undefined} />
      <FormError message={decide.isError ? errorText(decide.error) : undefined} />
      {suggestions.isPending && <Loading />}
      {suggestions.isError && (
        <LoadError error={suggestions.error} retry={() => suggestions.refetch()} retrying={suggestions.isRefetching} />
      )}
      {suggestions.data && open.length === 0 && <p className="muted">{t("directory.suggestions.none")}</p>}
      <ul className="list-plain stack">
        {open.map((suggestion) => (
          <li key={suggestion.id}>
            <SuggestionDiff
              suggestion={suggestion}
              pending={decide.isPending && decide.variables?.suggestionId === suggestion.id}
              onDecide={(decision) =>
                decide.mutate(
                  { suggestionId: suggestion.id, decision },
                  {
                    onSuccess: () =>
                      setNotice(
                        decision === "accept"
                          ? t("directory.suggestions.accepted", { name: suggestion.meetingName })
                          : t("directory.suggestions.declined", { name: suggestion.meetingName }),
                      ),
                  },
                )
              }
            />
          </li>
        ))}
      </ul>
    </Card>
  );
}

function SuggestionDiff({
  suggestion,
  pending,
  onDecide,
}: {
  suggestion: Suggestion;
  pending: boolean;
  onDecide: (decision: "accept" | "decline") => void;
}) {
  const { t, i18n } = useTranslation();
  const dateTime = useDateTime();
  const languageName = useLanguageName();
  const days = weekdayNames(i18n.language);
  const captionId = `suggestion-${suggestion.id}`;

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("directory.suggestions.empty");
    if (typeof value === "boolean") return value ? t("directory.suggestions.yes") : t("directory.suggestions.no");
    if (field === "days" && Array.isArray(value)) return value.map((d) => days[Number(d)] ?? d).join(", ");
    if (field === "languages" && Array.isArray(value)) return value.map((c) => languageName(String(c))).join(", ");
    if (field === "mode" && typeof value === "string") return t(`directory.mode.${value}` as "directory.mode.online");
    if (Array.isArray(value)) return value.join(", ");
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };

  return (
    <article className="suggestion stack-small" aria-labelledby={captionId}>
      <h3 id={captionId}>{suggestion.meetingName}</h3>
      <p className="muted small">
        {t("directory.suggestions.by", {
          who: suggestion.proposer ? `@${suggestion.proposer}` : t("directory.suggestions.someone"),
          when: dateTime(suggestion.createdAt),
        })}
      </p>
      {suggestion.note && <blockquote className="request-message pre-line">{suggestion.note}</blockquote>}
      <div className="table-scroll">
        <table className="diff-table">
          <caption className="visually-hidden">
            {t("directory.suggestions.caption", { name: suggestion.meetingName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.suggestions.field")}</th>
              <th scope="col">{t("directory.suggestions.now")}</th>
              <th scope="col">{t("directory.suggestions.suggested")}</th>
            </tr>
          </thead>
          <tbody>
            {suggestion.diff.map((row) => (
              <tr key={row.field}>
                <th scope="row">
                  {FIELD_KEYS[row.field] ? t(FIELD_KEYS[row.field] as "directory.form.name") : row.field}
                </th>
                <td>
                  <del>{show(row.field, row.from)}</del>
                </td>
                <td>
                  <ins>{show(row.field, row.to)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="cluster">
        <Button small pending={pending} pendingLabel={t("common.saving")} onClick={() => onDecide("accept")}>
          {t("directory.suggestions.accept")}
        </Button>
        <Button variant="secondary" small disabled={pending} onClick={() => onDecide("decline")}>
          {t("directory.suggestions.decline")}
        </Button>
      </div>
    </article>
  );
}
