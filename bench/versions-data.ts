// Data of bench:versions (bench/versions.ts): a consultation whose version 1 is a 2,000-paragraph draft,
// its staff, `total` opinions on it, one near-duplicate group of exactly 10,000 approved members, and
// exactly 100,000 answered opinions (Answer rows of the four dispositions, per section); then the
// revision that becomes version 2 (edited, deleted and inserted paragraphs on the tiptap JSON).
//
// Rows are planned first (block, status, group of each row, in typed arrays), the answered opinions
// drawn from the plan and their answers written, then the comments made in chunks with their answerId
// already set. PostgreSQL: INSERT … SELECT FROM unnest(arrays), 10,000 rows a statement, the next chunk
// made while the database stores the previous one; SQLite: one prepared statement, 10,000 rows a
// transaction. Both: the Comment table's secondary indexes dropped during the load and made again from
// their own definitions, foreign keys not checked row by row; PostgreSQL then VACUUM (ANALYZE) (a live
// database has statistics), SQLite no ANALYZE (the app runs none).
import { randomBytes } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import Database from "better-sqlite3";
import pg from "pg";
import { DISPOSITIONS } from "~/answers/dispositions.ts";
import { FLAGS, textFlags } from "~/comments/flags.ts";
import { newBlockId } from "~/consultations/document/extensions.ts";
import { isHeadingKind } from "~/consultations/document/kinds.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";
import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import type { DatabaseTarget } from "~/platform/database-url.ts";
import type { Db } from "~/platform/db.server.ts";
import { sqliteValue, type SqlDriver } from "~/platform/sql.server.ts";
import { hashPassword } from "~/staff/passwords.server.ts";
import { contentHash } from "~/text/fold.ts";
import { fingerprint, isNearDuplicate } from "~/text/near-duplicate.ts";
import { createProfanityMatcher, STARTER_PROFANITY } from "~/text/profanity-vi.ts";
import { AGE_GROUPS, OCCUPATIONS } from "~/vocabulary/vocabulary.ts";
import { longDraftText } from "./drafts-data.ts";
import { authorName, CAMPAIGN_TEXT, commentText, onBehalfOf, variantOf } from "./moderation-texts.ts";
import { pick, seeded, type Random } from "./random.ts";

const CHUNK = 10_000;
const TEXTS = 4_000;
const DAY = 86_400_000;
const STAFF_PASSWORD = "mat-khau-phien-ban-2026";

const log = (line: string) => console.error(line);

export interface Seeded {
  consultationId: string;
  slug: string;
  versionId: string;
  /** Paragraphs of version 1 (clauses, points, plain paragraphs, list items) and its blocks. */
  paragraphs: number;
  blocks: number;
  /** The 10,000-member group (all approved, none answered) and the block it is about. */
  groupId: string;
  groupBlockKey: string;
  /** The EDITOR who revises, publishes and answers. */
  actorId: string;
  staff: { editor: string; moderator: string; password: string };
  comments: number;
  answers: number;
  answered: number;
}

interface PoolText {
  text: string;
  hash: string;
  bands: [number, number, number, number];
  flags: number;
}

function poolText(text: string, profanity: ReturnType<typeof createProfanityMatcher>): PoolText {
  return { text, hash: contentHash(text), bands: fingerprint(text).bands, flags: textFlags(text, profanity) };
}

/** Per row: its block (index into the commentable blocks, -1 for the whole draft), status, group. */
interface Plan {
  block: Int32Array;
  /** 0 approved, 1 pending, 2 rejected. */
  status: Uint8Array;
  grouped: Uint8Array;
  /** The answer of each row (index into answers), -1 for none. */
  answer: Int32Array;
}

const STATUSES = ["APPROVED", "PENDING", "REJECTED"] as const;

