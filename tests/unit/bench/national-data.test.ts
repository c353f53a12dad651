import { describe, expect, it } from "vitest";
import { makePlan, memberText, opinionText, places, TEMPLATE_COUNT, WORDS } from "../../../bench/national-data.ts";
import { seeded } from "../../../bench/random.ts";
import { fingerprint, foldedKey, isNearDuplicate } from "~/text/near-duplicate.ts";

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe("the data of bench:national", () => {
  it("puts a third of each phase in campaigns, one big one per phase, the rest between the smallest and the big", () => {
    const plan = makePlan({ phases: [30_000, 75_000], big: 3_000, seed: 18 });
    expect(plan.min).toBe(30);
    for (const [k, to] of plan.phases.entries()) {
      const from = k === 0 ? 0 : plan.phases[k - 1]!;
      const here = plan.campaigns.filter((c) => c.from === from);
      expect(here.filter((c) => c.big).map((c) => c.size)).toEqual([3_000]);
      for (const c of here.filter((c) => !c.big)) {
        expect(c.size).toBeGreaterThanOrEqual(30);
        expect(c.size).toBeLessThan(3_000);
      }
      const members = here.reduce((n, c) => n + c.size, 0);
      expect(members).toBeLessThanOrEqual(Math.floor((to - from) / 3));
      expect(members).toBeGreaterThan(Math.floor((to - from) / 3) - 30);
      // Every member sits in its own phase, member numbers in row order.
      let counted = 0;
      for (let i = from; i < to; i++) {
        if (plan.campaignOf[i]! < 0) continue;
        counted++;
        expect(plan.campaigns[plan.campaignOf[i]!]!.from).toBe(from);
      }
      expect(counted).toBe(members);
    }
    const firstOfBig = plan.campaignOf.indexOf(0);
    expect(plan.memberOf[firstOfBig]).toBe(0);
    expect(plan.memberOf[plan.campaignOf.lastIndexOf(0)]).toBe(2_999);
  });

  it("makes distinct opinions of 20–400 words from every template", () => {
    const random = seeded(7);
    const texts = Array.from({ length: 2_000 }, () => opinionText(random));
    expect(new Set(texts.map((t) => t.template)).size).toBe(TEMPLATE_COUNT);
    for (const { text } of texts) {
      expect(words(text)).toBeGreaterThanOrEqual(WORDS.min);
      expect(words(text)).toBeLessThanOrEqual(WORDS.max + 1);
    }
    expect(new Set(texts.map((t) => t.text)).size).toBeGreaterThan(1_990);
    expect(texts.some((t) => words(t.text) > 200)).toBe(true);
  });

  it("re-sends a campaign's text as near-duplicates intake groups", () => {
    const random = seeded(3);
    const { text } = opinionText(random);
    const base = { text, print: fingerprint(text) };
    const members = Array.from({ length: 300 }, (_, m) => memberText(base, m, random));
    expect(members[0]).toBe(text);
    for (const member of members) expect(foldedKey(member) === foldedKey(text) || isNearDuplicate(member, text)).toBe(true);
    expect(new Set(members).size).toBeGreaterThan(5);
  });

  it("spreads opinions over the 34 provinces and their communes", () => {
    const list = places();
    expect(list).toHaveLength(34);
    for (const p of list) expect(p.communes.length).toBeGreaterThan(0);
  });
});
