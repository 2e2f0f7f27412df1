import { describe, expect, it } from "vitest";
import { detect, explain, RULES } from "./detector.ts";
import { evaluate, loadSet } from "./evaluate.ts";

describe("crisis-language detector", () => {
  it("flags intent, overdose and danger as high, with the rule that matched", () => {
    expect(detect("I want to die. I'm so tired of fighting this.")).toMatchObject({
      severity: "high",
      category: "suicide",
      rule: "en.suicide.intent",
    });
    expect(detect("My roommate is not breathing and his lips are turning blue")?.category).toBe("overdose");
    expect(detect("Me está pegando otra vez y me encerré en el baño", "es")).toMatchObject({
      severity: "high",
      category: "danger",
      lang: "es",
    });
  });

  it("lets idioms, negation, recovered framing and quotations pass", () => {
    expect(detect("That meeting killed me, I laughed so hard.")).toBeNull();
    expect(detect("I used to want to die, and today I'm 90 days sober.")).toBeNull();
    expect(detect("I would never kill myself, I have too much to live for now.")).toBeNull();
    expect(detect('She said "I want to die" in her share, and the whole room held her.')).toBeNull();
    expect(detect("> I want to die\n\nThank you for sharing this, I felt the same at 30 days.")).toBeNull();
    expect(detect("Esa reunión me mató de risa.")).toBeNull();
  });

  it("tells why a match was set aside", () => {
    const [match] = explain("Three years ago I tried to kill myself.");
    expect(match).toMatchObject({ rule: "en.suicide.intent", suppressedBy: "past" });
    expect(explain("I'm not going to hurt myself, promise.")[0]?.suppressedBy).toBe("negated");
  });

  it("returns only what the rule says, never the text", () => {
    const found = detect("I'm going to kill myself tonight");
    expect(Object.keys(found ?? {}).sort()).toEqual(["category", "description", "lang", "rule", "severity"]);
    expect(JSON.stringify(found)).not.toContain("tonight");
    expect(RULES.every((r) => /^(en|es)\.[a-z_]+\.[a-z]+$/.test(r.id))).toBe(true);
  });
});

describe("evaluation on the labelled set (docs/crisis-detection.md)", () => {
  it("has at least 300 sentences in both languages", () => {
    const set = loadSet();
    expect(set.length).toBeGreaterThanOrEqual(300);
    expect(set.filter((s) => s.lang === "es").length).toBeGreaterThan(100);
  });

  it("meets the target on the parts the rules were written against: high recall ≥ 0.95, precision ≥ 0.8", () => {
    for (const part of ["dev", "heldout", "round2", "round3"] as const) {
      const high = evaluate(loadSet(part)).bySeverity.high;
      expect(high.recall, part).toBeGreaterThanOrEqual(0.95);
      expect(high.precision, part).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("does no worse on the blind part than when it was first measured", () => {
    // Blind: written after the rules were frozen and never used to tune them. Far below target;
    // the docs say so. This only guards against a change that makes it worse.
    const report = evaluate(loadSet("blind"));
    expect(report.bySeverity.high.recall).toBeGreaterThanOrEqual(0.47);
    expect(report.anyCrisis.precision).toBeGreaterThanOrEqual(0.8);
  });
});
