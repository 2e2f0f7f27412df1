import { type Author, type ThreadKind, WARNING_CODES } from "@kinship/contracts/forums";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

const CODES = new Set<string>(WARNING_CODES);

/** Warning codes in the reader's language; the author's own words as they wrote them. */
export function useWarningNames() {
  const { t } = useTranslation();
  return (warnings: readonly string[]) =>
    warnings.map((w) => (CODES.has(w) ? t(`forums.warnings.codes.${w as (typeof WARNING_CODES)[number]}`) : w));
}

/** "anonymous member", "former member", or @handle. */
export function AuthorName({ author }: { author: Author }) {
  const { t } = useTranslation();
  if (author.kind === "anonymous")
    return <span className="post__author post__author--quiet">{t("forums.author.anonymous")}</span>;
  if (author.kind === "former")
    return <span className="post__author post__author--quiet">{t("forums.author.former")}</span>;
  return <span className="post__author">@{author.handle}</span>;
}

export function KindBadge({
  kind,
  dayCount,
  fromJourney = false,
}: {
  kind: ThreadKind;
  dayCount: number | null;
  /** The days were counted by the author's journey on Kinship, not typed in. */
  fromJourney?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${kind === "milestone" || kind === "recovery_story" ? "badge--accent" : ""}`}>
      {t(`forums.kinds.${kind}`)}
      {kind === "milestone" && dayCount !== null && ` · ${t("forums.dayCount", { count: dayCount })}`}
      {kind === "milestone" && fromJourney && ` · ${t("forums.fromJourney")}`}
    </span>
  );
}

/** The warnings of a post, named, for a folded post or a list. */
export function WarningList({ warnings }: { warnings: readonly string[] }) {
  const { t } = useTranslation();
  const names = useWarningNames();
  if (warnings.length === 0) return null;
  return (
    <p className="warnings">
      <span className="warnings__label">{t("forums.warnings.named")}</span> {names(warnings).join(", ")}
    </p>
  );
}

/** "3 minutes ago"-style relative times would need a library; a plain date and time is enough. */
export function useWhen() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
    return (iso: string) => format.format(new Date(iso));
  }, [i18n.language]);
}
