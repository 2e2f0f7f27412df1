import en from "./rules.en.json" with { type: "json" };
import es from "./rules.es.json" with { type: "json" };

/**
 * A transparent crisis-language detector: phrase patterns kept as data (rules.<lang>.json), with
 * negation, distant-past ("I used to…", "years ago"), hypothetical ("if I ever…"), idiom ("that
 * meeting killed me") and quotation handling. Pure: no I/O, it never stores or logs the text; it
 * returns only which rule matched, so a person can see why.
 */

export const SEVERITIES = ["high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Category = "suicide" | "self_harm" | "overdose" | "danger" | "distress";
export type Lang = "en" | "es";

/** Why a text was flagged: the strongest rule that matched and was not explained away. */
export type Detection = { severity: Severity; category: Category; rule: string; description: string; lang: Lang };

/** Why a match did not count. */
export type Suppression = "negated" | "past" | "hypothetical" | "topic" | "safe_now";
export type Match = { rule: string; severity: Severity; suppressedBy: Suppression | null };

type RuleFile = {
  lang: string;
  rules: { id: string; category: string; severity: string; description: string; patterns: string[] }[];
  idioms: string[];
  negations: string;
  past: string;
  hypothetical: string;
  resets: string;
  safe: string;
  topic: string;
};

type CompiledRule = {
  id: string;
  category: Category;
  severity: Severity;
  description: string;
  lang: Lang;
  patterns: RegExp[];
};
type Compiled = {
  rules: CompiledRule[];
  idioms: RegExp[];
  negation: RegExp;
  past: RegExp;
  hypothetical: RegExp;
  reset: RegExp;
  safe: RegExp;
  topic: RegExp;
};

const word = (source: string, flags = "") => new RegExp(`\\b(?:${source})\\b`, flags);

function compile(files: RuleFile[]): Compiled {
  const alt = (pick: (f: RuleFile) => string) => files.map((f) => `(?:${pick(f)})`).join("|");
  return {
    rules: files.flatMap((f) =>
      f.rules.map((r) => ({
        id: r.id,
        category: r.category as Category,
        severity: r.severity as Severity,
        description: r.description,
        lang: f.lang as Lang,
        patterns: r.patterns.map((p) => word(p, "g")),
      })),
    ),
    idioms: files.flatMap((f) => f.idioms.map((p) => word(p, "g"))),
    negation: word(alt((f) => f.negations)),
    past: word(alt((f) => f.past)),
    hypothetical: word(alt((f) => f.hypothetical)),
    reset: word(
      alt((f) => f.resets),
      "g",
    ),
    safe: word(alt((f) => f.safe)),
    topic: new RegExp(`\\b(?:${alt((f) => f.topic)})\\s*$`),
  };
}

const FILES = { en: en as RuleFile, es: es as RuleFile };
const BOTH = compile([FILES.en, FILES.es]);
const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
/** Characters read on each side of a phrase for negation, past, hypothetical and topic. */
const CONTEXT = 300;

/** Quoted speech and quoted posts are someone else's words: they are set aside before matching. */
function dropQuotations(text: string) {
  return text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith(">"))
    .join("\n")
    .replace(/"[^"\n]{0,400}"|“[^”]{0,400}”|«[^»]{0,400}»|„[^“”]{0,400}[“”]/g, " . ");
}

/** Lower case, no accents, no apostrophes (don't → dont), one space between words. */
export function normalise(text: string) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’‘`´']/g, "")
    .replace(/[¿¡"“”«»()*_~]/g, " ")
    .replace(/[ \t\u00a0]+/g, " ");
}

function sentencesOf(text: string) {
  return text
    .split(/[.!?;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The part of `before` after the last word that turns to the present ("but", "today", "pero", "hoy"). */
function sinceLastReset(before: string, reset: RegExp) {
  let cut = 0;
  for (const m of before.matchAll(reset)) cut = (m.index ?? 0) + m[0].length;
  return before.slice(cut);
}

function suppression(sentence: string, start: number, end: number, rule: CompiledRule, c: Compiled) {
  const { severity, category } = rule;
  // Context is read within a window around the phrase: enough for any clause, and it keeps a long
  // hostile text (the screen route is open to everyone) linear in its length.
  const before = sinceLastReset(sentence.slice(Math.max(0, start - CONTEXT), start), c.reset);
  const after = sentence.slice(end, end + CONTEXT).split(/,|\b(?:and|y|but|pero|now|ahora|today|hoy)\b/)[0] ?? "";
  // Negation binds to the few words just before the phrase, within its clause.
  const clause = before.split(",").at(-1) ?? "";
  const near = clause.trim().split(" ").slice(-4).join(" ");
  if (c.negation.test(near)) return "negated";
  if (c.past.test(before) || c.past.test(after)) return "past";
  // A threat is conditional by nature ("he'll kill me if I scream"): "if" does not explain it away.
  if (category !== "danger" && c.hypothetical.test(before)) return "hypothetical";
  // "a chapter about wanting to die": the words name a subject, not the writer's own state.
  if (c.topic.test(sentence.slice(Math.max(0, start - CONTEXT), start))) return "topic";
  if (severity !== "high" && c.safe.test(sentence)) return "safe_now";
  return null;
}

/** Every rule that matched, with what (if anything) explained it away. For the evaluation and docs. */
export function explain(text: string): (Match & { detection: Detection })[] {
  // Both languages always: people mix them, and the two rule sets do not collide.
  const c = BOTH;
  let plain = normalise(dropQuotations(text));
  for (const idiom of c.idioms) plain = plain.replace(idiom, " . ");
  const found: (Match & { detection: Detection })[] = [];
  for (const sentence of sentencesOf(plain)) {
    for (const rule of c.rules) {
      for (const pattern of rule.patterns) {
        for (const m of sentence.matchAll(pattern)) {
          const start = m.index ?? 0;
          found.push({
            rule: rule.id,
            severity: rule.severity,
            suppressedBy: suppression(sentence, start, start + m[0].length, rule, c),
            detection: {
              severity: rule.severity,
              category: rule.category,
              rule: rule.id,
              description: rule.description,
              lang: rule.lang,
            },
          });
        }
      }
    }
  }
  return found;
}

/** The strongest crisis signal in a text, or null. Never stores or logs the text. */
export function detect(text: string, lang?: Lang): Detection | null {
  let best: Detection | null = null;
  for (const m of explain(text)) {
    if (m.suppressedBy) continue;
    const better = !best || RANK[m.detection.severity] > RANK[best.severity];
    // On a tie, a rule of the language the author writes in explains it best.
    const sameRankPreferred = best && RANK[m.detection.severity] === RANK[best.severity] && m.detection.lang === lang;
    if (better || (sameRankPreferred && best?.lang !== lang)) best = m.detection;
  }
  return best;
}

/** Every rule, for the docs and for responders who want to know what a rule id means. */
export const RULES = BOTH.rules.map((r) => ({
  id: r.id,
  category: r.category,
  severity: r.severity,
  description: r.description,
  lang: r.lang,
}));
