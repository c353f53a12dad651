// Data of bench:moderation, run by bench/moderation.js with tsx: `tsx bench/moderation-data.ts <json>`,
// DATABASE_URL set. Three steps, so that the comments can be made by several processes at once:
//   setup   staff accounts (a moderator, an editor), the DuplicateGroup rows, and (for the load only)
//           the Comment table's secondary indexes dropped; prints their definitions
//   rows    makes rows part, part + parts, … of the plan and inserts them (PostgreSQL: INSERT … SELECT
//           FROM unnest(arrays), 5,000 rows a statement; SQLite: one prepared statement, 5,000 a transaction)
//   finish  indexes created again, group counters computed from their members, statistics; checks
// The plan (which row belongs to which group, its time, target, text) depends only on the seed and the
// row's number, so every process computes the same plan and makes only its own rows.
import { AGE_GROUPS, OCCUPATIONS } from "~/vocabulary/vocabulary.ts";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import type { NewComment } from "~/comments/comment-store.server.ts";
import { contentHash, foldVietnamese } from "~/text/fold.ts";
import { looksWithoutDiacritics } from "~/text/diacritics.ts";
import { DEMO_SLUGS } from "~/demo/consultations.server.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";
import { isHeadingKind } from "~/consultations/document/kinds.ts";
import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import { FLAGS, hasLink, isAllCaps, isVeryShort, textFlags } from "~/comments/flags.ts";
import { fingerprint, foldedKey, isNearDuplicate, type Fingerprint } from "~/text/near-duplicate.ts";
import { createProfanityMatcher, STARTER_PROFANITY } from "~/text/profanity-vi.ts";
import { createDb } from "~/platform/db.server.ts";
import { configuredDatabase } from "~/platform/config.server.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { hashPassword } from "~/staff/passwords.server.ts";
import { authorName, CAMPAIGN_TEXT, commentText, onBehalfOf, variantOf } from "./moderation-texts.ts";
import { pick, rowSeed, seeded, type Random } from "./random.ts";

const STAFF = {
  moderator: { email: "kiem-duyet@bench.vn", name: "Kiểm Duyệt Viên Thử", role: "MODERATOR" },
  editor: { email: "bien-tap@bench.vn", name: "Biên Tập Viên Thử", role: "EDITOR" },
} as const;
const STAFF_PASSWORD = "mat-khau-tai-thu-2026";

const DAY = 86_400_000;
/** Shares of decided comments (the queue's status filter must find some). */
const APPROVED_SHARE = 0.03;
const REJECTED_SHARE = 0.01;
/** Small near-duplicate groups per comment, and the share of comments sent in a burst. */
const SMALL_GROUPS_PER_ROW = 0.003;
const BURST_SHARE = 0.015;
const CHUNK = 5_000;
/** Latin letters with diacritics (Latin-1 Supplement to Latin Extended Additional): a text without any was typed without marks. */
const VIETNAMESE_LETTER = /[\u00C0-\u1EF9]/;

export interface Options {
  mode: "setup" | "rows" | "finish";
  /** Comments in all, pending or decided. */
  total: number;
  big: number;
  seed: number;
  /** End of the 10-day span (ms); fixed by the orchestrator so every process agrees. */
  now: number;
  part?: number;
  parts?: number;
  indexes?: string[];
}

export interface Target {
  consultationId: string;
  versionId: string;
  blocks: { key: string; text: string; section: string | null }[];
  /** The paragraph the campaign (CAMPAIGN_TEXT, the big group) is about. */
  campaignBlock: string;
}

