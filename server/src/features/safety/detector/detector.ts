import en from "./rules.en.json" with { type: "json" };
import es from "./rules.es.json" with { type: "json" };

/**
 * A transparent crisis-language detector, kept as data (rules.<lang>.json). Each language has a
 * lexicon of named word classes — `intent` ("want to", "going to", "ready to", "voy a"), `death`
 * ("die", "end it", "check out", "quitarme la vida"), `means`, `now`, `od_sign` … — and each rule's
 * patterns combine them: `{intent} {gap2}{death}` is a phrase of the intent class, up to two other
 * words, then one of the death class. So a rule is a small grammar, not a list of whole sentences,
 * and a new way of saying the same thing is caught when its words are in the classes. Around that:
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
export type Suppression = "negated" | "past" | "hypothetical" | "topic" | "other_person" | "safe_now";
/**
 * One rule that matched. `calmedBy: "no_plan"`: a high rule whose sentence also says there is no plan,
 * nothing done or that it passed ("dark thoughts about ending it, but no plan"); it counts as the
 * rule's calmer (medium) rule, which `detection` then names.
 */
export type Match = {
  rule: string;
  severity: Severity;
  suppressedBy: Suppression | null;
  calmedBy?: "no_plan";
  /** A medium rule in a message that also says there is a plan ("…and I've made a plan"): it counts as the rule's stronger (high) rule. */
  raisedBy?: "plan";
};

type RuleFile = {
  lang: string;
  /** Named word classes (regular-expression alternations), used in patterns as `{name}`. */
  lexicon: Record<string, string>;
  rules: {
    id: string;
    category: string;
    severity: string;
    description: string;
    patterns: string[];
    /** The rule reported instead when the sentence says there is no plan or it has passed. */
    calmer?: string;
    /** The rule reported instead when the message says there is a plan. */
    stronger?: string;
  }[];
  idioms: string[];
  /** Third persons: a high suicide or self-harm phrase right after one is about someone else. */
  others: string;
  /** "no plan", "I haven't done anything", "it passed". */
  calm: string;
  /** A denial that opens the next sentence ("…ending it? I'm not going to, …") also calms. */
  calm_next?: string;
  /** "I've made a plan", "I have a date". */
  plan: string;
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
  /** The rule's patterns that stay within a sentence, as one alternation (one pass per sentence). */
  local: Alternation | null;
  /** Patterns that read on into the next sentence ({next}), as one alternation too (one pass per sentence and the next). */
  reaching: Alternation | null;
  calmer?: string;
  stronger?: string;
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
  /** Per language: Spanish "he" (I have) is not English "he". */
  others: Record<Lang, RegExp>;
  calm: RegExp;
  /** Anchored at the start of the next sentence. */
  calmNext: RegExp;
  plan: RegExp;
};

const word = (source: string, flags = "") => new RegExp(`\\b(?:${source})\\b`, flags);

/**
 * V8 stops optimising a regular expression whose source is over 20,000 characters (it then runs
 * many times slower), so a rule with many patterns is compiled as several regular expressions of
 * consecutive patterns, each below that. `exec` answers what the one joined alternation would: the
 * leftmost match and, of matches at the same place, the one of the earliest pattern. Each part's
 * next match is remembered, so reading a text through costs each part one pass.
 */
class Alternation {
  static readonly PART_SIZE = 15_000;
  lastIndex = 0;
  private readonly parts: RegExp[];
  private text = "";
  /** Per part: its first match at or after `from` (null: none). */
  private readonly next: (RegExpExecArray | null)[];
  private readonly from: number[];

  constructor(sources: string[]) {
    const groups: string[][] = [];
    let size = Number.POSITIVE_INFINITY;
    for (const source of sources) {
      if (size + source.length > Alternation.PART_SIZE) {
        groups.push([]);
        size = 0;
      }
      groups.at(-1)?.push(source);
      size += source.length + 1;
    }
    this.parts = groups.map((g) => word(g.join("|"), "g"));
    this.next = this.parts.map(() => null);
    this.from = this.parts.map(() => Number.POSITIVE_INFINITY);
  }