function makePlan(random: Random, total: number, groupSize: number, blocks: number, groupBlock: number): Plan {
  const plan: Plan = { block: new Int32Array(total), status: new Uint8Array(total), grouped: new Uint8Array(total), answer: new Int32Array(total).fill(-1) };
  // The campaign: every stride-th row, spread over the whole period.
  const stride = Math.floor(total / groupSize);
  for (let i = 0; i < total; i++) {
    if (i % stride === stride - 1 && Math.floor(i / stride) < groupSize) {
      plan.grouped[i] = 1;
      plan.block[i] = groupBlock;
      continue;
    }
    // A few paragraphs draw most opinions; one in sixteen is on the whole draft.
    plan.block[i] = random() < 1 / 16 ? -1 : Math.floor(random() ** 1.8 * blocks);
    const s = random();
    plan.status[i] = s < 0.9 ? 0 : s < 0.97 ? 1 : 2;
  }
  return plan;
}

interface AnswerRow {
  id: string;
  disposition: (typeof DISPOSITIONS)[number];
  explanation: string;
  scope: "COMMENT" | "SELECTION" | "THEME";
  theme: string | null;
  sectionKey: string | null;
  commentCount: number;
  at: Date;
}

const EXPLANATIONS: Record<(typeof DISPOSITIONS)[number], string[]> = {
  ADOPTED: [
    "Ban soạn thảo tiếp thu, đã chỉnh sửa câu chữ của đoạn này trong dự thảo mới cho rõ nghĩa.",
    "Tiếp thu ý kiến, bổ sung cụm từ “theo quy định của pháp luật” để bảo đảm thống nhất với các điều khác.",
    "Đã tiếp thu và biên tập lại khoản này theo hướng cụ thể hơn về trách nhiệm của cơ quan nhà nước.",
  ],
  PARTLY_ADOPTED: [
    "Tiếp thu một phần: đã sửa cách diễn đạt; đề nghị bổ sung chỉ tiêu cụ thể sẽ được quy định trong văn bản hướng dẫn.",
    "Ban soạn thảo tiếp thu ý kiến về câu chữ, còn nội dung về kinh phí thuộc phạm vi luật chuyên ngành.",
  ],
  EXPLAINED: [
    "Xin giải trình: nội dung này đã được quy định tại luật chuyên ngành, Hiến pháp chỉ quy định nguyên tắc chung.",
    "Ban soạn thảo xin giữ như dự thảo vì cách viết hiện nay bảo đảm tính ổn định, lâu dài của văn bản.",
    "Không tiếp thu vì đề nghị chưa phù hợp với chủ trương đã được Trung ương thống nhất; xin giải trình rõ tại báo cáo.",
  ],
  ALREADY_IN_DRAFT: [
    "Nội dung góp ý đã có trong dự thảo tại điều tiếp theo của chương này.",
    "Ý kiến đã được thể hiện trong dự thảo; ban soạn thảo xin ghi nhận.",
  ],
};
const THEMES = [
  "Quyền con người, quyền công dân",
  "Tổ chức bộ máy nhà nước",
  "Chính quyền địa phương hai cấp",
  "Kinh tế, tài chính, ngân sách",
  "Giáo dục, y tế, văn hóa",
  "Đất đai, tài nguyên, môi trường",
];

/**
 * Exactly `count` approved, ungrouped rows answered: cut, section by section, into answers of one
 * opinion (20%), a selection of 2–10 (50%) or a theme of 11–80 (30%).
 */
