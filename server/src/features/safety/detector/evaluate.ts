import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { detect, explain, type Lang, SEVERITIES, type Severity } from "./detector.ts";

/** A labelled sentence of the evaluation set (eval/<part>.<lang>.txt). */
export type Labelled = { label: Severity | "none"; lang: Lang; text: string; part: Part };
/** The parts of the labelled set, in the order they were written. */
export const PARTS = [
  "dev",
  "heldout",
  "round2",
  "round3",
  "blind",
  "round4",
  "blind4",
  "round5",
  "blind5",
  "round6",
  "train6a",
  "train6b",
  "blind6",
  "round7",
  "blind7",
  "train8a",
  "train8b",
  "round8",
  "blind8",
  "blind9",
  "round9",
] as const;
export type Part = (typeof PARTS)[number];
export type Scores = { tp: number; fp: number; fn: number; precision: number; recall: number; support: number };
export type Report = {
  total: number;
  bySeverity: Record<Severity, Scores>;
  /** Any crisis (high, medium or low) against none. */
  anyCrisis: Scores;
  misses: { label: string; got: string; text: string; suppressedBy: string[] }[];
};

const EVAL_DIR = path.join(import.meta.dirname, "eval");

/** Reads the labelled sentences of one part or of all. A part may be in one language only (train6a, train6b). */
export function loadSet(part?: Part): Labelled[] {
  const parts = part ? [part] : PARTS;
  return parts.flatMap((p) =>
    (["en", "es"] as const)
      .filter((lang) => existsSync(path.join(EVAL_DIR, `${p}.${lang}.txt`)))
      .flatMap((lang) =>
        readFileSync(path.join(EVAL_DIR, `${p}.${lang}.txt`), "utf8")
          .split("\n")
          .filter((line) => line.trim() && !line.startsWith("#"))
          .map((line) => {
            const at = line.indexOf("|");
            const label = line.slice(0, at).trim() as Labelled["label"];
            if (![...SEVERITIES, "none"].includes(label)) throw new Error(`bad label in ${p}.${lang}: ${line}`);
            return { label, lang, text: line.slice(at + 1).trim(), part: p };
          }),
      ),
  );
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
function scores(tp: number, fp: number, fn: number): Scores {
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), support: tp + fn };
}

/** Precision and recall per severity (exact severity), and for "any crisis". */
export function evaluate(set: Labelled[]): Report {
  const got = set.map((s) => detect(s.text, s.lang)?.severity ?? "none");
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((sev) => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      set.forEach((s, i) => {
        if (got[i] === sev && s.label === sev) tp++;
        else if (got[i] === sev) fp++;
        else if (s.label === sev) fn++;
      });
      return [sev, scores(tp, fp, fn)];
    }),
  ) as Record<Severity, Scores>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  set.forEach((s, i) => {
    const said = got[i] !== "none";
    const is = s.label !== "none";
    if (said && is) tp++;
    else if (said) fp++;
    else if (is) fn++;
  });
  const misses = set.flatMap((s, i) =>
    got[i] === s.label
      ? []
      : [
          {
            label: s.label,
            got: got[i] as string,
            text: s.text,
            suppressedBy: explain(s.text).map((m) => `${m.rule}:${m.suppressedBy ?? "counted"}`),
          },
        ],
  );
  return { total: set.length, bySeverity, anyCrisis: scores(tp, fp, fn), misses };
}

const pct = (n: number) => n.toFixed(2);
/** A Markdown table of a report, as docs/crisis-detection.md shows it. */
export function table(report: Report) {
  const rows = [
    "| class | support | precision | recall |",
    "|---|---:|---:|---:|",
    ...SEVERITIES.map((s) => {
      const r = report.bySeverity[s];
      return `| ${s} | ${r.support} | ${pct(r.precision)} | ${pct(r.recall)} |`;
    }),
    `| any crisis | ${report.anyCrisis.support} | ${pct(report.anyCrisis.precision)} | ${pct(report.anyCrisis.recall)} |`,
  ];
  return rows.join("\n");
}
