import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertComment, isGroupGone, isIdempotencyConflict } from "~/comments/comment-store.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver, groupCommitCounts, type SqlDriver } from "~/platform/sql.server.ts";
import { plainComment } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// ADR 055: the submissions arriving together share one commit; each still gets its own result or its
// own error, and none is answered before the commit that holds it succeeded.

const NOW = new Date("2026-11-26T08:00:00Z");
const DRAFT = ["DỰ THẢO GHI CHUNG", "Phần thứ nhất", "ĐÁNH GIÁ", "1. Kinh tế tăng trưởng khá.", "2. Văn hóa có nhiều tiến bộ."].join("\n\n");
/** The text a test trigger (PostgreSQL) or a deferred foreign key (SQLite) refuses at COMMIT. */
const REFUSED_AT_COMMIT = "Góp ý làm hỏng lần ghi chung";

describeEachDatabase("group commit of submissions", (ctx) => {
  let sql: SqlDriver;
  let target: { consultationId: string; versionId: string; blockKey: string | null };
  let n = 0;
  const comment = (fields: Partial<Parameters<typeof plainComment>[0]> = {}) =>
    plainComment({ ...target, originalText: `Ý kiến ghi chung số ${++n}`, authorName: `Người gửi ${n}`, createdAt: NOW, ...fields });
  const stored = async (texts: string[]) => ctx.db.comment.count({ where: { originalText: { in: texts } } });
  const captcha = (signature: string) => ({ signature, expiresAt: new Date(NOW.getTime() + 3_600_000) });

  beforeAll(async () => {
    // A wide window, so that writes started together always share a group.
    sql = createSqlDriver(resolveDatabaseTarget(ctx.url), { groupCommit: { windowMs: 40, maxBatch: 8 } });
    await createConsultationFromText(ctx.db, { slug: "ghi-chung", status: "OPEN", opensAt: NOW }, DRAFT);
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "ghi-chung" }, select: { id: true, publishedVersionId: true } });
    target = { consultationId: consultation.id, versionId: consultation.publishedVersionId!, blockKey: null };
  });
  afterAll(async () => {
    await sql?.close();
  });

  it("commits concurrent submissions in fewer commits than submissions, each with its outbox row, groups capped", async () => {
    const before = { ...groupCommitCounts(sql)! };
    const rows = Array.from({ length: 20 }, () => comment({ id: randomUUID() }));
    const results = await Promise.all(rows.map((row, i) => insertComment(sql, row, i % 2 ? captcha(`chu-ky-${randomUUID()}`) : undefined)));
    expect(results).toEqual(rows.map(() => true));
    const after = groupCommitCounts(sql)!;
    expect(after.members - before.members).toBe(20);
    expect(after.groups - before.groups).toBe(3); // 8 + 8 + 4: fewer commits than submissions, none above the cap
    const ids = rows.map((r) => r.id!);
    expect(await ctx.db.comment.count({ where: { id: { in: ids } } })).toBe(20);
    const announced = await ctx.db.searchOutbox.findMany({ where: { kind: "comment", entityId: { in: ids } } });
    expect(announced.map((a) => a.entityId).sort()).toEqual([...ids].sort());
    // Stored exactly as alone: Prisma reads the row back with its dates and values.
    const one = await ctx.db.comment.findUniqueOrThrow({ where: { id: ids[1]! } });
    expect(one).toMatchObject({ status: "PENDING", channel: "ONLINE", createdAt: NOW, consentAt: NOW, mayContact: false, diacriticsConfirmed: false });
  });

  it("fails only the member whose own write failed, with its own error; the others are stored", async () => {
    const taken = comment({ idempotencyKey: `khoa-${randomUUID()}` });
    expect(await insertComment(sql, taken)).toBe(true);
    const used = captcha(`chu-ky-da-dung-${randomUUID()}`);
    expect(await insertComment(sql, comment(), used)).toBe(true);
    const before = { ...groupCommitCounts(sql)! };

    const good = [comment(), comment(), comment()];
    const conflict = comment({ idempotencyKey: taken.idempotencyKey }); // a racing retry of a stored form
    const gone = comment({ groupId: `nhom-da-gop-${randomUUID()}` }); // its group was merged away meanwhile
    const reused = comment(); // its captcha solution was used before
    const settled = await Promise.allSettled([
      insertComment(sql, good[0]!),
      insertComment(sql, conflict),
      insertComment(sql, good[1]!),
      insertComment(sql, gone),
      insertComment(sql, reused, used),
      insertComment(sql, good[2]!),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(isIdempotencyConflict((settled[1] as PromiseRejectedResult).reason)).toBe(true);
    expect(isGroupGone((settled[3] as PromiseRejectedResult).reason)).toBe(true);
    expect((settled[4] as PromiseFulfilledResult<boolean>).value).toBe(false);
    expect(await stored(good.map((c) => c.originalText))).toBe(3);
    expect(await stored([conflict.originalText, gone.originalText, reused.originalText])).toBe(0);
    expect(groupCommitCounts(sql)!.groups - before.groups).toBe(1);
  });

  it("keeps the order of arrival: of two writes of one form sent together, the first is stored and the second refused", async () => {
    const key = `khoa-${randomUUID()}`;
    const [first, second] = [comment({ idempotencyKey: key }), comment({ idempotencyKey: key })];
    const [a, b] = await Promise.allSettled([insertComment(sql, first), insertComment(sql, second)]);
    expect(a).toEqual({ status: "fulfilled", value: true });
    expect(b.status).toBe("rejected");
    expect(isIdempotencyConflict((b as PromiseRejectedResult).reason)).toBe(true);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(row.originalText).toBe(first.originalText);
    // One captcha solution in two writes sent together: only the first uses it.
    const solution = captcha(`chu-ky-${randomUUID()}`);
    const twice = await Promise.all([insertComment(sql, comment(), solution), insertComment(sql, comment(), solution)]);
    expect(twice).toEqual([true, false]);
  });

  it("rejects every member when the group's COMMIT fails, and stores none of them", async () => {
    const failing = comment({ originalText: REFUSED_AT_COMMIT, groupId: `nhom-khong-co-${randomUUID()}` });
    let failingSteps: { sql: string; params: unknown[] }[] = [];
    if (ctx.provider === "postgresql") {
      // A deferred constraint trigger: the statement succeeds, its commit is refused.
      failing.groupId = null;
      await ctx.db.$executeRawUnsafe(`CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW."originalText" = '${REFUSED_AT_COMMIT}' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END $$`);
      await ctx.db.$executeRawUnsafe(`CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON "Comment" DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()`);
    } else {
      // Foreign keys checked at COMMIT: the member's missing group passes its savepoint and fails the COMMIT.
      failingSteps = [{ sql: "PRAGMA defer_foreign_keys = ON", params: [] }];
    }
    try {
      const others = [comment(), comment(), comment()];
      const settled = await Promise.allSettled([
        insertComment(sql, others[0]!),
        insertComment(sql, failing, undefined, failingSteps),
        insertComment(sql, others[1]!, captcha(`chu-ky-${randomUUID()}`)),
        insertComment(sql, others[2]!),
      ]);
      expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
      expect(await stored([REFUSED_AT_COMMIT, ...others.map((c) => c.originalText)])).toBe(0);
      // Nothing is left open: the next group commits.
      expect(await insertComment(sql, comment())).toBe(true);
    } finally {
      if (ctx.provider === "postgresql") {
        await ctx.db.$executeRawUnsafe(`DROP TRIGGER refuse_at_commit ON "Comment"`);
        await ctx.db.$executeRawUnsafe(`DROP FUNCTION refuse_at_commit()`);
      }
    }
  });

  it("with group commit off (GROUP_COMMIT_MS=0) writes each submission alone, with the same results", async () => {
    const alone = createSqlDriver(resolveDatabaseTarget(ctx.url), { groupCommit: { windowMs: 0, maxBatch: 64 } });
    try {
      const key = `khoa-${randomUUID()}`;
      const settled = await Promise.allSettled([
        insertComment(alone, comment({ idempotencyKey: key })),
        insertComment(alone, comment({ idempotencyKey: key })),
      ]);
      expect(settled.map((s) => s.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(groupCommitCounts(alone)).toEqual({ groups: 0, members: 0 });
    } finally {
      await alone.close();
    }
  });
});
