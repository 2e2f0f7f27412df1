import type { Place } from "@kinship/contracts/directory";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlaces } from "./api.ts";
import { useCountryName } from "./vocabulary.ts";

/** "London, ENG, United Kingdom": numeric region codes say nothing to a person, so they are left out. */
export function usePlaceLabel() {
  const countryName = useCountryName();
  return (place: Place) =>
    [place.name, place.region && /[A-Za-z]/.test(place.region) ? place.region : null, countryName(place.country)]
      .filter(Boolean)
      .join(", ");
}

/** Waits until someone stops typing for a moment, so each letter doesn't send a request. */
function useDebounced<T>(value: T, ms: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface PlaceComboboxProps {
  label: string;
  hint?: string;
  onChoose: (place: Place, label: string) => void;
}

/**
 * A city typed by name, from the server's offline gazetteer (no outside geocoding service sees
 * what anyone types). The ARIA 1.2 combobox pattern: arrow keys move through the suggestions,
 * Enter picks one, Escape closes the list; screen readers hear how many places were found.
 */
export function PlaceCombobox({ label, hint, onChoose }: PlaceComboboxProps) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = useDebounced(text.trim(), 200);
  const places = usePlaces(query);
  const placeLabel = usePlaceLabel();
  const items = query.length >= 2 ? (places.data?.items ?? []) : [];
  const expanded = open && query.length >= 2 && (items.length > 0 || places.isFetched);

  const choose = (place: Place) => {
    const name = placeLabel(place);
    onChoose(place, name);
    setText("");
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (items.length === 0 ? -1 : (i + 1) % items.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (items.length === 0 ? -1 : i <= 0 ? items.length - 1 : i - 1));
    } else if (event.key === "Enter") {
      // Enter picks the highlighted place, or the first one, instead of sending the search form.
      const place = items[active] ?? (expanded ? items[0] : undefined);
      if (place) {
        event.preventDefault();
        choose(place);
      }
    } else if (event.key === "Escape") {
      if (expanded) event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  let status = "";
  if (query.length >= 2 && places.isFetched && !places.isFetching) {
    status = items.length === 0 ? t("directory.place.none") : t("directory.place.found", { count: items.length });
  }

  return (
    <div className="field place-box">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="place-box__wrap">
        <input
          id={id}
          className="input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-describedby={hint ? hintId : undefined}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          value={text}
          placeholder={t("directory.place.placeholder")}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
        />
        {/* The ARIA combobox pattern: focus stays in the input, options are pointed at with aria-activedescendant. */}
        <div id={listId} role="listbox" aria-label={label} className="place-box__list" hidden={!expanded}>
          {items.map((place, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: combobox options are reached with the arrow keys (aria-activedescendant), not Tab
            <div
              key={`${place.name}-${place.latitude}-${place.longitude}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="place-box__option"
              // mousedown, not click: a click would blur the input first and close the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(place);
              }}
            >
              {placeLabel(place)}
            </div>
          ))}
          {expanded && items.length === 0 && <div className="place-box__empty">{t("directory.place.none")}</div>}
        </div>
      </div>
      <span className="visually-hidden" role="status" aria-live="polite">
        {open ? status : ""}
      </span>
    </div>
  );
}