function planAnswers(random: Random, plan: Plan, count: number, sectionOf: (block: number) => string | null, run: string, now: number): AnswerRow[] {
  const candidates: number[] = [];
  for (let i = 0; i < plan.block.length; i++) if (plan.status[i] === 0 && !plan.grouped[i]) candidates.push(i);
  if (candidates.length < count) throw new Error(`Only ${candidates.length} approved opinions outside the group; ${count} are to be answered`);
  // A random `count` of them (partial Fisher–Yates), then in row order, bucketed by section.
  for (let k = 0; k < count; k++) {
    const j = k + Math.floor(random() * (candidates.length - k));
    [candidates[k], candidates[j]] = [candidates[j]!, candidates[k]!];
  }
  const chosen = candidates.slice(0, count).sort((a, b) => a - b);
  const bySection = new Map<string | null, number[]>();
  for (const i of chosen) {
    const section = sectionOf(plan.block[i]!);
    const bucket = bySection.get(section);
    if (bucket) bucket.push(i);
    else bySection.set(section, [i]);
  }
  const answers: AnswerRow[] = [];
  for (const [sectionKey, rows] of bySection) {
    for (let at = 0; at < rows.length;) {
      const r = random();
      const size = r < 0.2 ? 1 : r < 0.7 ? 2 + Math.floor(random() * 9) : 11 + Math.floor(random() * 70);
      const members = rows.slice(at, at + size);
      at += members.length;
      const d = random();
      const disposition = d < 0.3 ? "ADOPTED" : d < 0.5 ? "PARTLY_ADOPTED" : d < 0.85 ? "EXPLAINED" : "ALREADY_IN_DRAFT";
      const scope = members.length === 1 ? "COMMENT" : size > 10 ? "THEME" : "SELECTION";
      for (const i of members) plan.answer[i] = answers.length;
      answers.push({
        id: `ans${run}${String(answers.length).padStart(6, "0")}`,
        disposition,
        explanation: pick(random, EXPLANATIONS[disposition]),
        scope,
        theme: scope === "THEME" ? pick(random, THEMES) : null,
        sectionKey,
        commentCount: members.length,
        at: new Date(now - Math.floor(random() * 3 * DAY)),
      });
    }
  }
  return answers;
}

const COLUMNS = [
  "id",
  "consultationId",
  "versionId",
  "blockKey",
  "stance",
  "originalText",
  "status",
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
  "mayContact",
  "answerId",
  "answeredAt",
] as const;
type Column = (typeof COLUMNS)[number];
const PG_TYPES: Partial<Record<Column, string>> = {
  flags: "int",
  band0: "int",
  band1: "int",
  band2: "int",
  band3: "int",
  diacriticsConfirmed: "boolean",
  mayContact: "boolean",
  consentAt: "timestamp(3)",
  createdAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
  decidedAt: "timestamp(3)",
  answeredAt: "timestamp(3)",
};
const PG_CASTS: Partial<Record<Column, string>> = { stance: "Stance", status: "CommentStatus" };

const GROUP_INSERT = `INSERT INTO "DuplicateGroup" ("id", "consultationId", "blockKey", "representativeId", "publicCommentId", "size", "approvedCount", "createdAt", "updatedAt", "pendingCount")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`;

/** The Comment table's secondary indexes (their names and definitions): dropped for the load, made again after it. */
const COMMENT_INDEXES = {
  postgresql: `SELECT indexname AS "name", indexdef AS "definition" FROM pg_indexes WHERE tablename = 'Comment' AND indexname <> 'Comment_pkey'`,
  sqlite: `SELECT "name", "sql" AS "definition" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" = 'Comment' AND "sql" IS NOT NULL`,
};

