import { describe, expect, it } from "vitest";
import {
  campaignBase,
  CAMPAIGN_VARIANTS,
  contextOf,
  makePlan,
  makeRow,
  memberText,
  opinionText,
  places,
  shareOf,
  sharedOf,
  TEMPLATE_COUNT,
  WORDS,
  type SharedContext,
} from "../../../bench/national-data.ts";
import { seeded } from "../../../bench/random.ts";
import { FLAGS, textFlags } from "~/comments/flags.ts";
import { contentHash } from "~/text/fold.ts";
import { fingerprint, foldedKey, isNearDuplicate } from "~/text/near-duplicate.ts";
import { createProfanityMatcher, STARTER_PROFANITY } from "~/text/profanity-vi.ts";

/** What the fill processes share, for a plan of two phases, without a database. */
function shared(): SharedContext {
  const target = (n: number) => ({
    consultationId: `cons${n}`,
    versionId: `ver${n}`,
    blocks: [1, 2, 3].map((k) => ({ key: `b${n}${k}`, text: "Đoạn của dự thảo.", section: k === 1 ? null : `s${n}` })),
    campaignBlock: `b${n}1`,
  });
  const phases = [30_000, 75_000];
  const plan = makePlan({ phases, big: [1_200, 3_000], seed: 18 });
  return {
    phases,
    bigs: plan.bigs,
    seed: 18,
    end: Date.UTC(2026, 11, 1),
    targets: [target(1), target(2)],
    conferences: [{ id: "conf1", consultationId: "cons1", organizationId: "org1", provinceCode: places()[0]!.code, author: "Hội nghị lần 1 – Ủy ban" }],
    actorId: "moderator",
    reasons: ["Không liên quan"],
    groupIds: plan.campaigns.map((c) => `group${c.index}`),
  };
}

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

  it("gives each phase its own big campaign when the sizes differ (the 100,000 group exists once)", () => {
    const plan = makePlan({ phases: [30_000, 75_000], big: [1_200, 3_000], seed: 18 });
    expect(plan.bigs).toEqual([1_200, 3_000]);
    expect(plan.campaigns.filter((c) => c.big).map((c) => [c.from, c.size])).toEqual([
      [0, 1_200],
      [30_000, 3_000],
    ]);
    // No other campaign reaches its phase's big one.
    for (const c of plan.campaigns.filter((c) => !c.big)) expect(c.size).toBeLessThan(c.from === 0 ? 1_200 : 3_000);
    expect(plan.campaigns.filter((c) => c.size === 3_000)).toHaveLength(1);
  });

  it("splits a range into disjoint shares of whole batches, one per fill process", () => {
    const parts = [0, 1, 2].map((part) => shareOf(1_000, 23_500, 5_000, part, 3));
    expect(parts).toEqual([[1_000, 16_000], [6_000, 21_000], [11_000]]);
    expect(shareOf(0, 10_000, 5_000)).toEqual([0, 5_000]);
  });

  it("makes the same rows in every process from what they share, texts analyzed as intake analyzes them", () => {
    const a = contextOf(shared());
    const b = contextOf(sharedOf(contextOf(shared())));
    const profanity = createProfanityMatcher(STARTER_PROFANITY);
    for (const i of [0, 1, 17, 4_999, 29_999, 30_000, 52_345, 74_999]) {
      const [x, y] = [makeRow(a, i), makeRow(b, i)];
      for (const key of ["originalText", "consultationId", "blockKey", "stance", "flags", "band0", "band3", "groupId", "createdAt", "channel"] as const)
        expect(x.row[key]).toEqual(y.row[key]);
      expect(x.decision).toBe(y.decision);
      const text = x.row.originalText;
      const near = x.member > 0 ? FLAGS.NEAR_DUPLICATE : 0;
      expect(x.row.flags).toBe(textFlags(text, profanity) | near);
      expect(x.row.contentHash).toBe(contentHash(text));
      expect([x.row.band0, x.row.band1, x.row.band2, x.row.band3]).toEqual(fingerprint(text).bands);
    }
  });

  it("lets a campaign's members share a few texts: the base and its variants, each grouped with the base", () => {
    const ctx = contextOf(shared());
    const big = ctx.plan.campaigns.find((c) => c.big && c.from === 30_000)!;
    const rows = [];
    for (let i = big.from; i < big.to; i++) if (ctx.plan.campaignOf[i] === big.index) rows.push(makeRow(ctx, i));
    expect(rows).toHaveLength(3_000);
    const base = campaignBase(ctx, big.index);
    expect(rows[0]!.row.originalText).toBe(base.variants[0]!.text);
    const texts = new Set(rows.map((m) => m.row.originalText));
    expect(texts.size).toBeGreaterThan(2);
    expect(texts.size).toBeLessThanOrEqual(CAMPAIGN_VARIANTS + 1);
    for (const text of texts) expect(foldedKey(text) === foldedKey(base.variants[0]!.text) || isNearDuplicate(text, base.variants[0]!.text)).toBe(true);
    expect(new Set(rows.map((m) => m.row.groupId))).toEqual(new Set([ctx.groupIds[big.index]]));
    expect(rows.slice(1).every((m) => (m.row.flags & FLAGS.NEAR_DUPLICATE) !== 0)).toBe(true);
    // The big campaigns stay pending: an editor decides them during the run.
    expect(rows.every((m) => m.decision === null)).toBe(true);
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
