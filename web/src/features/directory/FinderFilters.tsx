import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { extraFilterCount, type Filters, HERE, RADII, roughly } from "./finder-query.ts";
import { PlaceCombobox } from "./PlaceCombobox.tsx";
import { weekdayNames, zoneCity, zoneName } from "./time.ts";
import { COMMON_LANGUAGES, FOCUSES, FORMATS, MODES, useLanguageName, useTypeNames } from "./vocabulary.ts";

interface FinderFiltersProps {
  filters: Filters;
  viewerZone: string;
  onChange: (next: Filters) => void;
}

/** Everything the finder can narrow by. Each change updates the URL; the free text waits for Search. */
export function FinderFilters({ filters, viewerZone, onChange }: FinderFiltersProps) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState(filters.q);
  const [locating, setLocating] = useState(false);
  const [locationProblem, setLocationProblem] = useState("");
  const set = (changes: Partial<Filters>) => onChange({ ...filters, ...changes });
  const days = weekdayNames(i18n.language);
  const languageName = useLanguageName();
  const more = useRef<HTMLDetailsElement>(null);
  const count = extraFilterCount(filters);

  // Someone following a shared link, or going back, sees the words that were searched.
  useEffect(() => setQ(filters.q), [filters.q]);
  // On wide screens the filters sit beside the results, open; on phones they fold away.
  useEffect(() => {
    if (more.current && window.matchMedia("(min-width: 60rem)").matches) more.current.open = true;
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    set({ q: q.trim() });
  };

  const locate = () => {
    setLocationProblem("");
    if (!("geolocation" in navigator)) {
      setLocationProblem(t("directory.finder.locationUnavailable"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const near = `${roughly(position.coords.latitude)},${roughly(position.coords.longitude)}`;
        set({ near, place: HERE, sort: "distance" });
      },
      (error) => {
        setLocating(false);
        setLocationProblem(
          error.code === error.PERMISSION_DENIED
            ? t("directory.finder.locationDenied")
            : t("directory.finder.locationUnavailable"),
        );
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  };

  const placeName = filters.place === HERE ? t("directory.finder.yourLocation") : filters.place;

  return (
    <search aria-label={t("directory.finder.searchLabel")}>
      <form className="finder-filters stack-small" onSubmit={onSubmit}>
        <div className="field">
          <label className="field__label" htmlFor="finder-q">
            {t("directory.finder.q")}
          </label>
          <div className="input-with-button">
            <input
              id="finder-q"
              className="input"
              type="search"
              value={q}
              maxLength={100}
              placeholder={t("directory.finder.qPlaceholder")}
              onChange={(event) => setQ(event.target.value)}
            />
            <Button type="submit">{t("directory.finder.search")}</Button>
          </div>
        </div>

        {filters.near ? (
          <div className="near-chosen">
            <p className="near-chosen__text">
              <span className="muted">{t("directory.finder.near")}</span> <strong>{placeName}</strong>
            </p>
            <Button variant="quiet" small onClick={() => set({ near: "", place: "", sort: "next" })}>
              {t("directory.finder.clearPlace")}
              <span className="visually-hidden"> {placeName}</span>
            </Button>
          </div>
        ) : (
          <div className="stack-small">
            <PlaceCombobox
              label={t("directory.finder.near")}
              hint={t("directory.finder.nearHint")}
              onChoose={(place, label) =>
                set({ near: `${roughly(place.latitude)},${roughly(place.longitude)}`, place: label, sort: "distance" })
              }
            />
            <Button
              variant="secondary"
              small
              pending={locating}
              pendingLabel={t("directory.finder.locating")}
              onClick={locate}
            >
              {t("directory.finder.useMyLocation")}
            </Button>
            {locationProblem && (
              <p className="field__error" role="alert">
                {locationProblem}
              </p>
            )}
          </div>
        )}

        {filters.near && (
          <SelectField
            label={t("directory.finder.distance")}
            value={String(filters.radiusKm)}
            onChange={(event) => set({ radiusKm: Number(event.target.value) })}
          >
            {(RADII as readonly number[]).includes(filters.radiusKm) ? null : (
              <option value={filters.radiusKm}>{t("directory.finder.withinKm", { count: filters.radiusKm })}</option>
            )}
            {RADII.map((km) => (
              <option key={km} value={km}>
                {t("directory.finder.withinKm", { count: km })}
              </option>
            ))}
          </SelectField>
        )}

        <details className="more-filters" ref={more}>
          <summary>
            {t("directory.finder.moreFilters")}
            {count > 0 && <span className="badge badge--accent">{t("directory.finder.filtersOn", { count })}</span>}
          </summary>
          <div className="stack-small more-filters__body">
            <fieldset className="fieldset">
              <legend>{t("directory.finder.when")}</legend>
              {(["", "soon", "now"] as const).map((value) => (
                <label key={value || "any"} className="choice">
                  <input
                    type="radio"
                    name="finder-when"
                    value={value}
                    checked={filters.when === value}
                    onChange={() => set({ when: value })}
                  />
                  {t(`directory.finder.when_${value || "any"}`)}
                </label>
              ))}
            </fieldset>

            <SelectField
              label={t("directory.finder.day")}
              hint={t("directory.finder.yourZoneHint", {
                city: zoneCity(viewerZone, i18n.language),
                zone: zoneName(viewerZone, i18n.language),
              })}
              value={filters.day === null ? "" : String(filters.day)}
              onChange={(event) => set({ day: event.target.value === "" ? null : Number(event.target.value) })}
            >
              <option value="">{t("directory.finder.anyDay")}</option>
              {days.map((name, day) => (
                <option key={name} value={day}>
                  {name}
                </option>
              ))}
            </SelectField>

            <fieldset className="fieldset">
              <legend>{t("directory.finder.timeWindow")}</legend>
              <div className="time-window">
                <TimeInput label={t("directory.finder.from")} value={filters.from} onChange={(from) => set({ from })} />
                <TimeInput label={t("directory.finder.to")} value={filters.to} onChange={(to) => set({ to })} />
              </div>
            </fieldset>

            <SelectField
              label={t("directory.finder.mode")}
              value={filters.mode}
              onChange={(event) => set({ mode: event.target.value })}
            >
              <option value="">{t("directory.finder.anyMode")}</option>
              {MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`directory.mode.${mode}`)}
                </option>
              ))}
            </SelectField>

            <SelectField
              label={t("directory.finder.focus")}
              value={filters.focus}
              onChange={(event) => set({ focus: event.target.value })}
            >
              <option value="">{t("directory.finder.anyFocus")}</option>
              {FOCUSES.map((focus) => (
                <option key={focus} value={focus}>
                  {t(`directory.focus.${focus}`)}
                </option>
              ))}
            </SelectField>

            <SelectField
              label={t("directory.finder.format")}
              value={filters.format}
              onChange={(event) => set({ format: event.target.value })}
            >
              <option value="">{t("directory.finder.anyFormat")}</option>
              {FORMATS.map((format) => (
                <option key={format} value={format}>
                  {t(`directory.format.${format}`)}
                </option>
              ))}
            </SelectField>

            <SelectField
              label={t("directory.finder.language")}
              value={filters.language}
              onChange={(event) => set({ language: event.target.value })}
            >
              <option value="">{t("directory.finder.anyLanguage")}</option>
              {[...new Set([...COMMON_LANGUAGES, ...(filters.language ? [filters.language] : [])])].map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </SelectField>

            <TypePicker chosen={filters.types} onChange={(types) => set({ types })} />

            {count > 0 && (
              <Button
                variant="quiet"
                small
                onClick={() =>
                  set({
                    day: null,
                    from: "",
                    to: "",
                    when: "",
                    types: [],
                    format: "",
                    focus: "",
                    language: "",
                    mode: "",
                  })
                }
              >
                {t("directory.finder.clearFilters")}
              </Button>
            )}
          </div>
        </details>
      </form>
    </search>
  );
}