/** Seeds the database at `target` (migrated, with the demo data). */
export async function seedVersionsData(
  db: Db,
  target: DatabaseTarget,
  options: { total: number; paragraphs: number; groupSize: number; answered: number; seed?: number },
): Promise<Seeded> {
  const { total, paragraphs, groupSize, answered } = options;
  const random = seeded(options.seed ?? 15);
  const run = randomBytes(3).toString("hex");
  const now = Date.now();
  const slug = `bench-phien-ban-${run}`;

  const passwordHash = await hashPassword(STAFF_PASSWORD);
  const editor = await db.user.create({ data: { email: `soan-thao-${run}@bench.vn`, name: "Ban Soạn Thảo Thử", role: "EDITOR", passwordHash } });
  const moderator = await db.user.create({ data: { email: `kiem-duyet-${run}@bench.vn`, name: "Kiểm Duyệt Viên Thử", role: "MODERATOR", passwordHash } });
  const draft = longDraftText(paragraphs);
  const created = await createConsultationFromText(db, { slug, status: "OPEN" }, draft.text);
  const consultationId = created.consultation.id;
  const versionId = created.consultation.versions[0]!.id;
  const stats = created.stats;
  const allBlocks = await db.block.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { key: true, kind: true, level: true, text: true } });
  const sections = sectionOfBlocks(allBlocks);
  // People comment on articles and on body text, not on chapter titles.
  const blocks = allBlocks.filter((b) => !isHeadingKind(b.kind) || b.kind === "article");
  // The campaign is about a clause a third of the way in (one that the revision keeps, see reviseDocument).
  const groupBlock = blocks.findIndex((b, k) => k >= blocks.length / 3 && b.kind === "clause");
  const sectionOf = (block: number) => (block < 0 ? null : (sections.get(blocks[block]!.key) ?? null));
  log(`   version 1: ${allBlocks.length} blocks, ${draft.paragraphs} paragraphs, ${sections.size ? new Set(sections.values()).size : 0} sections`);

  const plan = makePlan(random, total, groupSize, blocks.length, groupBlock);
  const answers = planAnswers(random, plan, answered, sectionOf, run, now);
  const groupId = `grp${run}campaign`;
  // A thousand a statement: one createMany of more is split by Prisma into statements sent at once on one connection.
  for (let at = 0; at < answers.length; at += 1_000)
    await db.answer.createMany({
      data: answers.slice(at, at + 1_000).map((a) => ({
        id: a.id,
        consultationId,
        disposition: a.disposition,
        explanation: a.explanation,
        scope: a.scope,
        theme: a.theme,
        sectionKey: a.sectionKey,
        commentCount: a.commentCount,
        createdById: editor.id,
        updatedById: editor.id,
        createdAt: a.at,
        updatedAt: a.at,
      })),
    });
  log(`   ${answers.length.toLocaleString("en")} answers planned for ${answered.toLocaleString("en")} opinions`);

  const profanity = createProfanityMatcher(STARTER_PROFANITY);
  const texts = Array.from({ length: TEXTS }, () => poolText(commentText(random).text, profanity));
  const campaignPrint = fingerprint(CAMPAIGN_TEXT);
  const variants = [poolText(CAMPAIGN_TEXT, profanity)];
  while (variants.length < 200) {
    const variant = variantOf(CAMPAIGN_TEXT, random);
    if (!variant.edited || isNearDuplicate(fingerprint(variant.text), campaignPrint)) variants.push(poolText(variant.text, profanity));
  }
  const provinces = listProvinces().map((p) => ({ code: p.code, communes: listCommunes(p.code).map((c) => c.code) }));
  const names = Array.from({ length: 3_000 }, () => authorName(random));
  const span = 30 * DAY;
  const firstId = (i: number) => `cm${run}${String(i).padStart(8, "0")}`;
  const groupMembers: number[] = [];

  /** Row i as column values (dates as Date). */
  const row = (i: number): Record<Column, unknown> => {
    const grouped = plan.grouped[i] === 1;
    if (grouped) groupMembers.push(i);
    const block = plan.block[i]!;
    const pool = grouped
      ? variants[groupMembers.length === 1 ? 0 : 1 + Math.floor(random() * (variants.length - 1))]!
      : texts[Math.floor(random() * texts.length)]!;
    const status = STATUSES[plan.status[i]!];
    const createdAt = new Date(now - span + Math.floor(((i + random()) / total) * (span - DAY)));
    const decidedAt = status === "PENDING" ? null : new Date(createdAt.getTime() + Math.floor((1 + random() * 40) * 3_600_000));
    const answer = plan.answer[i]! >= 0 ? answers[plan.answer[i]!]! : null;
    const answeredAt = answer ? new Date(Math.max(answer.at.getTime(), decidedAt!.getTime() + 60_000)) : null;
    const province = pick(random, provinces);
    const hasEmail = random() < 0.6;
    const stance = grouped ? "AGREE" : random() < 0.45 ? "AGREE" : random() < 0.4 ? "DISAGREE" : "OTHER";
    return {
      id: firstId(i),
      consultationId,
      versionId,
      blockKey: block < 0 ? null : blocks[block]!.key,
      stance,
      originalText: pool.text,
      status,
      authorName: pick(random, names),
      authorEmail: hasEmail ? `nguoi-gop-y-${i}@gmail.com` : null,
      authorPhone: !hasEmail || random() < 0.2 ? `09${String(i % 100_000_000).padStart(8, "0")}` : null,
      provinceCode: province.code,
      communeCode: random() < 0.7 && province.communes.length ? pick(random, province.communes) : null,
      occupation: random() < 0.5 ? pick(random, OCCUPATIONS) : null,
      ageGroup: random() < 0.5 ? pick(random, AGE_GROUPS) : null,
      onBehalfOf: random() < 0.03 ? onBehalfOf(random) : null,
      consentAt: createdAt,
      contentHash: pool.hash,
      diacriticsConfirmed: (pool.flags & FLAGS.NO_DIACRITICS) !== 0,
      receiptToken: `${run}-${i}-${randomBytes(9).toString("base64url")}`,
      createdAt,
      updatedAt: answeredAt ?? decidedAt ?? createdAt,
      decidedAt,
      decidedById: decidedAt ? moderator.id : null,
      sectionKey: sectionOf(block),
      flags: pool.flags | (grouped && groupMembers.length > 1 ? FLAGS.NEAR_DUPLICATE : 0),
      band0: pool.bands[0],
      band1: pool.bands[1],
      band2: pool.bands[2],
      band3: pool.bands[3],
      groupId: grouped ? groupId : null,
      mayContact: hasEmail && random() < 0.4,
      answerId: answer?.id ?? null,
      answeredAt,
    };
  };
  const chunkRows = (chunk: number) => {
    const list: Record<Column, unknown>[] = [];
    for (let i = chunk * CHUNK; i < Math.min(total, (chunk + 1) * CHUNK); i++) list.push(row(i));
    return list;
  };
  const chunks = Math.ceil(total / CHUNK);
  const started = Date.now();
  const progress = (chunk: number) => {
    if (chunk % 10 === 9 || chunk === chunks - 1)
      log(
        `   ${Math.min(total, (chunk + 1) * CHUNK).toLocaleString("en")} / ${total.toLocaleString("en")} opinions (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
  };
  /** The group's row: counters as the app keeps them, the earliest member its representative and the one the public sees. */
  const groupValues = () => {
    const first = firstId(groupMembers[0]!);
    return [groupId, consultationId, blocks[groupBlock]!.key, first, first, groupSize, groupSize, new Date(now), new Date(now)];
  };

  if (target.provider === "postgresql") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(`SET session_replication_role = replica`); // foreign keys: the rows are made consistent here
      await client.query(`SET synchronous_commit = off`);
      const indexes = (await client.query<{ name: string; definition: string }>(COMMENT_INDEXES.postgresql)).rows;
      for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
      const columns = COLUMNS.map((c) => `"${c}"`).join(", ");
      const select = COLUMNS.map((c) => (PG_CASTS[c] ? `CAST(t."${c}" AS "${PG_CASTS[c]}")` : `t."${c}"`)).join(", ");
      const insert = `INSERT INTO "Comment" (${columns}) SELECT ${select} FROM unnest(${COLUMNS.map((c, k) => `$${k + 1}::${PG_TYPES[c] ?? "text"}[]`).join(", ")}) AS t(${columns})`;
      let inFlight: Promise<unknown> = Promise.resolve();
      for (let chunk = 0; chunk < chunks; chunk++) {
        const list = chunkRows(chunk);
        const values = COLUMNS.map((c) => list.map((r) => (r[c] instanceof Date ? (r[c] as Date).toISOString() : r[c])));
        await inFlight;
        inFlight = client.query({ name: "insert-comments", text: insert, values });
        progress(chunk);
      }
      await inFlight;
      let n = 0;
      await client.query(
        GROUP_INSERT.replace(/\?/g, () => `$${++n}`),
        groupValues().map((v) => (v instanceof Date ? v.toISOString() : v)),
      );
      await client.query(`SET session_replication_role = origin`);
      const indexStarted = Date.now();
      // Two connections, one index each at a time: the two cores.
      const queue = indexes.map((index) => index.definition);
      await Promise.all(
        [0, 1].map(async () => {
          const other = new pg.Client({ connectionString: target.url });
          await other.connect();
          try {
            await other.query(`SET maintenance_work_mem = '256MB'`);
            await other.query(`SET max_parallel_maintenance_workers = 0`);
            for (let definition = queue.shift(); definition; definition = queue.shift()) await other.query(definition);
          } finally {
            await other.end();
          }
        }),
      );
      log(`   ${indexes.length} indexes made again in ${((Date.now() - indexStarted) / 1000).toFixed(0)} s`);
      const vacuumStarted = Date.now();
      await client.query(`VACUUM (ANALYZE) "Comment"`);
      await client.query(`ANALYZE`);
      log(`   vacuum, analyze: ${((Date.now() - vacuumStarted) / 1000).toFixed(0)} s`);
    } finally {
      await client.end();
    }
  } else {
    const sqlite = new Database(target.filename, { timeout: 120_000 });
    try {
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = OFF");
      sqlite.pragma("foreign_keys = OFF");
      const indexes = sqlite.prepare(COMMENT_INDEXES.sqlite).all() as { name: string; definition: string }[];
      for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
      const insert = sqlite.prepare(`INSERT INTO "Comment" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
      const write = sqlite.transaction((list: Record<Column, unknown>[]) => {
        for (const r of list) insert.run(...COLUMNS.map((c) => sqliteValue(r[c])));
      });
      for (let chunk = 0; chunk < chunks; chunk++) {
        write.immediate(chunkRows(chunk));
        progress(chunk);
      }
      sqlite.prepare(GROUP_INSERT).run(...groupValues().map(sqliteValue));
      const indexStarted = Date.now();
      for (const index of indexes) sqlite.exec(index.definition);
      log(`   ${indexes.length} indexes made again in ${((Date.now() - indexStarted) / 1000).toFixed(0)} s`);
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      sqlite.close();
    }
  }
  if (groupMembers.length !== groupSize) throw new Error(`The group has ${groupMembers.length} members, not ${groupSize}`);

  return {
    consultationId,
    slug,
    versionId,
    paragraphs: stats.clauses + stats.points + stats.paragraphs + stats.listItems,
    blocks: allBlocks.length,
    groupId,
    groupBlockKey: blocks[groupBlock]!.key,
    actorId: editor.id,
    staff: { editor: editor.email, moderator: moderator.email, password: STAFF_PASSWORD },
    comments: total,
    answers: answers.length,
    answered,
  };
}

