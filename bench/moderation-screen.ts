// Part of bench:moderation, run with tsx against the big database (DATABASE_URL): what duplicate
// detection adds to a comment submission. For each of `count` new comments (10% identical to a stored
// one, 10% nearly identical, the rest new) it times screenComment as a submission calls it (flags,
// MinHash, the band lookup with the author's resubmission check in the same query, the group
// decision), then, as the reference, the rest of the submission's database work: the insert (captcha
// use, group steps, the row, the outbox row).
// Prints one JSON line.
import { randomBytes } from "node:crypto";
import { contentHash } from "~/text/fold.ts";
import { insertComment } from "~/comments/comment-store.server.ts";
import { flushGroupCounts } from "~/comments/group-counts.server.ts";
import { screenComment } from "~/comments/intake.server.ts";
import { FLAGS } from "~/comments/flags.ts";
import { createDb } from "~/platform/db.server.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import { chooseBlock, chooseStance, chooseTarget, readTargets } from "./moderation-data.ts";
import { CAMPAIGN_TEXT, commentText, variantOf } from "./moderation-texts.ts";
import { pick, seeded } from "./random.ts";

interface Probe {
  kind: "identical" | "near" | "new";
  consultationId: string;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  versionId: string;
  blockKey: string | null;
  section: string | null;
  text: string;
}

const {
  count = 2000,
  warmup = 100,
  seed = 7,
  seconds = 90,
} = JSON.parse(process.argv[2] ?? "{}") as { count?: number; warmup?: number; seed?: number; seconds?: number };
const db = createDb();
const sql = createSqlDriver();
const random = seeded(seed);

const targets = await readTargets(sql);
const total = count + warmup;
type Stored = { consultationId: string; stance: Probe["stance"]; versionId: string; blockKey: string | null; sectionKey: string | null };
const stored = await sql.all<Stored & { originalText: string }>(
  `SELECT "consultationId", "stance", "versionId", "blockKey", "sectionKey", "originalText" FROM "Comment" ORDER BY random() LIMIT ?`,
  [Math.ceil(total * 0.2)],
);
const campaign = await sql.all<Stored>(
  `SELECT "consultationId", "stance", "versionId", "blockKey", "sectionKey" FROM "Comment" WHERE "originalText" = ? LIMIT 1`,
  [CAMPAIGN_TEXT],
);
const probes: Probe[] = [];
for (let i = 0; i < total; i++) {
  const r = random();
  if (r < 0.2 && stored.length) {
    // One in ten of the copies is of the 10,000-member campaign (its band lookup finds thousands).
    const source = random() < 0.1 && campaign[0] ? { ...campaign[0], originalText: CAMPAIGN_TEXT } : pick(random, stored);
    const text = r < 0.1 ? source.originalText : variantOf(source.originalText, random).text;
    probes.push({
      kind: r < 0.1 ? "identical" : "near",
      consultationId: source.consultationId,
      stance: source.stance,
      versionId: source.versionId,
      blockKey: source.blockKey,
      section: source.sectionKey,
      text,
    });
  } else {
    const target = chooseTarget(random, targets);
    const block = random() < 0.08 ? null : chooseBlock(random, target);
    const stance = chooseStance(random);
    probes.push({
      kind: "new",
      consultationId: target.consultationId,
      stance,
      versionId: target.versionId,
      blockKey: block?.key ?? null,
      section: block?.section ?? null,
      text: commentText(random).text,
    });
  }
}

const timings = { screen: [] as number[], rest: [] as number[] };
const grouped = { identical: [0, 0], near: [0, 0], new: [0, 0] } as Record<Probe["kind"], [number, number]>;
const now = new Date();
// A time budget, so that a slow database cannot stretch the run: the figures then cover fewer comments.
const deadline = Date.now() + seconds * 1000;
for (const [i, probe] of probes.entries()) {
  if (Date.now() > deadline) break;
  const hash = contentHash(probe.text);
  const email = `sang-loc-${i}@example.vn`;
  let t = performance.now();
  const screening = await screenComment(
    db,
    sql,
    { consultationId: probe.consultationId, blockKey: probe.blockKey, stance: probe.stance, text: probe.text, burst: false },
    now,
    { contentHash: hash, email, phone: null },
  );
  const screenMs = performance.now() - t;
  t = performance.now();
  const inserted = await insertComment(
    sql,
    {
      consultationId: probe.consultationId,
      versionId: probe.versionId,
      blockKey: probe.blockKey,
      quote: null,
      quoteStart: null,
      quoteEnd: null,
      stance: probe.stance,
      originalText: probe.text,
      authorName: "Người Sàng Lọc Thử",
      authorEmail: email,
      authorPhone: null,
      provinceCode: "01",
      communeCode: null,
      occupation: null,
      ageGroup: null,
      onBehalfOf: null,
      contentHash: hash,
      diacriticsConfirmed: false,
      sourceHash: null,
      receiptToken: randomBytes(24).toString("base64url"),
      createdAt: now,
      sectionKey: probe.section,
      flags: screening.flags,
      bands: screening.bands,
      groupId: screening.groupId,
    },
    { signature: randomBytes(32).toString("base64url"), expiresAt: new Date(now.getTime() + 3_600_000) },
    screening.steps,
  );
  const restMs = performance.now() - t;
  if (!inserted) throw new Error(`probe ${i} was not inserted`);
  if (i < warmup) continue;
  timings.screen.push(screenMs);
  timings.rest.push(restMs);
  grouped[probe.kind][1]++;
  if (screening.flags & FLAGS.NEAR_DUPLICATE) grouped[probe.kind][0]++;
}

const percentile = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2));
};
const summary = (list: number[]) => ({
  p50_ms: percentile(list, 0.5),
  p95_ms: percentile(list, 0.95),
  p99_ms: percentile(list, 0.99),
  max_ms: percentile(list, 1),
});
const screen = summary(timings.screen);
const rest = summary(timings.rest);
console.log(
  JSON.stringify({
    comments: timings.screen.length,
    stopped_by_time_budget: timings.screen.length < count,
    screen,
    rest_of_submission: rest,
    p95_vs_rest: Number((screen.p95_ms / rest.p95_ms).toFixed(2)),
    grouped: Object.fromEntries(Object.entries(grouped).map(([kind, [n, of]]) => [kind, `${n}/${of}`])),
  }),
);
await flushGroupCounts(sql); // the groups the probes joined, before the connection closes
await sql.close();
await db.$disconnect();