export async function readTargets(sql: SqlDriver): Promise<Target[]> {
  const consultations = await sql.all<{ id: string; slug: string; publishedVersionId: string }>(
    `SELECT "id", "slug", "publishedVersionId" FROM "Consultation" WHERE "publishedVersionId" IS NOT NULL ORDER BY "slug"`,
    [],
  );
  const targets: Target[] = [];
  for (const c of consultations) {
    const rows = await sql.all<{ key: string; kind: string; level: number; text: string }>(
      `SELECT "key", "kind", "level", "text" FROM "Block" WHERE "versionId" = ? ORDER BY "position"`,
      [c.publishedVersionId],
    );
    const sections = sectionOfBlocks(rows);
    // People comment on articles and on body text, not on part or chapter titles.
    const blocks = rows
      .filter((b) => !isHeadingKind(b.kind) || b.kind === "article")
      .map((b) => ({ key: b.key, text: b.text, section: sections.get(b.key) ?? null }));
    const campaign = blocks.find((b) => b.text.includes("đường tỉnh 715")) ?? blocks[0]!;
    // The political report first: most comments, and the campaign, are on it.
    targets[c.slug === DEMO_SLUGS.report ? "unshift" : "push"]({ consultationId: c.id, versionId: c.publishedVersionId, blocks, campaignBlock: campaign.key });
  }
  return targets;
}