  exec(text: string): RegExpExecArray | null {
    if (text !== this.text) {
      this.text = text;
      this.from.fill(Number.POSITIVE_INFINITY);
    }
    let best: RegExpExecArray | null = null;
    this.parts.forEach((part, i) => {
      let m = this.next[i] ?? null;
      if (this.from[i] > this.lastIndex || (m !== null && m.index < this.lastIndex)) {
        part.lastIndex = this.lastIndex;
        m = part.exec(text);
        this.next[i] = m;
        this.from[i] = this.lastIndex;
      }
      if (m && (!best || m.index < best.index)) best = m;
    });
    return best;
  }
}

/**
 * Expands the lexicon references of a pattern: `{name}` becomes the word class `name` (which may
 * itself use other classes), `{gapN}` up to N other words (`{gap}` is `{gap3}`), never across a comma;
 * `{within}` up to 80 characters of the same sentence; `{next}` the rest of this sentence and into the
 * next one ("I bought a gun today. I know what I'm going to do with it."). Every gap is bounded, so a
 * pattern costs linear time in the text.
 */
export function expand(pattern: string, lexicon: Record<string, string>, depth = 0): string {
  if (depth > 4) throw new Error(`lexicon nests too deep: ${pattern}`);
  return pattern.replace(/\{([a-z_]+)(\d*)\}/g, (_, name: string, n: string) => {
    if (name === "gap") return `(?:[a-z0-9]+ ){0,${n || 3}}`;
    if (name === "within") return "[^|]{0,80}?";
    if (name === "next") return "[^|]{0,80}?\\| ";
    const words = lexicon[name + n];
    if (words === undefined) throw new Error(`unknown word class {${name}${n}} in: ${pattern}`);
    return `(?:${expand(words, lexicon, depth + 1)})`;
  });
}

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
        local: r.patterns.some((p) => !p.includes("{next}"))
          ? new Alternation(r.patterns.filter((p) => !p.includes("{next}")).map((p) => expand(p, f.lexicon)))
          : null,
        reaching: r.patterns.some((p) => p.includes("{next}"))
          ? new Alternation(r.patterns.filter((p) => p.includes("{next}")).map((p) => expand(p, f.lexicon)))
          : null,
        calmer: r.calmer,
        stronger: r.stronger,
      })),
    ),
    idioms: files.flatMap((f) => f.idioms.map((p) => word(expand(p, f.lexicon), "g"))),
    negation: word(alt((f) => f.negations)),
    past: word(alt((f) => f.past)),
    hypothetical: word(alt((f) => f.hypothetical)),
    reset: word(
      alt((f) => f.resets),
      "g",
    ),
    safe: word(alt((f) => f.safe)),
    others: Object.fromEntries(files.map((f) => [f.lang, word(f.others)])) as Record<Lang, RegExp>,
    calm: word(alt((f) => f.calm)),
    calmNext: new RegExp(`^(?:${alt((f) => f.calm_next ?? "(?!)")})\\b`),
    plan: word(alt((f) => f.plan)),
    topic: new RegExp(`\\b(?:${alt((f) => f.topic)})\\s*$`),
  };
}

const FILES = { en: en as RuleFile, es: es as RuleFile };
const BOTH = compile([FILES.en, FILES.es]);
const BY_ID = new Map(BOTH.rules.map((r) => [r.id, r]));
for (const r of BOTH.rules) {
  if (r.calmer && BY_ID.get(r.calmer)?.category !== r.category) throw new Error(`bad calmer for ${r.id}`);
  if (r.stronger && BY_ID.get(r.stronger)?.category !== r.category) throw new Error(`bad stronger for ${r.id}`);
}
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

/**
 * Lower case, no accents, no apostrophes (don't → dont), one space between words. The result is
 * rebuilt as one-byte (Latin-1) text when it fits: a text with an accent (NFD leaves combining marks)
 * or a curly apostrophe is two-byte text in V8, and what is left after they are removed stays
 * two-byte even when every character is now plain ASCII, so such text ran the rules' two-byte
 * versions (see the warm-up at the end), which are much slower — most of round 8's slowdown was
 * this. A text with an emoji still needs the two-byte versions.
 */
