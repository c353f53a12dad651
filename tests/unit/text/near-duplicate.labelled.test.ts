import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fingerprint, isNearDuplicate } from "~/text/near-duplicate.ts";
import { shareBand } from "./measure.ts";

// The labelled set of tests/fixtures/near-duplicates (ADR 041): real paragraphs of the 2013
// Constitution, each with its variants (same group) and distinct comments on the same article (never
// in its group). Grouped here as the app groups them once every comment is settled: two comments are
// linked when they share a band (the lookup finds one from the other) and are confirmed near-duplicates,
// and groups are what the links connect. bench:quality measures the same set through submitComment.

interface LabelledCase {
  source: string;
  base: string;
  variants: { kind: string; text: string }[];
  distinct: { kind: string; text: string }[];
}

const cases = JSON.parse(readFileSync(new URL("../../fixtures/near-duplicates/variants.json", import.meta.url), "utf8")) as LabelledCase[];

/** For each case, the group (a representative index) of every item: base, then variants, then distinct ones. */
function groupsOf(texts: string[]): number[] {
  const prints = texts.map(fingerprint);
  const parent = texts.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) if (shareBand(prints[i]!, prints[j]!) && isNearDuplicate(prints[i]!, prints[j]!)) parent[root(i)] = root(j);
  return texts.map((_, i) => root(i));
}

describe("the labelled near-duplicate set", () => {
  const missed: string[] = [];
  const falselyGrouped: string[] = [];
  let variants = 0;
  let distinct = 0;
  for (const c of cases) {
    const groups = groupsOf([c.base, ...c.variants.map((v) => v.text), ...c.distinct.map((d) => d.text)]);
    c.variants.forEach((v, i) => {
      variants++;
      if (groups[1 + i] !== groups[0]) missed.push(`${v.kind}: ${v.text}`);
    });
    c.distinct.forEach((d, i) => {
      distinct++;
      if (groups[1 + c.variants.length + i] === groups[0]) falselyGrouped.push(`${d.kind}: ${d.text}`);
    });
  }

  it("has a few hundred variants of every kind asked for, and distinct comments", () => {
    expect(variants).toBeGreaterThanOrEqual(800);
    expect(distinct).toBeGreaterThanOrEqual(130);
    const kinds = new Set(cases.flatMap((c) => c.variants.map((v) => v.kind)));
    for (const kind of ["one-word-replaced", "one-word-deleted", "one-word-inserted", "punctuation", "case", "nfd", "word-without-diacritics", "abbreviation"])
      expect(kinds).toContain(kind);
    expect(new Set(cases.flatMap((c) => c.distinct.map((d) => d.kind)))).toEqual(new Set(["same-article", "negation"]));
  });

  it("groups at least 99% of the variants with their base (measured 99.06%: 8 of 849 missed, all by the band lookup)", () => {
    expect(1 - missed.length / variants, missed.join("\n")).toBeGreaterThanOrEqual(0.99);
  });

  it("groups no distinct comment with the base", () => {
    expect(falselyGrouped).toEqual([]);
  });
});
