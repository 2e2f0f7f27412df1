import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Button } from "../../ui/Button.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useFinder, useInstance } from "./api.ts";
import { FinderFilters } from "./FinderFilters.tsx";
import { FinderList, PrintSchedule } from "./FinderResults.tsx";
import { apiQuery, type Filters, HERE, readFilters, writeFilters } from "./finder-query.ts";
import { LoadError, useViewerZone } from "./shared.tsx";
import { weekdayNames } from "./time.ts";
import { useTypeNames } from "./vocabulary.ts";

// Leaflet and its stylesheet load only when someone opens the map.
const FinderMap = lazy(() => import("./FinderMap.tsx"));

const PAGE = 50;
const MOST = 200;

/** The meeting finder: filters in the URL, results as a list, a map, or a printable schedule. */
export function FinderPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const viewerZone = useViewerZone();
  const [limit, setLimit] = useState(PAGE);
  const query = apiQuery(filters, viewerZone, limit);
  const finder = useFinder(query);
  const instance = useInstance();

  const onChange = (next: Filters) => {
    setLimit(PAGE);
    // Each search is its own history entry, so Back returns to the previous one.
    setParams(writeFilters(next), { preventScrollReset: true });
  };
  const setView = (view: Filters["view"]) => onChange({ ...filters, view });
  const setSort = (sort: Filters["sort"]) => onChange({ ...filters, sort });

  const items = finder.data?.items ?? [];
  const total = finder.data?.total ?? 0;
  const capped = finder.data?.totalCapped ?? false;
  const summary = useSummary(filters);

  return (
    <div className="finder">
      <PageTitle intro={t("directory.finder.intro")}>{t("directory.finder.title")}</PageTitle>
      <div className="finder__layout">
        <aside className="finder__filters" aria-label={t("directory.finder.filtersLabel")}>
          <FinderFilters filters={filters} viewerZone={viewerZone} onChange={onChange} />
        </aside>

        <section className="finder__results stack-small" aria-labelledby="finder-results-title">
          <div className="results-bar">
            <h2 id="finder-results-title" className="results-bar__title">
              {t("directory.finder.results")}
            </h2>
            <output className="results-bar__count" aria-live="polite" aria-atomic="true">
              {finder.isPending
                ? t("common.loading")
                : finder.isError
                  ? ""
                  : t(capped ? "directory.finder.countCapped" : "directory.finder.count", { count: total })}
            </output>
          </div>
          {summary && <p className="muted results-summary">{summary}</p>}

          <div className="results-tools">
            {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons; a fieldset would need a visible legend */}
            <div className="segmented" role="group" aria-label={t("directory.finder.view")}>
              <button
                type="button"
                className="segmented__option"
                aria-pressed={filters.view === "list"}
                onClick={() => setView("list")}
              >
                {t("directory.finder.list")}
              </button>
              <button
                type="button"
                className="segmented__option"
                aria-pressed={filters.view === "map"}
                onClick={() => setView("map")}
              >
                {t("directory.finder.map")}
              </button>
            </div>
            <label className="inline-select">
              <span>{t("directory.finder.sort")}</span>
              <select
                className="select"
                value={filters.sort}
                onChange={(event) => setSort(event.target.value === "distance" ? "distance" : "next")}
              >
                <option value="next">{t("directory.finder.sortNext")}</option>
                <option value="distance" disabled={!filters.near}>
                  {t("directory.finder.sortDistance")}
                </option>
              </select>
            </label>
            <Button variant="secondary" small onClick={() => window.print()} disabled={items.length === 0}>
              {t("directory.finder.print")}
            </Button>
          </div>

          {finder.isPending && <Loading label={t("directory.finder.searching")} />}
          {finder.isError && (
            <LoadError error={finder.error} retry={() => finder.refetch()} retrying={finder.isRefetching} />
          )}
          {finder.data && items.length === 0 && <EmptyResults filters={filters} onChange={onChange} />}

          {items.length > 0 && filters.view === "map" && (
            <Suspense fallback={<Loading label={t("directory.map.loading")} />}>
              <FinderMap
                items={items}
                viewerZone={viewerZone}
                near={filters.near}
                radiusKm={filters.radiusKm}
                tileUrl={instance.data?.mapTileUrl ?? null}
                attribution={instance.data?.mapAttribution ?? null}
              />
            </Suspense>
          )}
          {items.length > 0 && (
            <div className={filters.view === "map" ? "finder__list-under-map" : undefined}>
              {filters.view === "map" && <h3 className="visually-hidden">{t("directory.finder.list")}</h3>}
              <FinderList items={items} viewerZone={viewerZone} />
            </div>
          )}
          {items.length > 0 && items.length < total && (
            <div className="results-more">
              {limit < MOST ? (
                <Button
                  variant="secondary"
                  pending={finder.isFetching}
                  pendingLabel={t("common.loading")}
                  onClick={() => setLimit((n) => Math.min(MOST, n + PAGE))}
                >
                  {t("directory.finder.showMore")}
                </Button>
              ) : (
                <p className="muted">
                  {t(capped ? "directory.finder.narrowDownCapped" : "directory.finder.narrowDown", { count: total })}
                </p>
              )}
            </div>
          )}
        </section>
      </div>
      <PrintSchedule
        items={items}
        viewerZone={viewerZone}
        title={t("directory.print.title")}
        description={summary || t("directory.print.everything")}
      />
    </div>
  );
}

/** A sentence of what is being searched, for the results and the printed page. */
function useSummary(f: Filters) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useTypeNames();
  const parts: string[] = [];
  if (f.q) parts.push(t("directory.summary.q", { q: f.q }));
  if (f.near)
    parts.push(
      t("directory.summary.near", {
        place: f.place === HERE ? t("directory.finder.yourLocation") : f.place || f.near,
        km: f.radiusKm,
      }),
    );
  if (f.when === "soon") parts.push(t("directory.finder.when_soon"));
  if (f.when === "now") parts.push(t("directory.finder.when_now"));
  if (f.day !== null) parts.push(weekdayNames(i18n.language)[f.day] ?? "");
  if (f.from || f.to) parts.push(`${f.from || "00:00"}–${f.to || "23:59"}`);
  if (f.mode) parts.push(t(`directory.mode.${f.mode}` as "directory.mode.online"));
  if (f.focus) parts.push(t(`directory.focus.${f.focus}` as "directory.focus.other"));
  if (f.format) parts.push(t(`directory.format.${f.format}` as "directory.format.other"));
  if (f.language) parts.push(f.language);
  if (f.types.length > 0) parts.push(f.types.map(nameOf).join(", "));
  return parts.join(" · ");
}

/** No meetings: say so kindly and offer the next step. */
function EmptyResults({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const { t } = useTranslation();
  return (
    <div className="card card--soft stack-small">
      <p>
        <strong>{t("directory.finder.emptyTitle")}</strong>
      </p>
      <p>{t("directory.finder.emptyBody")}</p>
      <div className="cluster">
        {filters.near && filters.radiusKm < 250 && (
          <Button variant="secondary" small onClick={() => onChange({ ...filters, radiusKm: 250 })}>
            {t("directory.finder.widen")}
          </Button>
        )}
        {filters.mode !== "online" && (
          <Button
            variant="secondary"
            small
            onClick={() => onChange({ ...filters, mode: "online", near: "", place: "", sort: "next" })}
          >
            {t("directory.finder.tryOnline")}
          </Button>
        )}
        <Button variant="quiet" small onClick={() => onChange(readFilters(new URLSearchParams()))}>
          {t("directory.finder.startOver")}
        </Button>
      </div>
    </div>
  );
}