/** A clock time that applies only once it is complete, so a half-typed hour doesn't search. */
function TimeInput({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="time"
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          if (next === "" || /^\d{2}:\d{2}$/.test(next)) onChange(next.slice(0, 5));
        }}
      />
    </div>
  );
}

/** The Meeting Guide types as checkboxes, named in the reader's language, folded away until wanted. */
function TypePicker({ chosen, onChange }: { chosen: string[]; onChange: (types: string[]) => void }) {
  const { t } = useTranslation();
  const { names, sorted } = useTypeNames();
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...chosen, code].slice(0, 20) : chosen.filter((c) => c !== code));
  return (
    <details className="type-picker" open={chosen.length > 0 || undefined}>
      <summary>
        {t("directory.finder.types")}
        {chosen.length > 0 && (
          <span className="badge badge--accent">{t("directory.finder.filtersOn", { count: chosen.length })}</span>
        )}
      </summary>
      <fieldset className="fieldset type-picker__list">
        <legend className="visually-hidden">{t("directory.finder.types")}</legend>
        <p className="field__hint">{t("directory.finder.typesHint")}</p>
        {sorted.map((code) => (
          <label key={code} className="choice">
            <input
              type="checkbox"
              checked={chosen.includes(code)}
              onChange={(event) => toggle(code, event.target.checked)}
            />
            <span>
              {names[code]} <span className="muted">({code})</span>
            </span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
