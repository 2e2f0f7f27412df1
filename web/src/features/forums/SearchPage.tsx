import { type SearchQuery, THREAD_KINDS } from "@kinship/contracts/forums";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useBoards, useSearch } from "./api.ts";
import { AuthorName, KindBadge, useWhen, WarningList } from "./shared.tsx";

const FIELDS = ["q", "boardId", "kind", "from", "to"] as const;

/** Search what the member may read, with filters by board, kind and date. The query lives in the URL. */
export function SearchPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useWhen();
  const [params, setParams] = useSearchParams();
  const boards = useBoards();
  const current = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ""])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const [form, setForm] = useState(current);
  const results = useSearch(current as Partial<SearchQuery>);
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (name: (typeof FIELDS)[number]) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(form).filter(([, v]) => v)));
  };

  return (
    <div className="stack">
      <PageTitle intro={t("forums.search.intro")}>{t("forums.search.title")}</PageTitle>
      <form className="card stack-small" aria-label={t("forums.search.title")} onSubmit={submit}>
        <TextField label={t("forums.search.q")} type="search" value={form.q} maxLength={200} onChange={set("q")} />
        <div className="grid search-filters">
          <SelectField label={t("forums.search.board")} value={form.boardId} onChange={set("boardId")}>
            <option value="">{t("forums.search.anyBoard")}</option>
            {boards.data?.items.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("forums.search.kind")} value={form.kind} onChange={set("kind")}>
            <option value="">{t("forums.search.anyKind")}</option>
            {THREAD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`forums.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t("forums.search.from")} type="date" value={form.from} onChange={set("from")} />
          <TextField label={t("forums.search.to")} type="date" value={form.to} onChange={set("to")} />
        </div>
        <div className="form-actions">
          <Button type="submit">{t("forums.search.submit")}</Button>
        </div>
      </form>
      {results.isFetching && !results.isFetchingNextPage && <Loading />}
      {results.error && <Notice tone="error">{errorText(results.error)}</Notice>}
      {results.data && items.length === 0 && (
        <Card tone="soft">
          <p>{t("forums.search.empty")}</p>
        </Card>
      )}
      {items.length > 0 && (
        <ol className="list-plain stack-small" aria-label={t("forums.search.results")}>
          {items.map((hit) => (
            <li key={hit.postId} className="card stack-small" data-testid="search-hit">
              <h2 className="thread-row__title">
                <Link to={`/threads/${hit.threadId}#post-${hit.seq}`}>
                  {hit.titleHidden ? t("forums.thread.titleHidden") : hit.threadTitle}
                </Link>
              </h2>
              <p className="cluster">
                <KindBadge kind={hit.kind} dayCount={null} />
                <span className="muted">{hit.board.name}</span>
              </p>
              {hit.folded ? (
                <>
                  <WarningList warnings={hit.warnings} />
                  <p className="muted">{t("forums.search.folded")}</p>
                </>
              ) : (
                <p>{hit.excerpt}</p>
              )}
              <p className="muted">
                <AuthorName author={hit.author} /> · <time dateTime={hit.createdAt}>{when(hit.createdAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {results.hasNextPage && (
        <Button variant="secondary" pending={results.isFetchingNextPage} onClick={() => results.fetchNextPage()}>
          {t("forums.search.more")}
        </Button>
      )}
    </div>
  );
}
