import { useTranslation } from "react-i18next";

export { type ReasonCode, ReasonSelect } from "../../ui/ReasonSelect.tsx";

/** The points of the community code of conduct, in the reader's language. */
export function ConductPoints() {
  const { t } = useTranslation();
  const points = t("moderation.conduct.points", { returnObjects: true }) as string[];
  return (
    <ol className="conduct-points">
      {points.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ol>
  );
}

/** A date and time in the reader's language. */
export function useStamp() {
  const { i18n } = useTranslation();
  return (at: string) => new Date(at).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
}