/** A UUID-shaped id that depends only on the seed and n. */
function stableId(seed: number, n: number, salt: number): string {
  const hex = [0, 1, 2, 3]
    .map((k) =>
      rowSeed(seed, n, salt * 8 + k)
        .toString(16)
        .padStart(8, "0"),
    )
    .join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Plan {
  /** Group number of each row, -1 for none; 0 is the big group. */
  groupOf: Int32Array;
  memberOf: Int32Array;
  groups: { id: string; size: number }[];
}

/** Which rows are members of which near-duplicate group, in time order (row number = time order). */
function makePlan({ total, big, seed }: Options): Plan {
  const groupOf = new Int32Array(total).fill(-1);
  const memberOf = new Int32Array(total);
  const groups: Plan["groups"] = [];
  const place = (g: number, at: number) => {
    let i = ((at % total) + total) % total;
    while (groupOf[i] !== -1) i = (i + 1) % total;
    groupOf[i] = g;
  };
  // The big group: spread evenly over the ten days (a campaign that goes on).
  const stride = Math.max(1, Math.floor(total / big));
  groups.push({ id: stableId(seed, 0, 7), size: big });
  for (let k = 0; k < big; k++) place(0, Math.floor(stride / 2) + k * stride);
  const small = Math.round(total * SMALL_GROUPS_PER_ROW);
  for (let g = 1; g <= small; g++) {
    const random = seeded(rowSeed(seed, g, 11));
    const size = 2 + Math.floor(random() ** 3 * 19);
    const start = Math.floor(random() * total);
    const gap = 1 + Math.floor(random() * 20_000);
    groups.push({ id: stableId(seed, g, 7), size });
    for (let k = 0; k < size; k++) place(g, start + k * gap);
  }
  // Member numbers in time order: member 0 is the earliest, the group's representative.
  const seen = new Int32Array(groups.length);
  for (let i = 0; i < total; i++) if (groupOf[i]! >= 0) memberOf[i] = seen[groupOf[i]!]!++;
  return { groupOf, memberOf, groups };
}

export function chooseBlock(random: Random, target: Target) {
  // A few paragraphs draw most comments.
  return target.blocks[Math.floor(random() ** 1.8 * target.blocks.length)]!;
}

export function chooseStance(random: Random): "AGREE" | "DISAGREE" | "OTHER" {
  const r = random();
  return r < 0.45 ? "AGREE" : r < 0.65 ? "DISAGREE" : "OTHER";
}

export function chooseTarget(random: Random, targets: Target[]) {
  return random() < 0.6 || targets.length === 1 ? targets[0]! : targets[1 + Math.floor(random() * (targets.length - 1))]!;
}

interface GroupBase {
  target: Target;
  /** Intake groups only comments of the same stance. */
  stance: Row["stance"];
  blockKey: string | null;
  section: string | null;
  text: string;
  fingerprint: Fingerprint;
}

function groupBase(seed: number, g: number, targets: Target[]): GroupBase {
  if (g === 0) {
    const target = targets[0]!;
    const block = target.blocks.find((b) => b.key === target.campaignBlock)!;
    return { target, stance: "AGREE", blockKey: block.key, section: block.section, text: CAMPAIGN_TEXT, fingerprint: fingerprint(CAMPAIGN_TEXT) };
  }
  const random = seeded(rowSeed(seed, g, 13));
  const target = chooseTarget(random, targets);
  const block = random() < 0.08 ? null : chooseBlock(random, target);
  const { text } = commentText(random, { noDiacritics: 0, allCaps: 0, link: 0.02, profanity: 0 });
  return { target, stance: chooseStance(random), blockKey: block?.key ?? null, section: block?.section ?? null, text, fingerprint: fingerprint(text) };
}

/** A stored comment: what a submission inserts, and what moderation and the load set beside it. */
export type Row = Omit<NewComment, "bands"> & {
  id: string;
  status: "PENDING" | "APPROVED" | "REJECTED";
  rejectReason: string | null;
  consentAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  decidedById: string | null;
  band0: number;
  band1: number;
  band2: number;
  band3: number;
};
const COLUMNS: (keyof Row)[] = [
  "id",
  "consultationId",
  "versionId",
  "blockKey",
  "quote",
  "quoteStart",
  "quoteEnd",
  "stance",
  "originalText",
  "status",
  "rejectReason",
  "authorName",
  "authorEmail",
  "authorPhone",
  "provinceCode",
  "communeCode",
  "occupation",
  "ageGroup",
  "onBehalfOf",
  "consentAt",
  "contentHash",
  "diacriticsConfirmed",
  "sourceHash",
  "receiptToken",
  "createdAt",
  "updatedAt",
  "decidedAt",
  "decidedById",
  "sectionKey",
  "flags",
  "band0",
  "band1",
  "band2",
  "band3",
  "groupId",
];
const INTEGER_COLUMNS = new Set<keyof Row>(["quoteStart", "quoteEnd", "flags", "band0", "band1", "band2", "band3"]);
const DATE_COLUMNS = new Set<keyof Row>(["consentAt", "createdAt", "updatedAt", "decidedAt"]);

interface Context {
  options: Options;
  plan: Plan;
  targets: Target[];
  bases: Map<number, GroupBase>;
  moderatorId: string;
  reasons: string[];
  provinces: { code: string; communes: string[] }[];
  burstSources: string[];
  profanity: ReturnType<typeof createProfanityMatcher>;
}

/**
 * Row i: its text and everything derived from it. Flags are those textFlags gives (the costly checks
 * only where the text can have them; a sample is checked against textFlags itself), plus BURST and
 * NEAR_DUPLICATE as intake sets them.
 */
function makeRow(ctx: Context, i: number, tokens: Buffer): Row {
  const { options, plan, targets } = ctx;
  const random = seeded(rowSeed(options.seed, i));
  const g = plan.groupOf[i]!;
  const member = plan.memberOf[i]!;
  let target: Target;
  let stance: Row["stance"];
  let block: { key: string; text: string; section: string | null } | null;
  let text: string;
  let traits: { link: boolean; vulgar: boolean };
  if (g >= 0) {
    let base = ctx.bases.get(g);
    if (!base) ctx.bases.set(g, (base = groupBase(options.seed, g, targets)));
    target = base.target;
    stance = base.stance;
    block = base.blockKey ? (target.blocks.find((b) => b.key === base.blockKey) ?? null) : null;
    const variant = member === 0 ? { text: base.text, edited: false } : variantOf(base.text, random);
    // An edited copy joins the group only when intake would have put it there.
    text = variant.edited && !isNearDuplicate(fingerprint(variant.text), base.fingerprint) ? base.text : variant.text;
    traits = { link: true, vulgar: true }; // few rows: check them all
  } else {
    target = chooseTarget(random, targets);
    stance = chooseStance(random);
    block = random() < 0.08 ? null : chooseBlock(random, target);
    ({ text, ...traits } = commentText(random));
  }
  // Folded once: fingerprint() folds again, cheaply on folded text (folding is idempotent), and the
  // content hash is contentHash()'s own computation on it (checked against contentHash on a sample).
  const folded = foldVietnamese(text);
  const print = fingerprint(folded);
  let flags = 0;
  if (traits.link && hasLink(text)) flags |= FLAGS.LINK;
  if (traits.vulgar && ctx.profanity.matches(text)) flags |= FLAGS.PROFANITY;
  if (!VIETNAMESE_LETTER.test(text) && looksWithoutDiacritics(text)) flags |= FLAGS.NO_DIACRITICS;
  if (text.length < 90 && isVeryShort(text)) flags |= FLAGS.VERY_SHORT;
  if (text === text.toUpperCase() && isAllCaps(text)) flags |= FLAGS.ALL_CAPS;
  const burst = random() < BURST_SHARE;
  if (burst) flags |= FLAGS.BURST;
  if (g >= 0 && member > 0) flags |= FLAGS.NEAR_DUPLICATE;

  const span = 10 * DAY - 5 * 60_000;
  const createdAt = new Date(options.now - 10 * DAY + Math.floor(((i + random()) / options.total) * span));
  const s = random();
  const status = g === 0 ? "PENDING" : s < APPROVED_SHARE ? "APPROVED" : s < APPROVED_SHARE + REJECTED_SHARE ? "REJECTED" : "PENDING";
  const decidedAt = status === "PENDING" ? null : new Date(Math.min(options.now - 60_000, createdAt.getTime() + Math.floor((1 + random() * 47) * 3_600_000)));
  let quote: string | null = null;
  let quoteStart: number | null = null;
  let quoteEnd: number | null = null;
  if (block && block.text.length > 60 && random() < 0.05) {
    const start = block.text.indexOf(" ", Math.floor(random() * (block.text.length - 40))) + 1;
    const end = block.text.indexOf(" ", start + 20 + Math.floor(random() * 40));
    if (start > 0 && end > start) [quote, quoteStart, quoteEnd] = [block.text.slice(start, end), start, end];
  }
  const province = pick(random, ctx.provinces);
  const hasEmail = random() < 0.6;
  return {
    id: randomUUID(),
    consultationId: target.consultationId,
    versionId: target.versionId,
    blockKey: block?.key ?? null,
    quote,
    quoteStart,
    quoteEnd,
    stance,
    originalText: text,
    status,
    rejectReason: status === "REJECTED" ? pick(random, ctx.reasons) : null,
    authorName: authorName(random),
    authorEmail: hasEmail ? `nguoi-gop-y-${Math.floor(random() * 400_000)}@gmail.com` : null,
    authorPhone: !hasEmail || random() < 0.2 ? `09${String(Math.floor(random() * 1e8)).padStart(8, "0")}` : null,
    provinceCode: province.code,
    communeCode: random() < 0.7 && province.communes.length ? pick(random, province.communes) : null,
    occupation: random() < 0.5 ? pick(random, OCCUPATIONS) : null,
    ageGroup: random() < 0.5 ? pick(random, AGE_GROUPS) : null,
    onBehalfOf: random() < 0.03 ? onBehalfOf(random) : null,
    consentAt: createdAt,
    contentHash: createHash("sha256").update(folded).digest("base64url"),
    diacriticsConfirmed: (flags & FLAGS.NO_DIACRITICS) !== 0,
    sourceHash: burst ? pick(random, ctx.burstSources) : tokens.toString("base64url", 24, 40).slice(0, 22),
    receiptToken: tokens.toString("base64url", 0, 24),
    createdAt,
    updatedAt: decidedAt ?? createdAt,
    decidedAt,
    decidedById: decidedAt ? ctx.moderatorId : null,
    sectionKey: block?.section ?? null,
    flags,
    band0: print.bands[0],
    band1: print.bands[1],
    band2: print.bands[2],
    band3: print.bands[3],
    groupId: g >= 0 ? plan.groups[g]!.id : null,
  };
}

async function context(options: Options, sql: SqlDriver): Promise<Context> {
  const targets = await readTargets(sql);
  const [moderator] = await sql.all<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = ?`, [STAFF.moderator.email]);
  const reasons = (await sql.all<{ label: string }>(`SELECT "label" FROM "RejectReason" ORDER BY "position"`, [])).map((r) => r.label);
  return {
    options,
    plan: makePlan(options),
    targets,
    bases: new Map(),
    moderatorId: moderator!.id,
    reasons: reasons.length ? reasons : ["Không liên quan đến nội dung dự thảo"],
    provinces: listProvinces().map((p) => ({ code: p.code, communes: listCommunes(p.code).map((c) => c.code) })),
    // A few sources send in bursts: their rows share a source hash.
    burstSources: Array.from({ length: 60 }, () => randomBytes(16).toString("base64url")),
    profanity: createProfanityMatcher(STARTER_PROFANITY),
  };
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const isPostgres = () => configuredDatabase().provider === "postgresql";

async function setup(options: Options) {
  const db = createDb();
  const sql = createSqlDriver();
  try {
    const passwordHash = await hashPassword(STAFF_PASSWORD);
    const users: Record<string, string> = {};
    for (const [key, staff] of Object.entries(STAFF)) {
      const user = await db.user.create({ data: { email: staff.email, name: staff.name, role: staff.role, passwordHash } });
      users[key] = user.id;
    }
    const targets = await readTargets(sql);
    const plan = makePlan(options);
    const now = new Date(options.now);
    // Placeholders: finish computes representative, counters and dates from the members.
    for (let g = 0; g < plan.groups.length; g += 500) {
      const chunk = plan.groups.slice(g, g + 500).map((group, k) => ({ group, base: groupBase(options.seed, g + k, targets) }));
      await sql.run(
        `INSERT INTO "DuplicateGroup" ("id", "consultationId", "blockKey", "representativeId", "size", "pendingCount", "approvedCount", "createdAt", "updatedAt") VALUES ${chunk.map(() => "(?, ?, ?, '', 0, 0, 0, ?, ?)").join(", ")}`,
        chunk.flatMap(({ group, base }) => [group.id, base.target.consultationId, base.blockKey, now, now]),
      );
    }
    // Secondary indexes are made once at the end (finish), not kept up to date row by row.
    const indexes = isPostgres()
      ? await sql.all<{ name: string; definition: string }>(
          `SELECT indexname AS "name", indexdef AS "definition" FROM pg_indexes WHERE tablename = 'Comment' AND indexname <> 'Comment_pkey'`,
          [],
        )
      : await sql.all<{ name: string; definition: string }>(
          `SELECT "name", "sql" AS "definition" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" = 'Comment' AND "sql" IS NOT NULL`,
          [],
        );
    for (const index of indexes) await sql.run(`DROP INDEX "${index.name}"`, []);
    const summary = {
      users,
      staff: { moderator: STAFF.moderator.email, editor: STAFF.editor.email, password: STAFF_PASSWORD },
      groups: plan.groups.length,
      bigGroupId: plan.groups[0]!.id,
      grouped: plan.groups.reduce((n, g) => n + g.size, 0),
      consultations: targets.map((t) => ({ id: t.consultationId, blocks: t.blocks.length })),
      indexes: indexes.map((i) => i.definition),
    };
    console.log(JSON.stringify(summary));
  } finally {
    await db.$disconnect();
    await sql.close();
  }
}