export function normalise(text: string) {
  const plain = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’‘`´']/g, "")
    .replace(/[¿¡"“”«»()*_~]/g, " ")
    .replace(/[ \t\u00a0]+/g, " ");
  return /[^\t\n\r\x20-\xff]/.test(plain) ? plain : Buffer.from(plain, "latin1").toString("latin1");
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
  const clause = before.split(/,| (?:and|y|but|pero|so|because|porque|que) /).at(-1) ?? "";
  const near = clause.trim().split(" ").slice(-5).join(" ");
  if (c.negation.test(near)) return "negated";
  // "everyone is going to die someday", "she wants to end it with him": someone else's words or fate.
  const subject = clause.trim().split(" ").slice(-2).join(" ");
  if (severity === "high" && (category === "suicide" || category === "self_harm") && c.others[rule.lang].test(subject))
    return "other_person";
  if (c.past.test(before) || c.past.test(after)) return "past";
  // A threat is conditional by nature ("he'll kill me if I scream"): "if" does not explain it away.
  if (category !== "danger" && c.hypothetical.test(before)) return "hypothetical";
  // "a chapter about wanting to die": the words name a subject, not the writer's own state.
  if (c.topic.test(sentence.slice(Math.max(0, start - CONTEXT), start))) return "topic";
  if (severity !== "high" && c.safe.test(sentence)) return "safe_now";
  return null;
}

function matchers(rule: CompiledRule, sentence: string, reach: string): [Alternation, string][] {
  const list: [Alternation, string][] = rule.local ? [[rule.local, sentence]] : [];
  if (rule.reaching) list.push([rule.reaching, reach]);
  return list;
}

/** Every rule that matched, with what (if anything) explained it away. For the evaluation and docs. */
export function explain(text: string): (Match & { detection: Detection })[] {
  // Both languages always: people mix them, and the two rule sets do not collide.
  const c = BOTH;
  let plain = normalise(dropQuotations(text));
  for (const idiom of c.idioms) plain = plain.replace(idiom, " . ");
  const found: (Match & { detection: Detection })[] = [];
  const sentences = sentencesOf(plain);
  const planned = c.plan.test(plain);
  sentences.forEach((sentence, i) => {
    // A pattern may read on into the next sentence ({next}); a match must start in this one.
    const next = sentences[i + 1];
    const reach = next === undefined ? sentence : `${sentence} | ${next}`;
    const calm = c.calm.test(sentence) || (next !== undefined && c.calmNext.test(next));
    for (const rule of c.rules) {
      // Once a rule counts in a sentence, later matches of it there add nothing: stop reading (a long
      // text of one repeated phrase stays cheap).
      let counted = false;
      for (const [pattern, text] of matchers(rule, sentence, reach)) {
        if (counted) break;
        pattern.lastIndex = 0;
        for (let m = pattern.exec(text); m && !counted; m = pattern.exec(text)) {
          const start = m.index;
          if (start >= sentence.length) break;
          // Read on from the next character, not the end of the match: a longer phrase of the
          // same rule must not hide a shorter one after it that is not explained away.
          pattern.lastIndex = start + 1;
          const calmer = calm && rule.calmer ? BY_ID.get(rule.calmer) : undefined;
          const stronger = !calm && planned && rule.stronger ? BY_ID.get(rule.stronger) : undefined;
          const reported = calmer ?? stronger ?? rule;
          const suppressedBy = suppression(sentence, start, start + m[0].length, rule, c);
          counted = suppressedBy === null;
          found.push({
            rule: rule.id,
            severity: rule.severity,
            suppressedBy,
            ...(calmer ? { calmedBy: "no_plan" as const } : {}),
            ...(stronger ? { raisedBy: "plan" as const } : {}),
            detection: {
              severity: reported.severity,
              category: reported.category,
              rule: reported.id,
              description: reported.description,
              lang: reported.lang,
            },
          });
        }
      }
    }
  });
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

// V8 runs a regular expression in its interpreter first and compiles it to machine code on the next
// use. For rules this large the interpreter's bytecode is huge (about 9 MB for all of them), and once
// a process has generated more than 1 MB of regexp code V8 stops optimising the regexps it compiles
// afterwards: most rules then ran 10–40 times slower. On a text of 1,000 characters or more V8 compiles
// straight to machine code, so each rule is warmed up here, as the module loads, on one long sentence
// that matches nothing: once as one-byte text and once as two-byte text (V8 compiles a second version
// for strings with characters beyond Latin-1, such as any emoji). It also keeps the compile pause out
// of the first messages someone sends.
const idle = "warming up the rules see you all at the meeting tonight ".repeat(20);
detect(idle);
detect(`${idle} ❤`);
