/**
 * Measures the crisis-language detector on its labelled set and prints precision and recall per
 * severity, for each part and for all. `--misses` lists what it got wrong; `--time` measures how long
 * `detect` takes per sentence (the labelled sentences, many times over).
 *
 *   npx tsx scripts/crisis-eval.ts [--misses] [--time] [--part dev|heldout|round2|round3|blind|round4|blind4|round5|blind5|round6|train6a|train6b|blind6|round7|blind7|train8a|train8b|round8|blind8|blind9|round9]
 */
import { detect } from "../server/src/features/safety/detector/detector.ts";
import { evaluate, loadSet, PARTS, type Part, table } from "../server/src/features/safety/detector/evaluate.ts";

const args = process.argv.slice(2);
const only = args.includes("--part") ? (args[args.indexOf("--part") + 1] as Part) : undefined;
for (const part of only ? [only] : [...PARTS, undefined]) {
  const report = evaluate(loadSet(part));
  console.log(`\n## ${part ?? "all"} (${report.total} sentences)\n\n${table(report)}`);
  if (args.includes("--misses")) {
    for (const m of report.misses) console.log(`- [${m.label} → ${m.got}] ${m.text}  {${m.suppressedBy.join(", ")}}`);
  }
}

if (args.includes("--time")) {
  const set = loadSet();
  for (const s of set) detect(s.text, s.lang); // warm up
  const rounds = 200;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) for (const s of set) detect(s.text, s.lang);
  const us = Number(process.hrtime.bigint() - start) / 1000 / (rounds * set.length);
  // The same sentences with an emoji: V8 compiles a second version of each rule for two-byte strings.
  const emoji = set.map((s) => ({ ...s, text: `${s.text} ❤` }));
  const e0 = process.hrtime.bigint();
  for (let i = 0; i < rounds / 4; i++) for (const s of emoji) detect(s.text, s.lang);
  const emojiUs = Number(process.hrtime.bigint() - e0) / 1000 / ((rounds / 4) * set.length);
  const long = set.map((s) => s.text).join(" ");
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) detect(long);
  const longMs = Number(process.hrtime.bigint() - t0) / 1e6 / 20;
  console.log(`\n${us.toFixed(1)} µs per sentence (mean over ${set.length} sentences × ${rounds});`);
  console.log(`${emojiUs.toFixed(1)} µs per sentence with an emoji (two-byte text);`);
  console.log(`${longMs.toFixed(1)} ms for all ${set.length} sentences as one ${long.length}-character text.`);
}
