import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentsForComments } from "@search/documents.server.ts";
import { prepareCommentDocument, useTransactionIndexer } from "@search/outbox/outbox.server.ts";
import { ENTRY_COLUMNS, entryRow, storedDocument } from "@search/postgres/entry.ts";
import { postgresTransactionIndexer } from "@search/postgres/sync.server.ts";
import { insertComment, isIdempotencyConflict } from "~/comments/comment-store.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { config, loadConfig, type Config } from "~/platform/config.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, type Db } from "~/platform/db.server.ts";
import { setSingleton } from "~/platform/singleton.server.ts";
import { createSqlDriver, groupCommitCounts, type SqlDriver } from "~/platform/sql.server.ts";
import { plainComment } from "../../support/comments.ts";
import { createDatabaseFromTemplate, postgresEnabled } from "../../support/databases.ts";

// ADR 055 with the PostgreSQL search engine (ADR 051): the submissions arriving together are still one
// statement, and that statement also writes the search document of each comment it stores (and its words
// to the vocabulary), as the outbox's writer would write it in the comment's own transaction. A member
// that is not stored leaves no document; a group whose commit fails leaves none at all.

const NOW = new Date("2026-11-26T08:00:00Z");
const DRAFT = ["DỰ THẢO TÌM KIẾM GHI CHUNG", "Phần thứ nhất", "ĐÁNH GIÁ", "1. Kinh tế tăng trưởng khá.", "2. Văn hóa có nhiều tiến bộ."].join("\n\n");

