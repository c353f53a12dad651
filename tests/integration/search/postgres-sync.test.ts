import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommentStatusValue, SearchEngine, SearchQuery } from "@search/engine.ts";
import { countAllDocuments } from "@search/documents.server.ts";
import { createPostgresSearchEngine } from "@search/postgres/engine.ts";
import { reindex } from "@search/reindex.ts";
import { useTransactionIndexer } from "@search/outbox/outbox.server.ts";
import { indexAnnounced, postgresTransactionIndexer } from "@search/postgres/sync.server.ts";
import { decideComment, decideMany } from "~/moderation/decisions.server.ts";
import { updateOrganization } from "~/organizations/tree.server.ts";
import { config, loadConfig, type Config } from "~/platform/config.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb, tuneDb, type Db } from "~/platform/db.server.ts";
import { setSingleton } from "~/platform/singleton.server.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { stopGroupCounts } from "~/comments/group-counts.server.ts";
import { submitAccepted } from "../../support/comments.ts";
import { createDatabaseFromTemplate, postgresEnabled } from "../../support/databases.ts";
import { seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";

// With SEARCH_ENGINE=postgres every writer of the search outbox also writes the documents it names, in
// the same transaction (ADR 051): a submission, a moderation decision, an organization renamed (a Prisma
// transaction) are searchable the moment they commit, with no consumer running; a rolled-back change
// leaves nothing; `npm run search:reindex` fills the table from scratch.

const ALL: CommentStatusValue[] = ["PENDING", "APPROVED", "REJECTED"];
const query = (q: string, statuses: CommentStatusValue[], filters: Partial<SearchQuery["filters"]> = {}): SearchQuery => ({
  q,
  filters: { statuses, ...filters },
  page: 1,
  perPage: 50,
  facets: [],
});
const silent = { isTTY: false, write: () => true };

describe.runIf(postgresEnabled)("PostgreSQL search: documents written with each change", () => {
  let db: Db;
  let sql: SqlDriver;
  let drop: () => Promise<void>;
  let previous: Config;
  let engine: SearchEngine;
  let f: Fixture;
  let moderator: { id: string; name: string };
  const ids = async (q: string, statuses: CommentStatusValue[], filters: Partial<SearchQuery["filters"]> = {}) =>
    (await engine.search(query(q, statuses, filters))).hits.map((hit) => hit.id);

  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("postgresql");
    drop = created.drop;
    const target = resolveDatabaseTarget(created.url);
    db = createDb(target);
    await tuneDb(db, target);
    sql = createSqlDriver(target);
    previous = config();
    loadConfig({ ...process.env, DATABASE_URL: created.url, SEARCH_ENGINE: "postgres", MEILI_HOST: "", MEILI_API_KEY: "", MEILI_INDEX: "" });
    engine = createPostgresSearchEngine({ sql });
    useTransactionIndexer(postgresTransactionIndexer); // as the search runtime of a postgres-engine process does
    f = await seedReportFixture(db);
    moderator = await db.user.create({ data: { email: "kiemduyet@example.vn", name: "Lê Thị Hoa", role: "MODERATOR" }, select: { id: true, name: true } });
  });

  afterAll(async () => {
    setSingleton("config", previous);
    useTransactionIndexer(null);
    if (sql) await stopGroupCounts(sql);
    await db?.$disconnect();
    await sql?.close();
    await drop?.();
  });

  it("fills the table with npm run search:reindex: every document, once", async () => {
    const result = await reindex({ db, config: { engine: "postgres" }, makeEngine: () => engine, out: silent });
    const [{ count }] = await sql.all<{ count: string }>(`SELECT count(*) AS "count" FROM "SearchEntry"`, []);
    expect(Number(count)).toBe(await countAllDocuments(db));
    expect(result.documents).toBe(Number(count));
    expect(await ids("", ["APPROVED"], { consultationId: f.consultationId })).toContain(`c_${f.ids.a1}`);
  });

  it("finds a submission at once (staff), and the public finds it the moment a moderator approves it", async () => {
    const text = "Đề nghị bổ sung chỉ tiêu về thư viện điện tử cho trường học vùng cao.";
    const comment = await submitAccepted({ db, sql }, f.slug, { text, blockKey: f.blocks.k1 }, 1, new Date());
    expect(await ids("thu vien dien tu", ALL)).toEqual([`c_${comment.id}`]);
    expect(await ids("thu vien dien tu", ["APPROVED"])).not.toContain(`c_${comment.id}`);

    const decided = await decideComment(sql, moderator, comment.id, { action: "approve" });
    expect(decided.ok).toBe(true);
    expect((await ids("thư viện điện tử", ["APPROVED"]))[0]).toBe(`c_${comment.id}`);

    await decideComment(sql, moderator, comment.id, { action: "reject", reason: "Trùng lặp" }).catch(() => undefined);
  });

  it("indexes a proposed wording with the comment, as the Prisma reader does (ADR 047)", async () => {
    const comment = await submitAccepted(
      { db, sql },
      f.slug,
      { text: "Khoản này nên viết lại cho rõ.", blockKey: f.blocks.k1, proposal: "Nhà nước bảo đảm quyền tiếp cận thư viện số cho học sinh dân tộc thiểu số." },
      3,
      new Date(),
    );
    expect(comment.proposedText).not.toBeNull();
    expect(await ids("thu vien so hoc sinh dan toc thieu so", ALL)).toEqual([`c_${comment.id}`]);
  });

  it("leaves no trace of a decision whose transaction rolled back, though the transaction saw its document", async () => {
    const comment = await submitAccepted({ db, sql }, f.slug, { text: "Cần quan tâm hơn đến nước sạch nông thôn miền núi." }, 2, new Date());
    let seenInside: string | undefined;
    await expect(
      decideComment(
        sql,
        moderator,
        comment.id,
        { action: "approve" },
        {
          onDecided: async (tx) => {
            const rows = await tx.all<{ status: string }>(`SELECT "status" FROM "SearchEntry" WHERE "id" = ?`, [`c_${comment.id}`]);
            seenInside = rows[0]?.status;
            throw new Error("rolled back on purpose");
          },
        },
      ),
    ).rejects.toThrow("rolled back on purpose");
    expect(seenInside).toBe("APPROVED");
    expect(await ids("nuoc sach nong thon", ["APPROVED"])).not.toContain(`c_${comment.id}`);
    expect((await ids("nuoc sach nong thon", ALL))[0]).toBe(`c_${comment.id}`);
    const [entry] = await sql.all<{ status: string }>(`SELECT "status" FROM "SearchEntry" WHERE "id" = ?`, [`c_${comment.id}`]);
    expect(entry?.status).toBe("PENDING");
  });

  it("gives a bulk decision's entries their new status without building them again: what a rebuild writes, byte for byte", async () => {
    const texts = [
      "Đề nghị làm rõ trình tự cấp phép xây dựng nhà ở riêng lẻ ở đô thị.",
      "Cần tăng mức hỗ trợ học phí cho sinh viên ngành sư phạm ở vùng khó khăn.",
      "Nên quy định rõ thời hạn trả lời kiến nghị của cử tri về đất đai.",
    ];
    const comments: { id: string }[] = [];
    for (const [i, text] of texts.entries()) comments.push(await submitAccepted({ db, sql }, f.slug, { text, blockKey: f.blocks.k1 }, 10 + i, new Date()));
    const entryIds = comments.map((c) => `c_${c.id}`);
    // One member without its entry (written before the engine was chosen, say): the decision builds it.
    await sql.run(`DELETE FROM "SearchEntry" WHERE "id" = ?`, [entryIds[2]]);
    const stored = async () =>
      sql.all<{ id: string; status: string; document: string; lexemes: string; tags: string }>(
        `SELECT "id", "status", "document", CAST("lexemes" AS text) AS "lexemes", CAST("tags" AS text) AS "tags" FROM "SearchEntry" WHERE "id" = ANY(CAST(? AS text[])) ORDER BY "id"`,
        [entryIds],
      );
    // A mark in one stored vector, which a rebuild would drop: it shows that the decision did not build the entry.
    await sql.run(`UPDATE "SearchEntry" SET "lexemes" = "lexemes" || CAST('dauvet' AS tsvector) WHERE "id" = ?`, [entryIds[1]]);
    const before = await stored();
    expect(before.map((e) => e.status)).toEqual(["PENDING", "PENDING"]);

    expect((await decideMany(sql, moderator, { ids: comments.slice(0, 2).map((c) => c.id) }, { action: "approve" })).ok).toBe(true);
    expect((await decideMany(sql, moderator, { ids: [comments[2]!.id] }, { action: "reject", reason: "Trùng lặp" })).ok).toBe(true);
    const decided = await stored();
    expect(Object.fromEntries(decided.map((e) => [e.id, e.status]))).toEqual({
      [entryIds[0]!]: "APPROVED",
      [entryIds[1]!]: "APPROVED",
      [entryIds[2]!]: "REJECTED",
    });
    // Only the status column changed: the stored document (which leaves the status to that column) and the vectors stay.
    for (const entry of decided) expect(JSON.parse(entry.document)).not.toHaveProperty("status");
    for (const entry of before)
      expect(decided.find((e) => e.id === entry.id)).toMatchObject({ document: entry.document, lexemes: entry.lexemes, tags: entry.tags });
    expect(decided.find((e) => e.id === entryIds[1])!.lexemes).toContain("'dauvet'");

    await sql.transaction((tx) =>
      indexAnnounced(
        tx,
        "comment",
        comments.map((c) => c.id),
      ),
    );
    const rebuilt = await stored();
    expect(rebuilt.find((e) => e.id === entryIds[1])!.lexemes).not.toContain("'dauvet'");
    expect(rebuilt.map(({ lexemes, ...e }) => (e.id === entryIds[1] ? e : { ...e, lexemes }))).toEqual(
      decided.map(({ lexemes, ...e }) => (e.id === entryIds[1] ? e : { ...e, lexemes })),
    );
    expect(await ids("hoc phi su pham", ["APPROVED"])).toEqual([entryIds[1]]);
    expect(await ids("tra loi kien nghi cu tri", ["APPROVED"])).not.toContain(entryIds[2]);
    const rejected = (await engine.search(query("tra loi kien nghi cu tri", ["REJECTED"]))).hits[0];
    expect(rejected).toMatchObject({ id: entryIds[2], document: { status: "REJECTED", text: texts[2] } });
    expect((await engine.search(query("hoc phi su pham", ["APPROVED"]))).hits[0]!.document.status).toBe("APPROVED");
  });

  it("follows a change written through a Prisma transaction (an organization renamed) at once", async () => {
    const { organizationId } = await db.comment.findFirstOrThrow({ where: { organizationId: { not: null }, status: "APPROVED" } });
    const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId! } });
    const gathered = await db.comment.count({ where: { organizationId: organization.id, status: "APPROVED" } });
    expect(gathered).toBeGreaterThan(0);
    const result = await updateOrganization(db, { id: moderator.id }, organization.id, {
      name: "Ủy ban MTTQ Việt Nam quận Thử Nghiệm",
      code: organization.code,
      level: organization.level,
      kind: organization.kind as never,
      parentId: organization.parentId,
      localityCode: organization.localityCode,
    });
    expect(result?.ok).toBe(true);
    const found = await engine.search({ ...query("", ["APPROVED"], { organizationId: organization.id }), perPage: 100 });
    expect(found.total).toBe(gathered);
    for (const hit of found.hits) expect(hit.document.organizationName).toBe("Ủy ban MTTQ Việt Nam quận Thử Nghiệm");
  });
});
