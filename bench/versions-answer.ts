// Answering a whole near-duplicate group (issue 15): measureAnswerGroup() is what bench:versions calls
// for `answer_group_s` (target < 5 s for a 10,000-member approved group). Run alone
// (`tsx --tsconfig tsconfig.json bench/versions-answer.ts`), it makes a fresh SQLite and PostgreSQL
// database each (demo data), seeds one approved group of BENCH_GROUP (10,000) members on a demo
// paragraph and prints one JSON line per database, then a last line with both.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { recordAnswer } from "~/answers/answers.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, tuneDb, type Db } from "~/platform/db.server.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { seedOpinions } from "./answers-data.ts";
import { createDatabase } from "./support.js";

/** Records one answer for every approved member of the group, timed; fails unless every one was answered. */
export async function measureAnswerGroup(
  db: Db,
  sql: SqlDriver,
  opts: { consultationId: string; groupId: string; actorId: string },
): Promise<{ answer_group_s: number; answered: number }> {
  const started = performance.now();
  const result = await recordAnswer(
    db,
    sql,
    { id: opts.actorId, permissions: new Set(["answers.view", "answers.manage"]) },
    {
      consultationId: opts.consultationId,
      disposition: "ADOPTED",
      explanation: "Ban soạn thảo tiếp thu ý kiến của nhóm, đã bổ sung vào dự thảo.",
      target: { scope: "GROUP", groupId: opts.groupId },
      replace: true,
    },
    { mail: null },
  );
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(`answering the group was refused: ${result.message}`);
  const answered = await db.comment.count({ where: { groupId: opts.groupId, answerId: result.answerId } });
  if (answered !== result.answered) throw new Error(`answered ${result.answered}, but ${answered} point to the answer`);
  return { answer_group_s: Math.round(seconds * 1000) / 1000, answered };
}

/** Seeds an approved group of `size` members on the first paragraph of a published consultation of the database. */
export async function seedAnswerGroup(db: Db, size: number): Promise<{ consultationId: string; groupId: string; actorId: string }> {
  const consultation = await db.consultation.findFirstOrThrow({ where: { publishedVersionId: { not: null } }, orderBy: { createdAt: "asc" } });
  const versionId = consultation.publishedVersionId!;
  const block = await db.block.findFirstOrThrow({ where: { versionId, kind: { in: ["paragraph", "clause"] } }, orderBy: { position: "asc" } });
  const { groupId } = await seedOpinions(db, { consultationId: consultation.id, versionId, blockKey: block.key, sectionKey: null, count: size, group: true });
  const actor = await db.user.create({ data: { email: `bench-${Date.now()}@example.vn`, name: "Ban soạn thảo (đo)", role: "EDITOR" } });
  return { consultationId: consultation.id, groupId: groupId!, actorId: actor.id };
}

async function main() {
  const size = Number(process.env.BENCH_GROUP ?? 10_000);
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-answer-"));
  const results: Record<string, unknown> = {};
  try {
    for (const kind of (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",") as ("sqlite" | "postgresql")[]) {
      const { url, drop } = await createDatabase(kind, dir);
      const target = resolveDatabaseTarget(url);
      const db = createDb(target);
      await tuneDb(db, target);
      const sql = createSqlDriver(target);
      try {
        const seeded = await seedAnswerGroup(db, size);
        results[kind] = await measureAnswerGroup(db, sql, seeded);
        console.log(JSON.stringify({ [kind]: results[kind] }));
      } finally {
        await db.$disconnect();
        await sql.close();
        await drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