// ── The revision (version 2) ────────────────────────────────────────────────────────────────────────

const EDITS: ((text: string, random: Random) => string)[] = [
  (text) => text.replace(/[.;:]?$/u, ", theo quy định của luật."),
  (text, random) => {
    const words = text.split(" ");
    words.splice(1 + Math.floor(random() * Math.max(1, words.length - 1)), 1, pick(random, ["bảo đảm", "tăng cường", "hoàn thiện", "thực hiện"]));
    return words.join(" ");
  },
  (text) => text.replace(/,[^,]*,/u, ","),
  (text) => `Nhà nước ${text.charAt(0).toLowerCase()}${text.slice(1)}`,
];
const NEW_PARAGRAPHS = [
  "Nhà nước bảo đảm điều kiện để Nhân dân tham gia góp ý, giám sát việc xây dựng và thực hiện chính sách, pháp luật.",
  "Cơ quan, tổ chức có trách nhiệm tiếp thu, giải trình ý kiến của Nhân dân và công khai kết quả theo quy định của luật.",
  "Việc chuyển đổi số trong hoạt động của cơ quan nhà nước phải bảo đảm an toàn thông tin và quyền riêng tư của công dân.",
  "Chính quyền địa phương ở xã, phường chịu trách nhiệm trước Nhân dân về kết quả thực hiện nhiệm vụ được giao.",
];

