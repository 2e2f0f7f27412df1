import { describe, expect, it } from "vitest";
import { detect, expand, explain, RULES } from "./detector.ts";
import { evaluate, loadSet, PARTS } from "./evaluate.ts";

/**
 * Parts that have not been used to tune the rules: measured, not fitted. blind8 and blind9, each by a
 * writer who never saw the detector, written before round 8 and measured once on the round-8 rules
 * (daec3db). blind4 (measured blind on 766a02b), blind5 (on 3a37d6f), round6, train6a and train6b (on
 * 0a369f6), blind6 (on 7f7cf94), round7 (on a1ef1c6), blind7 (on 095346b) and train8a, train8b (on
 * 9ae706a) have since been used to tune (docs/crisis-detection.md). round9 (fresh paraphrases of
 * blind8's missed classes) was measured on the round-8 rules before any round-9 rule change and has
 * not been used to tune yet: it joins the target once a round tunes on it.
 */
const BLIND: readonly string[] = ["blind8", "blind9", "round9"];

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

  it("combines word classes, so a phrasing no rule spells out is still caught", () => {
    // intent + death, means + readiness, goodbye + finality, overdose signs, danger from someone.
    expect(detect("I have finally decided to check out this weekend.")?.rule).toBe("en.suicide.intent");
    expect(detect("The rope is tied in the shed.")?.rule).toBe("en.suicide.plan");
    expect(detect("Goodbye world, please forgive me.")?.rule).toBe("en.suicide.plan");
    expect(detect("Her lips look purple and she won't respond.")?.severity).toBe("high");
    expect(detect("Mi novio tiene un machete y está gritando.", "es")?.rule).toBe("es.danger.now");
    // …and ordinary sentences with the same words are not.
    expect(detect("I'm going to end things with my boyfriend tonight.")).toBeNull();
    expect(detect("I'm checking out of the hotel tomorrow before the meeting.")).toBeNull();
    expect(detect("Goodbye everyone, off to rehab for 30 days, love you all!")).toBeNull();
  });

  it("reads a denial that opens the next sentence as no plan", () => {
    expect(
      detect("Is it normal that I keep thinking about ending it? I'm not going to, it just won't leave.")?.severity,
    ).toBe("medium");
    expect(detect("I keep thinking about ending it. Tonight.")?.severity).toBe("high");
  });

  it("reads signs, situations and goodbye acts, not only the words for them", () => {
    expect(detect("Day two off the booze and there are ants crawling on the ceiling")?.rule).toBe("en.medical.danger");
    expect(detect("my lips are going grey and I took all of it")?.severity).toBe("high");
    expect(detect("hiding in the bathroom, my husband is drunk and has a bat")?.rule).toBe("en.danger.now");
    expect(detect("hid in the closet during hide and seek with my niece")).toBeNull();
    expect(detect("This is my last check-in before my trip, see you in May")).toBeNull();
    expect(detect("Me voy de puente a la playa con mis primos", "es")).toBeNull();
  });

  it("reads a plan, or its absence, and whose words they are", () => {
    // A passive wish in a message that also says there is a plan counts as high.
    const planned = explain("I don't want to be alive tomorrow and I've made a plan.").find((m) => m.raisedBy);
    expect(planned?.detection).toMatchObject({ severity: "high", rule: "en.suicide.plan" });
    // A high phrase in a sentence that says there is no plan counts as medium.
    expect(detect("I've been having dark thoughts about ending it, but no plan.")?.severity).toBe("medium");
    expect(explain("Everyone is going to die someday.").every((m) => m.suppressedBy === "other_person")).toBe(true);
    // A pattern may read on into the next sentence ({next}).
    expect(detect("I bought a gun today. I know what I'm going to do.")?.severity).toBe("high");
  });

  it("refuses a pattern that names a word class the lexicon does not have", () => {
    expect(() => expand("{intnet} {gap2}{death}", { death: "die" })).toThrow(/intnet/);
    expect(expand("{a} {gap2}b", { a: "x|{c}", c: "y" })).toBe("(?:x|(?:y)) (?:[a-z0-9]+ ){0,2}b");
  });

  it("reads a large rule split in parts as one alternation, and the words of two sentences", () => {
    // en.suicide.plan is compiled in several parts (detector.ts, Alternation); its early and late
    // patterns both count, in one sentence or across two.
    expect(detect("Goodbye world, please forgive me.")?.rule).toBe("en.suicide.plan");
    expect(detect("the rope is already up in the garage")?.rule).toBe("en.suicide.plan");
    expect(detect("im parked at the bridge. nobody needs to come.")?.rule).toBe("en.suicide.plan");
    expect(detect("I'm parked at the lake for a picnic with the kids.")).toBeNull();
  });

  it("lets the ordinary use of round 6's words pass", () => {
    for (const text of [
      "cleaning the bathroom with bleach today",
      "my son got out of jail and is doing great",
      "I'm going to pick up my kids alone after the meeting",
      "wrote a goodbye letter to alcohol for my counselor",
      "laughing so hard I can't breathe at the memes",
      "Compré una soga hoy para el columpio.",
      "limpié con cloro y luego fui a tomar un café",
    ])
      expect(detect(text), text).toBeNull();
  });

  it("stays linear on a long hostile text", () => {
    const started = performance.now();
    detect("i want to die and i dont want to die, goodbye everyone im sorry. ".repeat(300));
    expect(performance.now() - started).toBeLessThan(2000);
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

  it("meets the target on every part used to tune: high recall ≥ 0.95, precision ≥ 0.8", () => {
    for (const part of PARTS.filter((p) => !BLIND.includes(p))) {
      const report = evaluate(loadSet(part));
      expect(report.bySeverity.high.recall, part).toBeGreaterThanOrEqual(0.95);
      expect(report.bySeverity.high.precision, part).toBeGreaterThanOrEqual(0.8);
      expect(report.anyCrisis.precision, part).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("does no worse on the old blind part than when it was first measured", () => {
    // Blind when it was written (high recall 0.48 there); since the compositional rules it is used to
    // tune, so this is a floor, not a measure. The measure is a new blind set (docs/crisis-detection.md).
    const report = evaluate(loadSet("blind"));
    expect(report.bySeverity.high.recall).toBeGreaterThanOrEqual(0.48);
    expect(report.anyCrisis.precision).toBeGreaterThanOrEqual(0.8);
  });

  it("does no worse on the once-independent blind part (blind4) than when it was measured", () => {
    // Written by a writer who never saw the detector; measured once, blind, on the rules of 766a02b:
    // high precision 0.88, recall 0.50; any crisis precision 0.95 (docs/crisis-detection.md). Since
    // round 5 it is used to tune, so this is a floor, not a measure.
    const report = evaluate(loadSet("blind4"));
    expect(report.bySeverity.high.recall).toBeGreaterThanOrEqual(0.5);
    expect(report.bySeverity.high.precision).toBeGreaterThanOrEqual(0.85);
    expect(report.anyCrisis.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("does no worse on the once-independent blind part (blind5) than when it was measured", () => {
    // Written by a writer who never saw the detector, blind4 or round5; measured once on the round-5
    // rules (3a37d6f): high precision 0.88, recall 0.60; any crisis precision 0.95. Since round 6 it is
    // used to tune, so this is a floor, not a measure.
    const report = evaluate(loadSet("blind5"));
    expect(report.bySeverity.high.recall).toBeGreaterThanOrEqual(0.6);
    expect(report.bySeverity.high.precision).toBeGreaterThanOrEqual(0.85);
    expect(report.anyCrisis.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("does no worse on the once-independent blind part (blind6) than when it was measured", () => {
    // Written by a writer who never saw the detector or any other part; measured once on the round-6
    // rules (7f7cf94): high precision 0.91, recall 0.64 (49 of 77); any crisis precision 0.95. Since
    // round 7 it is used to tune, so this is a floor, not a measure.
    const report = evaluate(loadSet("blind6"));
    expect(report.bySeverity.high.recall).toBeGreaterThanOrEqual(49 / 77);
    expect(report.bySeverity.high.precision).toBeGreaterThanOrEqual(0.85);
    expect(report.anyCrisis.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("does no worse on the once-independent blind part (blind7) than when it was measured", () => {
    // Written by a writer who never saw the detector or any other part; measured once on the round-7
    // rules (095346b): high precision 0.97, recall 0.74 (57 of 77); any crisis precision 0.97. Since
    // round 8 it is used to tune, so this is a floor, not a measure.
    const report = evaluate(loadSet("blind7"));
    expect(report.bySeverity.high.recall).toBeGreaterThanOrEqual(57 / 77);
    expect(report.bySeverity.high.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.anyCrisis.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("does no worse on the independent blind parts (blind8, blind9) than when they were measured", () => {
    // Each written by a writer who never saw the detector or any other part, before round 8; measured
    // once on the round-8 rules (daec3db): blind8 high precision 0.96, recall 0.64 (49 of 77); blind9
    // high precision 0.91, recall 0.77 (59 of 77). Not used to tune: these floors only catch a change
    // that loses what the rules already found there.
    for (const [part, found] of [
      ["blind8", 49],
      ["blind9", 59],
    ] as const) {
      const report = evaluate(loadSet(part));
      expect(report.bySeverity.high.recall, part).toBeGreaterThanOrEqual(found / 77);
      expect(report.bySeverity.high.precision, part).toBeGreaterThanOrEqual(0.9);
      expect(report.anyCrisis.precision, part).toBeGreaterThanOrEqual(0.9);
    }
  });
});
