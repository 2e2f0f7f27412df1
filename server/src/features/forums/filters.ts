import { WARNING_CODES, type WarningCode } from "@kinship/contracts/forums";

/*
 * Content warnings and personal trigger filters. Whether a post is folded or hidden for a viewer
 * is decided here, on the server, so a folded body never leaves it until the reader asks for it.
 */

const CODES = new Set<string>(WARNING_CODES);
export const isWarningCode = (value: string): value is WarningCode => CODES.has(value);

/** Known codes are matched loosely ("Self-harm" → self_harm); anything else stays the author's own words. */
export function normaliseWarnings(input: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of input) {
    const code = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    const value = isWarningCode(code) ? code : raw.trim();
    if (!out.some((w) => w.toLowerCase() === value.toLowerCase())) out.push(value);
  }
  return out;
}

/** Text folded to compare words: compatibility forms, no case, no accents. */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

export type ViewerFilters = {
  /** Codes that fold; own-words warnings always fold. */
  fold: ReadonlySet<string>;
  hide: RegExp | null;
  showUsingDetail: boolean;
};

export const DEFAULT_FILTERS: ViewerFilters = { fold: CODES, hide: null, showUsingDetail: true };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A viewer's stored filters, ready to judge posts. */
export function viewerFilters(
  row: { foldWarnings: string[] | null; hideWords: string[]; showUsingDetail: boolean } | null | undefined,
): ViewerFilters {
  if (!row) return DEFAULT_FILTERS;
  const words = row.hideWords.map((w) => foldText(w).trim()).filter((w) => w.length > 0);
  return {
    fold: row.foldWarnings ? new Set(row.foldWarnings) : CODES,
    // Whole words only: hiding "gin" must not hide "beginning".
    hide:
      words.length > 0
        ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "u")
        : null,
    showUsingDetail: row.showUsingDetail,
  };
}

export type Verdict = { folded: boolean; hidden: boolean };
const OPEN: Verdict = { folded: false, hidden: false };

/** Whether a post is hidden (filters) or folded (warnings) for this viewer. An author always sees their own. */
export function judge(
  post: { warnings: readonly string[]; body: string; title?: string | null },
  filters: ViewerFilters,
  isAuthor: boolean,
): Verdict {
  if (isAuthor) return OPEN;
  const hidden =
    (!filters.showUsingDetail && post.warnings.includes("using_detail")) ||
    filters.hide?.test(foldText(`${post.title ?? ""}\n${post.body}\n${post.warnings.join("\n")}`));
  if (hidden) return { folded: true, hidden: true };
  const folded = post.warnings.some((w) => !isWarningCode(w) || filters.fold.has(w));
  return { folded, hidden: false };
}

/** The filters as the member sees them in settings. */
export function presentFilters(
  row: { foldWarnings: string[] | null; hideWords: string[]; showUsingDetail: boolean } | null | undefined,
) {
  return {
    foldWarnings: (row?.foldWarnings ?? [...WARNING_CODES]).filter(isWarningCode),
    hideWords: row?.hideWords ?? [],
    showUsingDetail: row?.showUsingDetail ?? true,
  };
}
