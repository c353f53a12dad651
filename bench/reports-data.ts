// Data of bench:reports: an organization tree, conferences and letters, near-duplicate groups and
// `total` opinions on the demo political report, written straight to the database in one transaction.
// PostgreSQL: one INSERT … SELECT FROM generate_series per 250,000 rows, every choice drawn in SQL
// from arrays prepared here (weights by repetition); SQLite: one prepared statement in a loop.
// Rows are numbered in time order (createdAt grows with the row number, as in a real table where
// opinions arrive over the weeks). The Comment table's secondary indexes are dropped during the load
// and made again from their own definitions afterwards, then the planner's statistics are refreshed.
import { AGE_GROUPS, OCCUPATIONS } from "~/vocabulary/vocabulary.ts";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { isHeadingKind } from "~/consultations/document/kinds.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";
import { listCommunes } from "~/localities/localities.server.ts";
import { pick, seeded, type Random } from "./random.ts";
import { draftSentences, opinionText, personName } from "./reports-texts.ts";

export const REPORT_SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const DAY = 86_400_000;
const TEXTS = 6_000;
const GROUPS = 400;
const PROVINCES = ["19", "01", "79", "48", "31", "24"];

export interface Organization {
  id: string;
  name: string;
  level: "CENTRAL" | "PROVINCE" | "DISTRICT" | "COMMUNE";
  parentId: string | null;
  path: string;
  localityCode: string | null;
  kind: string;
  code: string;
}

export interface Seeded {
  consultationId: string;
  versionId: string;
  organizations: Organization[];
  /** The district organizations (no locality: they see what their subtree gathered). */
  districts: Organization[];
  total: number;
}