async function rows(options: Options) {
  const target = configuredDatabase();
  const sql = createSqlDriver(target);
  const ctx = await context(options, sql);
  await sql.close();
  const { part = 0, parts = 1, total } = options;
  const started = Date.now();
  let made = 0;
  let sampled = 0;
  let mismatched = 0;
  const length = { sum: 0, min: Infinity, max: 0 };
  const textBits = FLAGS.LINK | FLAGS.PROFANITY | FLAGS.NO_DIACRITICS | FLAGS.VERY_SHORT | FLAGS.ALL_CAPS;
  const chunkRows = (chunk: number) => {
    const rows: Row[] = [];
    const tokens = randomBytes(40 * CHUNK);
    for (let i = chunk * CHUNK; i < Math.min(total, (chunk + 1) * CHUNK); i++) {
      const row = makeRow(ctx, i, tokens.subarray((i % CHUNK) * 40, (i % CHUNK) * 40 + 40));
      if (i % 499 === 0) {
        sampled++;
        if ((textFlags(row.originalText, ctx.profanity) & textBits) !== (row.flags & textBits)) mismatched++;
        const bands = fingerprint(row.originalText).bands;
        if (contentHash(row.originalText) !== row.contentHash || bands.join() !== [row.band0, row.band1, row.band2, row.band3].join()) {
          throw new Error(`row ${i}: content hash or bands differ from the app's`);
        }
      }
      rows.push(row);
      const chars = row.originalText.length;
      length.sum += chars;
      length.min = Math.min(length.min, chars);
      length.max = Math.max(length.max, chars);
    }
    return rows;
  };
  const chunks = Math.ceil(total / CHUNK);
  const progress = (chunk: number) => {
    if (part === 0 && chunk % 20 === 0)
      log(
        `  ${target.provider}: ~${Math.min(total, made * parts).toLocaleString("en")} / ${total.toLocaleString("en")} dòng (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
  };

  if (target.provider === "postgresql") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    // Foreign keys are checked once at the end (finish), not by a trigger per row.
    await client.query(`SET session_replication_role = replica`);
    const types = COLUMNS.map((c) =>
      INTEGER_COLUMNS.has(c) ? "int" : DATE_COLUMNS.has(c) ? "timestamp(3)" : c === "diacriticsConfirmed" ? "boolean" : "text",
    );
    const select = COLUMNS.map((c) => (c === "stance" ? `CAST(t."stance" AS "Stance")` : c === "status" ? `CAST(t."status" AS "CommentStatus")` : `t."${c}"`));
    const insert = `INSERT INTO "Comment" (${COLUMNS.map((c) => `"${c}"`).join(", ")})
      SELECT ${select.join(", ")} FROM unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(", ")}) AS t(${COLUMNS.map((c) => `"${c}"`).join(", ")})`;
    // The next chunk is made while the database stores the previous one.
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let chunk = part; chunk < chunks; chunk += parts) {
      const list = chunkRows(chunk);
      const values = COLUMNS.map((c) => list.map((r) => (DATE_COLUMNS.has(c) ? ((r[c] as Date | null)?.toISOString() ?? null) : r[c])));
      await inFlight;
      inFlight = client.query({ name: "insert-comments", text: insert, values });
      made += list.length;
      progress(chunk);
    }
    await inFlight;
    await client.end();
  } else {
    const db = new Database(target.filename, { timeout: 120_000 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    const insert = db.prepare(`INSERT INTO "Comment" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
    const value = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v);
    const write = db.transaction((list: Row[]) => {
      for (const r of list) insert.run(...COLUMNS.map((c) => value(r[c])));
    });
    for (let chunk = part; chunk < chunks; chunk += parts) {
      const list = chunkRows(chunk);
      write.immediate(list);
      made += list.length;
      progress(chunk);
    }
    db.close();
  }
  console.log(JSON.stringify({ part, made, seconds: (Date.now() - started) / 1000, flagSample: sampled, flagMismatches: mismatched, length }));
}