const textOf = (node: JSONContent): string => (node.text ?? "") + (node.content ?? []).map(textOf).join("");

/**
 * The drafting team's revision of a flat document: of the body paragraphs, `edit` (5%) get their text
 * changed (block id kept), `remove` (1%) are deleted, and `insert` (1%) new paragraphs with new ids are
 * put after others; headings and the paragraphs in `keep` stay as they are.
 */
export function reviseDocument(
  doc: JSONContent,
  random: Random,
  keep: ReadonlySet<string>,
  shares = { edit: 0.05, remove: 0.01, insert: 0.01 },
): { doc: JSONContent; edited: number; removed: number; inserted: number; removedKeys: Set<string> } {
  const nodes = doc.content ?? [];
  const candidates = nodes.flatMap((n, k) => (n.type === "paragraph" && textOf(n).trim() !== "" && !keep.has(n.attrs?.id as string) ? [k] : []));
  // Each paragraph gets at most one change: shuffled, then cut into the edited, the removed, the followed.
  for (let k = candidates.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [candidates[k], candidates[j]] = [candidates[j]!, candidates[k]!];
  }
  const edit = new Set(candidates.splice(0, Math.round(candidates.length * shares.edit)));
  const remove = new Set(candidates.splice(0, Math.round(edit.size * (shares.remove / shares.edit))));
  const after = new Set(candidates.splice(0, Math.round(edit.size * (shares.insert / shares.edit))));
  const removedKeys = new Set<string>();
  const out: JSONContent[] = [];
  nodes.forEach((node, k) => {
    if (remove.has(k)) {
      removedKeys.add(node.attrs!.id as string);
      return;
    }
    if (edit.has(k)) {
      const before = textOf(node);
      let text = pick(random, EDITS)(before, random);
      if (text === before) text = EDITS[0]!(before, random);
      out.push({ ...node, content: [{ type: "text", text }] });
    } else out.push(node);
    if (after.has(k))
      out.push({
        type: "paragraph",
        attrs: { id: newBlockId(), kind: "paragraph", number: null },
        content: [{ type: "text", text: pick(random, NEW_PARAGRAPHS) }],
      });
  });
  return { doc: { ...doc, content: out }, edited: edit.size, removed: remove.size, inserted: after.size, removedKeys };
}