/** The organization tree: central › province (+ its mass organizations) › three districts › two communes each. */
export function organizationTree(run: string): Organization[] {
  const list: Organization[] = [];
  const add = (name: string, level: Organization["level"], parent: Organization | null, localityCode: string | null, kind = "MTTQ") => {
    const id = `org${run}${String(list.length).padStart(3, "0")}`;
    const organization = {
      id,
      name,
      level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      localityCode,
      kind,
      code: `BENCH-${run}-${list.length}`,
    };
    list.push(organization);
    return organization;
  };
  const root = add("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "CENTRAL", null, null);
  const province = add("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Nguyên", "PROVINCE", root, "19");
  add("Tỉnh đoàn Thái Nguyên", "PROVINCE", province, null, "DOAN_THANH_NIEN");
  add("Hội Liên hiệp Phụ nữ tỉnh Thái Nguyên", "PROVINCE", province, null, "PHU_NU");
  add("Hội Nông dân tỉnh Thái Nguyên", "PROVINCE", province, null, "NONG_DAN");
  add("Liên đoàn Lao động tỉnh Thái Nguyên", "PROVINCE", province, null, "CONG_DOAN");
  add("Hội Cựu chiến binh tỉnh Thái Nguyên", "PROVINCE", province, null, "CUU_CHIEN_BINH");
  const communes = listCommunes("19");
  ["Đông Bắc", "Trung Tâm", "Tây Nam"].forEach((name, d) => {
    const district = add(`Ủy ban Mặt trận Tổ quốc khu vực ${name}`, "DISTRICT", province, null);
    for (let k = 0; k < 2; k++) {
      const commune = communes[d * 2 + k]!;
      add(`Ủy ban Mặt trận Tổ quốc ${commune.name}`, "COMMUNE", district, commune.code);
    }
  });
  return list;
}

/** Expands weights into an array of `size` entries, so that a uniform index picks by weight. */
function weighted<T>(entries: [T, number][], size = 1000): T[] {
  const sum = entries.reduce((a, [, w]) => a + w, 0);
  const out: T[] = [];
  for (const [value, w] of entries) for (let k = 0; k < Math.round((size * w) / sum); k++) out.push(value);
  return out;
}

interface Plan {
  consultationId: string;
  versionId: string;
  organizations: Organization[];
  conferences: { id: string; organizationId: string; channel: "CONFERENCE" | "LETTER"; title: string; heldOn: Date; place: string; attendees: number }[];
  groups: { id: string; text: string; blockKey: string | null; sectionKey: string | null; stance: string }[];
  /** Parallel arrays that SQL indexes with a random number: a choice is one index into each. */
  texts: string[];
  names: string[];
  targets: { blockKey: string | null; sectionKey: string | null }[];
  localities: { province: string; commune: string | null }[];
  sources: { channel: string; organizationId: string | null; conferenceId: string | null }[];
  occupations: (string | null)[];
  ages: (string | null)[];
  now: number;
  days: number;
}

function makePlan(
  random: Random,
  consultation: { id: string; versionId: string },
  blocks: { key: string; kind: string; level: number; text: string }[],
  run: string,
  now: number,
): Plan {
  const organizations = organizationTree(run);
  const gatherers = organizations.filter((o) => o.level !== "CENTRAL");
  const conferences = Array.from({ length: 40 }, (_, k) => {
    const organization = gatherers[k % gatherers.length]!;
    const channel = k % 7 === 6 ? ("LETTER" as const) : ("CONFERENCE" as const);
    return {
      id: `conf${run}${String(k).padStart(3, "0")}`,
      organizationId: organization.id,
      channel,
      title: channel === "LETTER" ? `Văn bản góp ý số ${k + 1}` : `Hội nghị lấy ý kiến lần ${k + 1} của ${organization.name}`,
      heldOn: new Date(now - Math.floor(random() * 28) * DAY),
      place: "Hội trường Ủy ban nhân dân",
      attendees: 30 + Math.floor(random() * 200),
    };
  });
  const sections = sectionOfBlocks(blocks);
  const commentable = blocks.filter((b) => !isHeadingKind(b.kind) || b.kind === "article");
  // A few paragraphs draw most opinions; one in sixteen is on the whole draft.
  const targets = Array.from({ length: 1000 }, () => {
    if (random() < 1 / 16) return { blockKey: null, sectionKey: null };
    const block = commentable[Math.floor(random() ** 1.8 * commentable.length)]!;
    return { blockKey: block.key, sectionKey: sections.get(block.key) ?? null };
  });
  const sentences = draftSentences(blocks.map((b) => b.text));
  const texts = Array.from({ length: TEXTS }, () => opinionText(random, sentences));
  const groups = Array.from({ length: GROUPS }, (_, g) => {
    const target = pick(random, targets);
    const stance = pick(random, ["AGREE", "AGREE", "DISAGREE", "OTHER"]);
    return {
      id: `grp${run}${String(g).padStart(4, "0")}`,
      text: opinionText(random, sentences),
      blockKey: target.blockKey,
      sectionKey: target.sectionKey,
      stance,
    };
  });
  const localities = weighted(PROVINCES.map((province, p): [string, number] => [province, p === 0 ? 50 : 10])).map((province) => {
    const communes = listCommunes(province).slice(0, 12);
    return { province, commune: random() < 0.1 ? null : pick(random, communes).code };
  });
  const sources = weighted<{ channel: string; organizationId: string | null; conferenceId: string | null }>([
    [{ channel: "ONLINE", organizationId: null, conferenceId: null }, 78],
    ...conferences.map((c): [{ channel: string; organizationId: string | null; conferenceId: string | null }, number] => [
      { channel: c.channel, organizationId: c.organizationId, conferenceId: c.id },
      c.channel === "LETTER" ? 3 / 5 : 19 / 35,
    ]),
  ]);
  return {
    consultationId: consultation.id,
    versionId: consultation.versionId,
    organizations,
    conferences,
    groups,
    texts,
    names: Array.from({ length: 2000 }, () => personName(random)),
    targets,
    localities,
    sources,
    occupations: weighted([[null, 30], ...OCCUPATIONS.map((o): [string, number] => [o, 70 / OCCUPATIONS.length])]),
    ages: weighted([[null, 30], ...AGE_GROUPS.map((a): [string, number] => [a, 70 / AGE_GROUPS.length])]),
    now,
    days: 30,
  };
}

const hash = (text: string) => createHash("sha256").update(text).digest("base64url");

/** Loads the data into the database at `url` (migrated, with the demo consultations). */
export async function seedReportData(url: string, total: number, seed = 42): Promise<Seeded> {
  const random = seeded(seed);
  const run = randomBytes(3).toString("hex");
  const now = Date.now();
  if (url.startsWith("file:")) return seedSqlite(url.slice(5), total, random, run, now);
  return seedPostgres(url, total, random, run, now);
}

async function seedPostgres(url: string, total: number, random: Random, run: string, now: number): Promise<Seeded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const consultation = (await client.query(`SELECT "id", "publishedVersionId" AS "versionId" FROM "Consultation" WHERE "slug" = $1`, [REPORT_SLUG])).rows[0];
    const blocks = (
      await client.query(`SELECT "key", "kind", "level", "text" FROM "Block" WHERE "versionId" = $1 ORDER BY "position"`, [consultation.versionId])
    ).rows;
    const plan = makePlan(random, consultation, blocks, run, now);
    await client.query("BEGIN");
    // No foreign-key triggers during the load (the rows are made consistent here).
    await client.query("SET LOCAL session_replication_role = replica");
    for (const row of plannedRows(plan)) {
      let n = 0;
      await client.query(
        row.sql.replace(/\?/g, () => `$${++n}`),
        row.params.map((p) => (p instanceof Date ? p.toISOString() : p)),
      );
    }
    const indexes = (await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Comment' AND indexname <> 'Comment_pkey'`)).rows as {
      indexname: string;
      indexdef: string;
    }[];
    for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
    const chunk = 250_000;
    for (let from = 1; from <= total; from += chunk) {
      const to = Math.min(total, from + chunk - 1);
      await client.query(
        `INSERT INTO "Comment" ("id", "consultationId", "versionId", "blockKey", "sectionKey", "stance", "originalText", "status",
           "authorName", "authorEmail", "authorPhone", "provinceCode", "communeCode", "occupation", "ageGroup", "consentAt", "contentHash",
           "receiptToken", "createdAt", "updatedAt", "decidedAt", "groupId", "channel", "conferenceId", "organizationId")
         SELECT 'cm' || $1 || lpad(s.i::text, 8, '0'), $2, $3,
           CASE WHEN s.g > 0 THEN ($17::text[])[s.g] ELSE ($4::text[])[s.t] END,
           CASE WHEN s.g > 0 THEN ($18::text[])[s.g] ELSE ($5::text[])[s.t] END,
           CAST(CASE WHEN s.g > 0 THEN ($19::text[])[s.g] WHEN s.r1 < 0.45 THEN 'AGREE' WHEN s.r1 < 0.65 THEN 'DISAGREE' ELSE 'OTHER' END AS "Stance"),
           CASE WHEN s.g > 0 THEN ($16::text[])[s.g] ELSE ($6::text[])[s.x] END,
           CAST(CASE WHEN s.r2 < 0.88 THEN 'APPROVED' WHEN s.r2 < 0.98 THEN 'PENDING' ELSE 'REJECTED' END AS "CommentStatus"),
           ($7::text[])[s.nm], CASE WHEN s.r3 < 0.6 THEN 'nguoi' || s.i || '@example.vn' END, CASE WHEN s.r3 > 0.7 THEN '09' || lpad((s.i % 100000000)::text, 8, '0') END,
           ($8::text[])[s.l], ($9::text[])[s.l], ($10::text[])[s.o], ($11::text[])[s.a],
           s.at, md5(s.i::text), $1 || '-' || s.i, s.at, s.at, CASE WHEN s.r2 < 0.88 OR s.r2 >= 0.98 THEN s.at + interval '2 hours' END,
           CASE WHEN s.g > 0 THEN ($15::text[])[s.g] END,
           CAST(($12::text[])[s.src] AS "Channel"), ($13::text[])[s.src], ($14::text[])[s.src]
         FROM (
           SELECT i,
             random() AS r1, random() AS r2, random() AS r3,
             1 + floor(random() * $20)::int AS t, 1 + floor(random() * $21)::int AS x, 1 + floor(random() * $22)::int AS nm,
             1 + floor(random() * $23)::int AS l, 1 + floor(random() * $24)::int AS o, 1 + floor(random() * $25)::int AS a,
             1 + floor(random() * $26)::int AS src,
             CASE WHEN random() < 0.04 THEN 1 + floor(random() * $27)::int ELSE 0 END AS g,
             to_timestamp($28::double precision / 1000 - ($29 * 86400.0) * (1 - i::double precision / $32) - random() * 600) AT TIME ZONE 'UTC' AS at
           FROM generate_series($30::int, $31::int) AS i
         ) s`,
        [
          run,
          plan.consultationId,
          plan.versionId,
          plan.targets.map((t) => t.blockKey),
          plan.targets.map((t) => t.sectionKey),
          plan.texts,
          plan.names,
          plan.localities.map((l) => l.province),
          plan.localities.map((l) => l.commune),
          plan.occupations,
          plan.ages,
          plan.sources.map((s) => s.channel),
          plan.sources.map((s) => s.conferenceId),
          plan.sources.map((s) => s.organizationId),
          plan.groups.map((g) => g.id),
          plan.groups.map((g) => g.text),
          plan.groups.map((g) => g.blockKey),
          plan.groups.map((g) => g.sectionKey),
          plan.groups.map((g) => g.stance),
          plan.targets.length,
          plan.texts.length,
          plan.names.length,
          plan.localities.length,
          plan.occupations.length,
          plan.ages.length,
          plan.sources.length,
          plan.groups.length,
          now,
          plan.days,
          from,
          to,
          total,
        ],
      );
    }
    for (const index of indexes) await client.query(index.indexdef);
    await client.query(`UPDATE "DuplicateGroup" SET ${GROUP_COUNTS} WHERE "id" LIKE $1`, [`grp${run}%`]);
    await client.query("COMMIT");
    await client.query(`ANALYZE "Comment"`);
    await client.query('VACUUM (ANALYZE) "Comment"');
    return summary(plan, total);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function summary(plan: Plan, total: number): Seeded {
  return {
    consultationId: plan.consultationId,
    versionId: plan.versionId,
    organizations: plan.organizations,
    districts: plan.organizations.filter((o) => o.level === "DISTRICT"),
    total,
  };
}

/** The rows beside the opinions: organizations, conferences and letters, near-duplicate groups. */
function plannedRows(plan: Plan): { sql: string; params: unknown[] }[] {
  const created = new Date(plan.now - 40 * DAY);
  return [
    ...plan.organizations.map((o) => ({
      sql: `INSERT INTO "Organization" ("id", "name", "level", "parentId", "localityCode", "code", "kind", "path", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [o.id, o.name, o.level, o.parentId, o.localityCode, o.code, o.kind, o.path, created],
    })),
    ...plan.conferences.map((c) => ({
      sql: `INSERT INTO "Conference" ("id", "consultationId", "organizationId", "channel", "title", "heldOn", "place", "attendees", "chairperson", "note", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [c.id, plan.consultationId, c.organizationId, c.channel, c.title, c.heldOn, c.place, c.attendees, "", "", c.heldOn],
    })),
    ...plan.groups.map((g) => ({
      sql: `INSERT INTO "DuplicateGroup" ("id", "consultationId", "blockKey", "representativeId", "size", "pendingCount", "approvedCount", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [g.id, plan.consultationId, g.blockKey, "", 0, 0, 0, created, created],
    })),
  ];
}

const GROUP_COUNTS = `"size" = (SELECT COUNT(*) FROM "Comment" c WHERE c."groupId" = "DuplicateGroup"."id"),
  "approvedCount" = (SELECT COUNT(*) FROM "Comment" c WHERE c."groupId" = "DuplicateGroup"."id" AND c."status" = 'APPROVED'),
  "pendingCount" = (SELECT COUNT(*) FROM "Comment" c WHERE c."groupId" = "DuplicateGroup"."id" AND c."status" = 'PENDING'),
  "representativeId" = COALESCE((SELECT MIN(c."id") FROM "Comment" c WHERE c."groupId" = "DuplicateGroup"."id"), '')`;

async function seedSqlite(file: string, total: number, random: Random, run: string, now: number): Promise<Seeded> {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    const consultation = db.prepare(`SELECT "id", "publishedVersionId" AS "versionId" FROM "Consultation" WHERE "slug" = ?`).get(REPORT_SLUG) as {
      id: string;
      versionId: string;
    };
    const blocks = db.prepare(`SELECT "key", "kind", "level", "text" FROM "Block" WHERE "versionId" = ? ORDER BY "position"`).all(consultation.versionId) as {
      key: string;
      kind: string;
      level: number;
      text: string;
    }[];
    const plan = makePlan(random, consultation, blocks, run, now);
    const sqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
    const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Comment' AND sql IS NOT NULL`).all() as {
      name: string;
      sql: string;
    }[];
    db.pragma("foreign_keys = OFF");
    db.transaction(() => {
      for (const row of plannedRows(plan)) db.prepare(row.sql).run(...row.params.map((p) => (p instanceof Date ? sqliteDate(p.getTime()) : p)));
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      const insert = db.prepare(`INSERT INTO "Comment" ("id", "consultationId", "versionId", "blockKey", "sectionKey", "stance", "originalText", "status",
           "authorName", "authorEmail", "authorPhone", "provinceCode", "communeCode", "occupation", "ageGroup", "consentAt", "contentHash",
           "receiptToken", "createdAt", "updatedAt", "decidedAt", "groupId", "channel", "conferenceId", "organizationId", "diacriticsConfirmed", "flags")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`);
      const hashes = new Map<string, string>();
      for (let i = 1; i <= total; i++) {
        const group = random() < 0.04 ? pick(random, plan.groups) : null;
        const target = pick(random, plan.targets);
        const r1 = random();
        const r2 = random();
        const r3 = random();
        const text = group ? group.text : pick(random, plan.texts);
        let h = hashes.get(text);
        if (!h) hashes.set(text, (h = hash(text)));
        const locality = pick(random, plan.localities);
        const source = pick(random, plan.sources);
        // Opinions arrive over the days in the order they are numbered (as rows do in a real table).
        const at = now - plan.days * DAY * (1 - i / total) - random() * 600_000;
        const status = r2 < 0.88 ? "APPROVED" : r2 < 0.98 ? "PENDING" : "REJECTED";
        insert.run(
          `cm${run}${String(i).padStart(8, "0")}`,
          plan.consultationId,
          plan.versionId,
          group ? group.blockKey : target.blockKey,
          group ? group.sectionKey : target.sectionKey,
          group ? group.stance : r1 < 0.45 ? "AGREE" : r1 < 0.65 ? "DISAGREE" : "OTHER",
          text,
          status,
          pick(random, plan.names),
          r3 < 0.6 ? `nguoi${i}@example.vn` : null,
          r3 > 0.7 ? `09${String(i % 100_000_000).padStart(8, "0")}` : null,
          locality.province,
          locality.commune,
          pick(random, plan.occupations),
          pick(random, plan.ages),
          sqliteDate(at),
          h,
          `${run}-${i}`,
          sqliteDate(at),
          sqliteDate(at),
          status === "PENDING" ? null : sqliteDate(at + 7_200_000),
          group?.id ?? null,
          source.channel,
          source.conferenceId,
          source.organizationId,
        );
      }
      for (const index of indexes) db.exec(index.sql);
      db.prepare(`UPDATE "DuplicateGroup" SET ${GROUP_COUNTS} WHERE "id" LIKE ?`).run(`grp${run}%`);
    })();
    db.pragma("foreign_keys = ON");
    // No ANALYZE: the app runs none on SQLite, so the planner works without statistics as in production.
    return summary(plan, total);
  } finally {
    db.close();
  }
}

/** The demo drafts' text, for tests that want the same sentences without a database. */
export function demoDraftText(): string {
  return readFileSync(path.resolve(import.meta.dirname, "../prisma/demo/du-thao-bao-cao-chinh-tri.txt"), "utf8");
}
