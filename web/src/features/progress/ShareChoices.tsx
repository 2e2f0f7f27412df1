import { SHARE_ITEMS, type ShareItem } from "@kinship/contracts/progress";
import { useTranslation } from "react-i18next";

/**
 * Checkboxes for what to share, with a plain word on what each item shows. `items` narrows the
 * choice (a group never gets the plan); `detail` words an item for who will see it.
 */
export function ShareChoices<T extends ShareItem>({
  value,
  onChange,
  legend,
  hint,
  items = SHARE_ITEMS as readonly ShareItem[] as readonly T[],
  detail,
}: {
  value: T[];
  onChange: (items: T[]) => void;
  legend: string;
  hint?: string;
  items?: readonly T[];
  detail?: (item: T) => string;
}) {
  const { t } = useTranslation();
  const toggle = (item: T) => onChange(value.includes(item) ? value.filter((x) => x !== item) : [...value, item]);
  return (
    <fieldset className="scale">
      <legend className="field__label">{legend}</legend>
      <p className="field__hint">{hint ?? t("progress.share.hint")}</p>
      <div className="checks checks--wide">
        {items.map((item) => {
          const name: ShareItem = item;
          return (
            <label key={item} className="check">
              <input type="checkbox" checked={value.includes(item)} onChange={() => toggle(item)} />
              <span>
                <strong>{t(`progress.share.${name}`)}</strong>
                <span className="muted share-detail">{detail ? detail(item) : t(`progress.share.${name}Detail`)}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