/** What the seed promised, counted with SQL: the group's approved members, the answered opinions, answers on their opinions' sections. */
export async function checkSeed(sql: SqlDriver, data: Seeded, groupSize: number) {
  const count = async (query: string, params: unknown[]) => Number((await sql.all<{ n: unknown }>(query, params))[0]!.n ?? 0);
  const figures = {
    groupApproved: await count(`SELECT COUNT(*) AS "n" FROM "Comment" WHERE "groupId" = ? AND "status" = 'APPROVED'`, [data.groupId]),
    groupCounter: await count(`SELECT "approvedCount" AS "n" FROM "DuplicateGroup" WHERE "id" = ?`, [data.groupId]),
    answered: await count(`SELECT COUNT(*) AS "n" FROM "Comment" WHERE "consultationId" = ? AND "answerId" IS NOT NULL`, [data.consultationId]),
    answerCounts: await count(`SELECT SUM("commentCount") AS "n" FROM "Answer" WHERE "consultationId" = ?`, [data.consultationId]),
    offSection: await count(
      `SELECT COUNT(*) AS "n" FROM "Comment" c JOIN "Answer" a ON a."id" = c."answerId" WHERE COALESCE(c."sectionKey", '') <> COALESCE(a."sectionKey", '')`,
      [],
    ),
  };
  const dispositions = await sql.all<{ disposition: string; n: unknown }>(
    `SELECT a."disposition", COUNT(*) AS "n" FROM "Comment" c JOIN "Answer" a ON a."id" = c."answerId" WHERE c."consultationId" = ? GROUP BY a."disposition" ORDER BY a."disposition"`,
    [data.consultationId],
  );
  const wrong =
    figures.groupApproved !== groupSize ||
    figures.groupCounter !== groupSize ||
    figures.answered !== data.answered ||
    figures.answerCounts !== data.answered ||
    figures.offSection !== 0;
  if (wrong) throw new Error(`The seeded data is not what was planned: ${JSON.stringify(figures)}`);
  return { ...figures, dispositions: Object.fromEntries(dispositions.map((d) => [d.disposition, Number(d.n)])) };
}
