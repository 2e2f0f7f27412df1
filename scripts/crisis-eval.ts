/**
 * Measures the crisis-language detector on its labelled set and prints precision and recall per
 * severity, for the development part, the held-out part and both. `--misses` lists what it got wrong.
 *
 *   npx tsx scripts/crisis-eval.ts [--misses] [--part dev|heldout|round2|round3|blind]
 */
import { evaluate, loadSet, type Part, table } from "../server/src/features/safety/detector/evaluate.ts";

const args = process.argv.slice(2);
const only = args.includes("--part") ? (args[args.indexOf("--part") + 1] as Part) : undefined;
for (const part of only ? [only] : (["dev", "heldout", "round2", "round3", "blind", undefined] as const)) {
  const report = evaluate(loadSet(part));
  console.log(`\n## ${part ?? "all"} (${report.total} sentences)\n\n${table(report)}`);
  if (args.includes("--misses")) {
    for (const m of report.misses) console.log(`- [${m.label} → ${m.got}] ${m.text}  {${m.suppressedBy.join(", ")}}`);
  }
}
