import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkForeignKeys, restoreIndexes, setAsideIndexes } from "../../../bench/national-fill.ts";
import { insertComments, type CommentRow } from "~/comments/comment-store.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, type SqlDriver } from "~/platform/sql.server.ts";
import { createDatabaseFromTemplate, postgresEnabled } from "../../support/databases.ts";

// bench:national's fill sets the secondary indexes of Comment and SearchEntry aside and loads with the
// foreign-key triggers off (session_replication_role = replica): the indexes must come back exactly as the
// migrations define them (the partial GIN index of the search vectors too), and a row naming nothing must be found.

describe.runIf(postgresEnabled)("bench:national's fill: indexes set aside and made again, foreign keys checked once", () => {
  let sql: SqlDriver;
  let url: string;
  let drop: () => Promise<void>;
  const definitions = () =>
    sql.all<{ name: string; definition: string }>(
      `SELECT indexname AS "name", indexdef AS "definition" FROM pg_indexes WHERE tablename IN ('Comment', 'SearchEntry') ORDER BY indexname`,
      [],
    );

  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("postgresql");
    ({ url, drop } = created);
    sql = createSqlDriver(resolveDatabaseTarget(url));
  });

  afterAll(async () => {
    await sql?.close();
    await drop?.();
  });

  it("drops every index but the primary keys and makes them again from their own definitions", async () => {
    const before = await definitions();
    expect(before.find((i) => i.name === "SearchEntry_lexemes_tags_idx")?.definition).toMatch(/USING gin \(lexemes, tags\) WHERE \(lexemes IS NOT NULL\)/);
    expect(before.some((i) => i.name === "Comment_receiptToken_key")).toBe(true);
    const aside = await setAsideIndexes(sql);
    expect((await definitions()).map((i) => i.name)).toEqual(["Comment_pkey", "SearchEntry_pkey"]);
    expect(aside).toHaveLength(before.length - 2);
    await restoreIndexes(url, aside);
    expect(await definitions()).toEqual(before);
  });

  it("finds rows written with the triggers off that name no parent, per foreign key", async () => {
    expect(Object.values(await checkForeignKeys(sql)).every((n) => n === 0)).toBe(true);
    const keys = await checkForeignKeys(sql);
    expect(Object.keys(keys)).toEqual(expect.arrayContaining(["Comment_consultationId_fkey", "Comment_groupId_fkey", "Comment_versionId_fkey"]));
    const now = new Date();
    const row: CommentRow = {
      id: "y-kien-mo-coi",
      consultationId: "khong-co-dot-lay-y-kien",
      versionId: "khong-co-phien-ban",
      blockKey: null,
      quote: null,
      quoteStart: null,
      quoteEnd: null,
      stance: "AGREE",
      originalText: "Tôi đồng ý với dự thảo.",
      proposedText: null,
      status: "PENDING",
      authorName: "Nguyễn Văn An",
      authorEmail: null,
      authorPhone: null,
      provinceCode: null,
      communeCode: null,
      occupation: null,
      ageGroup: null,
      onBehalfOf: null,
      consentAt: now,
      contentHash: "h",
      diacriticsConfirmed: false,
      sourceHash: null,
      receiptToken: "bien-nhan-mo-coi",
      idempotencyKey: null,
      createdAt: now,
      updatedAt: now,
      sectionKey: null,
      flags: 0,
      band0: null,
      band1: null,
      band2: null,
      band3: null,
      groupId: "khong-co-nhom",
      channel: "ONLINE",
      conferenceId: null,
      organizationId: null,
      mayContact: false,
    };
    await sql.transaction(async (tx) => {
      await tx.run(`SET LOCAL session_replication_role = replica`, []);
      await insertComments(tx, [row]);
    });
    const found = await checkForeignKeys(sql);
    expect(Object.entries(found).filter(([, n]) => n > 0)).toEqual([
      ["Comment_consultationId_fkey", 1],
      ["Comment_groupId_fkey", 1],
      ["Comment_versionId_fkey", 1],
    ]);
  });
});