async function finish(options: Options) {
  const target = configuredDatabase();
  const sql = createSqlDriver(target);
  const timings: Record<string, number> = {};
  const step = async (name: string, work: () => Promise<unknown>) => {
    const started = Date.now();
    await work();
    timings[name] = (Date.now() - started) / 1000;
    log(`  ${target.provider}: ${name} ${timings[name]!.toFixed(1)} s`);
  };
  try {
    const postgres = target.provider === "postgresql";
    await step("indexes", async () => {
      if (postgres) {
        // Two connections, one index each at a time: the two cores.
        const queue = [...(options.indexes ?? [])];
        await Promise.all(
          [0, 1].map(async () => {
            const client = new pg.Client({ connectionString: target.url });
            await client.connect();
            await client.query(`SET maintenance_work_mem = '256MB'`);
            await client.query(`SET max_parallel_maintenance_workers = 0`);
            for (let definition = queue.shift(); definition; definition = queue.shift()) await client.query(definition);
            await client.end();
          }),
        );
      } else {
        for (const definition of options.indexes ?? []) await sql.run(definition, []);
      }
    });
    let accidental = 0;
    await step("accidental copies", async () => {
      // Texts drawn at random meet now and then on one target, short ones above all; intake would have
      // grouped them (identical once folded, same target, same stance), and so is the data: identical
      // folded text found by its content hash, and short texts (which differ by a "!" or "ạ") by their
      // folded syllables.
      const sets = await sql.all<{ consultationId: string; blockKey: string | null; stance: string; contentHash: string }>(
        `SELECT "consultationId", "blockKey", "stance", "contentHash" FROM "Comment" WHERE "groupId" IS NULL
         GROUP BY "consultationId", "blockKey", "stance", "contentHash" HAVING COUNT(*) > 1`,
        [],
      );
      const groups: string[][] = [];
      for (const set of sets) {
        const ids = await sql.all<{ id: string }>(
          `SELECT "id" FROM "Comment" WHERE "consultationId" = ? AND "contentHash" = ? AND "stance" = ? AND COALESCE("blockKey", '') = COALESCE(?, '') AND "groupId" IS NULL`,
          [set.consultationId, set.contentHash, set.stance, set.blockKey],
        );
        groups.push(ids.map((r) => r.id));
      }
      const short = await sql.all<{ id: string; consultationId: string; blockKey: string | null; stance: string; originalText: string }>(
        `SELECT "id", "consultationId", "blockKey", "stance", "originalText" FROM "Comment" WHERE "groupId" IS NULL AND LENGTH("originalText") < 60`,
        [],
      );
      const byKey = new Map<string, string[]>();
      for (const row of short) {
        const key = `${row.consultationId}|${row.blockKey}|${row.stance}|${foldedKey(row.originalText)}`;
        byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
      }
      const taken = new Set(groups.flat());
      for (const ids of byKey.values()) if (ids.length > 1 && !ids.some((id) => taken.has(id))) groups.push(ids);
      const now = new Date(options.now);
      await sql.transaction(async (tx) => {
        for (const ids of groups) {
          const id = randomUUID();
          await tx.run(
            `INSERT INTO "DuplicateGroup" ("id", "consultationId", "blockKey", "representativeId", "size", "pendingCount", "approvedCount", "createdAt", "updatedAt")
             SELECT ?, "consultationId", "blockKey", '', 0, 0, 0, ?, ? FROM "Comment" WHERE "id" = ?`,
            [id, now, now, ids[0]],
          );
          for (const member of ids) await tx.run(`UPDATE "Comment" SET "groupId" = ? WHERE "id" = ?`, [id, member]);
          // As intake: every member but the first is flagged.
          await tx.run(
            `UPDATE "Comment" SET "flags" = "flags" | ${FLAGS.NEAR_DUPLICATE} WHERE "groupId" = ? AND "id" <> (SELECT c."id" FROM "Comment" c WHERE c."groupId" = ? ORDER BY c."createdAt", c."id" LIMIT 1)`,
            [id, id],
          );
        }
      });
      accidental = groups.length;
    });
    // Counters, representative (the earliest member) and public comment (the earliest approved), from the members.
    await step("groups", () =>
      sql.run(
        `UPDATE "DuplicateGroup" SET "size" = m."size", "pendingCount" = m."pending", "approvedCount" = m."approved",
           "representativeId" = m."representative", "publicCommentId" = m."public", "createdAt" = m."first", "updatedAt" = m."last"
         FROM (
           SELECT "groupId", COUNT(*) AS "size",
             SUM(CASE WHEN "status" = 'PENDING' THEN 1 ELSE 0 END) AS "pending",
             SUM(CASE WHEN "status" = 'APPROVED' THEN 1 ELSE 0 END) AS "approved",
             MAX(CASE WHEN "n" = 1 THEN "id" END) AS "representative",
             MAX(CASE WHEN "status" = 'APPROVED' AND "nInStatus" = 1 THEN "id" END) AS "public",
             MIN("createdAt") AS "first", MAX("updatedAt") AS "last"
           FROM (
             SELECT "groupId", "id", "status", "createdAt", "updatedAt",
               ROW_NUMBER() OVER (PARTITION BY "groupId" ORDER BY "createdAt", "id") AS "n",
               ROW_NUMBER() OVER (PARTITION BY "groupId", "status" ORDER BY "createdAt", "id") AS "nInStatus"
             FROM "Comment" WHERE "groupId" IS NOT NULL
           ) ranked GROUP BY "groupId"
         ) m
         WHERE "DuplicateGroup"."id" = m."groupId"`,
        [],
      ),
    );
    // What autovacuum does after a large insert; done now so that it does not run during the measurements.
    if (postgres) await step("vacuum analyze", () => sql.run(`VACUUM (ANALYZE) "Comment"`, []).then(() => sql.run(`ANALYZE`, [])));
    else await step("checkpoint", () => sql.all(`PRAGMA wal_checkpoint(TRUNCATE)`, []));

    const check: Record<string, unknown> = {};
    await step("checks", async () => {
      const n = (v: unknown) => Number(v);
      const statuses = await sql.all<{ status: string; n: unknown }>(`SELECT "status", COUNT(*) AS "n" FROM "Comment" GROUP BY "status"`, []);
      check.statuses = Object.fromEntries(statuses.map((s) => [s.status, n(s.n)]));
      const flagShares: Record<string, string> = {};
      const [flagRow] = await sql.all<Record<string, unknown>>(
        `SELECT COUNT(*) AS "all", ${Object.entries(FLAGS)
          .map(([name, bit]) => `SUM(CASE WHEN ("flags" & ${bit}) <> 0 THEN 1 ELSE 0 END) AS "${name}"`)
          .join(", ")} FROM "Comment" WHERE "status" = 'PENDING'`,
        [],
      );
      for (const name of Object.keys(FLAGS)) flagShares[name] = `${((n(flagRow![name]) / n(flagRow!.all)) * 100).toFixed(2)}%`;
      check.pendingFlagShares = flagShares;
      const [groups] = await sql.all<Record<string, unknown>>(
        `SELECT COUNT(*) AS "groups", SUM("size") AS "members", MAX("size") AS "largest", SUM(CASE WHEN "pendingCount" > 0 THEN 1 ELSE 0 END) AS "withPending" FROM "DuplicateGroup"`,
        [],
      );
      check.groups = Object.fromEntries(Object.entries(groups!).map(([k, v]) => [k, n(v)]));
      // Every group's members must share its target and stance.
      const [stray] = await sql.all<{ n: unknown }>(
        `SELECT COUNT(*) AS "n" FROM "Comment" c JOIN "DuplicateGroup" g ON g."id" = c."groupId" JOIN "Comment" r ON r."id" = g."representativeId"
         WHERE c."consultationId" <> g."consultationId" OR COALESCE(c."blockKey", '') <> COALESCE(g."blockKey", '') OR c."stance" <> r."stance"`,
        [],
      );
      check.membersOffTarget = n(stray!.n);
      const [orphans] = await sql.all<{ n: unknown }>(
        `SELECT COUNT(*) AS "n" FROM "Comment" c LEFT JOIN "DocumentVersion" v ON v."id" = c."versionId" AND v."consultationId" = c."consultationId" WHERE v."id" IS NULL`,
        [],
      );
      check.commentsWithoutVersion = n(orphans!.n);
    });
    console.log(JSON.stringify({ timings, accidentalSetsGrouped: accidental, ...check }));
  } finally {
    await sql.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const options = JSON.parse(process.argv[2] ?? "{}") as Options;
  await { setup, rows, finish }[options.mode](options);
}