describe.runIf(postgresEnabled)("group commit of submissions with the PostgreSQL search engine", () => {
  let db: Db;
  let sql: SqlDriver;
  let drop: () => Promise<void>;
  let previous: Config;
  let target: { consultationId: string; versionId: string; blockKey: string | null };
  let n = 0;
  const comment = (fields: Partial<Parameters<typeof plainComment>[0]> = {}) =>
    plainComment({
      ...target,
      // Words of its own per comment, so that the vocabulary shows whose words were added.
      originalText: `Ý kiến tìm kiếm ghi chung số ${++n}: đề nghị bổ sung thuvien${n}x cho trường học vùng cao.`,
      authorName: `Người Gửi Số ${n}`,
      createdAt: NOW,
      ...fields,
    });
  const captcha = (signature: string) => ({ signature, expiresAt: new Date(NOW.getTime() + 3_600_000) });
  const entries = (ids: string[]) =>
    sql.all<{ id: string; document: string; lexemes: string; tags: string; status: string; consultationId: string; createdAt: Date }>(
      `SELECT "id", "document", CAST("lexemes" AS text) AS "lexemes", CAST("tags" AS text) AS "tags", "status", "consultationId", "createdAt" FROM "SearchEntry" WHERE "id" = ANY(CAST(? AS text[])) ORDER BY "id"`,
      [ids.map((id) => `c_${id}`)],
    );
  const terms = async (words: string[]) =>
    (await sql.all<{ term: string }>(`SELECT "term" FROM "SearchTerm" WHERE "term" = ANY(CAST(? AS text[])) ORDER BY "term"`, [words])).map((r) => r.term);
  const ownWord = (text: string) => /thuvien\d+x/.exec(text)![0];

  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("postgresql");
    drop = created.drop;
    const databaseTarget = resolveDatabaseTarget(created.url);
    db = createDb(databaseTarget);
    // A wide window, so that writes started together always share a group.
    sql = createSqlDriver(databaseTarget, { groupCommit: { windowMs: 40, maxBatch: 8 } });
    previous = config();
    loadConfig({ ...process.env, DATABASE_URL: created.url, SEARCH_ENGINE: "postgres", MEILI_HOST: "", MEILI_API_KEY: "", MEILI_INDEX: "" });
    useTransactionIndexer(postgresTransactionIndexer); // as the search runtime of a postgres-engine process does
    await createConsultationFromText(db, { slug: "tim-kiem-ghi-chung", status: "OPEN", opensAt: NOW }, DRAFT);
    const consultation = await db.consultation.findUniqueOrThrow({ where: { slug: "tim-kiem-ghi-chung" }, select: { id: true, publishedVersionId: true } });
    const block = await db.block.findFirstOrThrow({
      where: { versionId: consultation.publishedVersionId!, text: { startsWith: "1." } },
      select: { key: true },
    });
    target = { consultationId: consultation.id, versionId: consultation.publishedVersionId!, blockKey: block.key };
  });

  afterAll(async () => {
    setSingleton("config", previous);
    useTransactionIndexer(null);
    await db?.$disconnect();
    await sql?.close();
    await drop?.();
  });

  it("writes each stored comment's document and words in the group's one statement, as the outbox's writer builds them", async () => {
    const before = { ...groupCommitCounts(sql)! };
    const rows = Array.from({ length: 20 }, (_, i) =>
      comment({ id: randomUUID(), sectionKey: null, stance: (["AGREE", "DISAGREE", "OTHER"] as const)[i % 3] }),
    );
    const results = await Promise.all(rows.map((row, i) => insertComment(sql, row, i % 2 ? captcha(`chu-ky-${randomUUID()}`) : undefined)));
    expect(results).toEqual(rows.map(() => true));
    const after = groupCommitCounts(sql)!;
    expect(after.groups - before.groups).toBe(3); // 8 + 8 + 4, each one statement with its documents

    const ids = rows.map((r) => r.id!);
    const written = await entries(ids);
    expect(written.map((e) => e.id)).toEqual(ids.map((id) => `c_${id}`).sort());
    // The same document and vector the outbox's writer builds from the stored rows (documents.server.ts, entry.ts).
    const { upsert } = await documentsForComments(db, ids);
    expect(upsert).toHaveLength(20);
    for (const doc of upsert) {
      const entry = written.find((e) => e.id === doc.id)!;
      expect(entry.document).toBe(storedDocument(doc)); // without the status, which is the column's (ADR 063)
      expect(entry).toMatchObject({ status: "PENDING", consultationId: target.consultationId, createdAt: NOW });
      const { values } = entryRow(doc);
      const [stored] = await sql.all<{ lexemes: string; tags: string }>(
        `SELECT CAST(CAST(? AS tsvector) AS text) AS "lexemes", CAST(CAST(? AS tsvector) AS text) AS "tags"`,
        [values[ENTRY_COLUMNS.indexOf("lexemes")], values[ENTRY_COLUMNS.indexOf("tags")]],
      );
      expect(entry.lexemes).toBe(stored!.lexemes);
      expect(entry.tags).toBe(stored!.tags);
    }
    expect(upsert[0]!.blockLabel).not.toBeNull(); // the block's label and section came from the kept lookups
    expect(await terms(rows.map((r) => ownWord(r.originalText)))).toEqual(rows.map((r) => ownWord(r.originalText)).sort());
  });

  it("sends the vocabulary only the words this process has not seen committed (ADR 066)", async () => {
    const words = (c: ReturnType<typeof comment>) =>
      prepareCommentDocument(sql, { ...c, id: c.id ?? randomUUID(), status: "PENDING", publishedText: null, proposedText: null, organizationId: null });
    // Every word of this text but its own one came with the comments committed above.
    const own = `thuvien${9_000 + n}x`;
    const next = comment({ id: randomUUID(), originalText: `Ý kiến tìm kiếm ghi chung: đề nghị bổ sung ${own} cho trường học vùng cao.` });
    expect((await words(next))![0]!.terms).toEqual([own]);
    expect(await insertComment(sql, next)).toBe(true);
    expect(await terms([own])).toEqual([own]);
    // Now committed, that word is not sent again either; a word never seen is.
    const fresh = `moitinh${n}`;
    const again = comment({ id: randomUUID(), originalText: `${next.originalText} ${fresh}` });
    expect((await words(again))![0]!.terms).toEqual([fresh]);
  });

  it("leaves no document or word of a member that was not stored; the others have theirs", async () => {
    const taken = comment({ idempotencyKey: `khoa-${randomUUID()}` });
    expect(await insertComment(sql, taken)).toBe(true);
    const used = captcha(`chu-ky-da-dung-${randomUUID()}`);
    expect(await insertComment(sql, comment(), used)).toBe(true);

    const good = [comment({ id: randomUUID() }), comment({ id: randomUUID() }), comment({ id: randomUUID() })];
    const conflict = comment({ id: randomUUID(), idempotencyKey: taken.idempotencyKey }); // a racing retry: the group is sent again, each alone
    const reused = comment({ id: randomUUID() }); // its captcha solution was used before
    const settled = await Promise.allSettled([
      insertComment(sql, good[0]!),
      insertComment(sql, conflict),
      insertComment(sql, good[1]!, captcha(`chu-ky-${randomUUID()}`)),
      insertComment(sql, reused, used),
      insertComment(sql, good[2]!),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(isIdempotencyConflict((settled[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((settled[3] as PromiseFulfilledResult<boolean>).value).toBe(false);
    expect((await entries(good.map((c) => c.id!))).map((e) => e.id)).toEqual(good.map((c) => `c_${c.id}`).sort());
    expect(await entries([conflict.id!, reused.id!])).toEqual([]);
    expect(await terms([ownWord(conflict.originalText), ownWord(reused.originalText)])).toEqual([]);
    expect(await terms(good.map((c) => ownWord(c.originalText)))).toHaveLength(3);
    // The words of a member not stored are not taken for known: the next comment that has them sends them.
    const later = comment({ id: randomUUID(), originalText: reused.originalText });
    expect(await insertComment(sql, later)).toBe(true);
    expect(await terms([ownWord(reused.originalText)])).toEqual([ownWord(reused.originalText)]);
  });

  it("writes no document when the group's COMMIT fails", async () => {
    const REFUSED = "Góp ý làm hỏng lần ghi chung có tìm kiếm";
    let lost = "";
    // A deferred constraint trigger: the statement succeeds, its commit is refused.
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_search_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."originalText" = '${REFUSED}' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END $$`);
    await db.$executeRawUnsafe(`CREATE CONSTRAINT TRIGGER refuse_search_at_commit AFTER INSERT ON "Comment" DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION refuse_search_at_commit()`);
    try {
      const group = [comment({ id: randomUUID() }), comment({ id: randomUUID(), originalText: REFUSED }), comment({ id: randomUUID() })];
      const settled = await Promise.allSettled(group.map((c) => insertComment(sql, c)));
      expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(await entries(group.map((c) => c.id!))).toEqual([]);
      lost = ownWord(group[0]!.originalText);
      expect(await terms([lost])).toEqual([]);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_search_at_commit ON "Comment"`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_search_at_commit()`);
    }
    // A write alone (a group of one) has its document too; the words of the group that failed were not taken for known.
    const alone = comment({ id: randomUUID(), originalText: `Ý kiến gửi lại từ ${lost}.` });
    expect(await insertComment(sql, alone)).toBe(true);
    expect(await entries([alone.id!])).toHaveLength(1);
    expect(await terms([lost])).toEqual([lost]);
  });
});
