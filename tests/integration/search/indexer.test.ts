import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { createEmbeddedSearchEngine } from "@search/embedded/engine.ts";
import { SearchUnavailableError, type CommentStatusValue, type SearchDocument, type SearchEngine, type SearchQuery } from "@search/engine.ts";
import { allDocuments, countAllDocuments, documentsForComments, documentsForVersion } from "@search/documents.server.ts";
import {
  LEASE_MS,
  MEILISEARCH_CONSUMER,
  createOutboxConsumer,
  memoryCursor,
  outboxLag,
  resetSharedCursor,
  sharedCursor,
  startCursor,
  type OutboxConsumer,
} from "@search/indexer.server.ts";
import { reindex } from "@search/reindex.ts";
import { createSearchRuntime, type SearchConfig, type SearchRuntime } from "@search/runtime.server.ts";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";
import { submitComment } from "~/comments/submit.server.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { createConsultationFromText, publishVersion } from "~/consultations/publish.server.ts";
import { decideComment, type Decision } from "~/moderation/decisions.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { loader } from "~/routes/healthz.ts";
import { commentForm, VALID_FIELDS } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";
import { setSingleton } from "~/platform/singleton.server.ts";

const DAY = 86_400_000;
const SLUG = "chi-muc-tim-kiem";
const DRAFT_1 = [
  "DỰ THẢO BÁO CÁO CHÍNH TRỊ",
  "Phần thứ nhất",
  "ĐÁNH GIÁ TÌNH HÌNH",
  "1. Kinh tế tăng trưởng khá, quy mô được mở rộng.",
  "2. Văn hóa, xã hội có nhiều tiến bộ.",
  "Phần thứ hai",
  "PHƯƠNG HƯỚNG NHIỆM VỤ",
  "1. Phát triển nông nghiệp và thủy lợi nội đồng.",
].join("\n\n");
const DRAFT_2 = DRAFT_1.replace("Kinh tế tăng trưởng khá, quy mô được mở rộng.", "Phát triển kinh tế tuần hoàn và kinh tế số.");
const ALL: CommentStatusValue[] = ["PENDING", "APPROVED", "REJECTED"];

const silent = { log: () => undefined, error: () => undefined };

/** A stand-in for a Meilisearch server: keeps documents by id, counts overlapping pushes, can be "down". */
function recordingEngine() {
  const docs = new Map<string, SearchDocument>();
  const state = { down: false, inFlight: 0, maxInFlight: 0, pushes: 0, gate: null as Promise<void> | null };
  const push = async (work: () => void) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      if (state.down) throw new SearchUnavailableError("Meilisearch: connect ECONNREFUSED 127.0.0.1:7700");
      await (state.gate ?? new Promise((resolve) => setTimeout(resolve, 2)));
      work();
      state.pushes++;
    } finally {
      state.inFlight--;
    }
  };
  const engine: SearchEngine = {
    name: "meilisearch",
    upsert: (list) => push(() => list.forEach((doc) => docs.set(doc.id, doc))),
    remove: (ids) => push(() => ids.forEach((id) => docs.delete(id))),
    search: async () => {
      throw new Error("not used");
    },
    async rebuild(batches) {
      const next = new Map<string, SearchDocument>();
      for await (const batch of batches) for (const doc of batch) next.set(doc.id, doc);
      docs.clear();
      for (const [id, doc] of next) docs.set(id, doc);
    },
    health: async () => (state.down ? { ok: false, message: "ECONNREFUSED" } : { ok: true }),
  };
  return { engine, docs, state };
}

/** Submits through the real intake (a different author and address each time); resolves with the stored row. */
function submitter(ctx: { db: Db; sql: SqlDriver }, slug: string) {
  let n = 0;
  return async (fields: Record<string, string>) => {
    n++;
    const result = await submitComment(ctx.db, slug, commentForm({ ...VALID_FIELDS, email: `nguoi${n}@example.vn`, ...fields }), {
      clientAddress: `203.0.113.${n}`,
      sql: ctx.sql,
      now: new Date(),
      limiter: new RateLimiter(),
      limits: readLimits({}),
    });
    if (result.status !== "accepted") throw new Error(`not accepted: ${JSON.stringify(result)}`);
    return ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: result.receiptToken } });
  };
}

/** Steps until nothing is left to apply. */
async function drain(consumer: OutboxConsumer) {
  for (let i = 0; i < 100; i++) {
    const result = await consumer.step();
    if (!result.more && result.applied === 0) return result;
  }
  throw new Error("the consumer did not catch up");
}

const query = (q: string, filters: Partial<SearchQuery["filters"]> = {}): SearchQuery => ({
  q,
  filters: { statuses: ALL, ...filters },
  page: 1,
  perPage: 100,
  facets: [],
});

describeEachDatabase("search indexer", (ctx) => {
  let consultationId: string;
  let version1: string;
  let clauseKeys: string[];
  let moderator: { id: string; name: string };
  const submit = submitter(ctx, SLUG);
  const decide = async (id: string, decision: Decision) => {
    const result = await decideComment(ctx.sql, moderator, id, decision);
    if (!result.ok) throw new Error(result.message);
  };
  const maxOutboxId = async () => (await ctx.db.searchOutbox.aggregate({ _max: { id: true } }))._max.id ?? 0;

  beforeAll(async () => {
    await createConsultationFromText(
      ctx.db,
      { slug: SLUG, status: "OPEN", opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 30 * DAY) },
      DRAFT_1,
    );
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG } });
    consultationId = consultation.id;
    version1 = consultation.publishedVersionId!;
    const clauses = await ctx.db.block.findMany({ where: { versionId: version1, kind: "clause" }, orderBy: { position: "asc" } });
    clauseKeys = clauses.map((c) => c.key);
    moderator = await ctx.db.user.create({ data: { email: "bientap@example.vn", name: "Lê Thị Hoa", role: "MODERATOR" }, select: { id: true, name: true } });
  });

  it("builds a comment's document: published text, public byline, locality names, section; no contact details", async () => {
    const comment = await submit({
      name: "Trần Thị Bích Ngọc",
      email: "bich.ngoc@example.vn",
      phone: "0912345678",
      blockKey: clauseKeys[0]!,
      stance: "DISAGREE",
      text: "Đề nghị nêu rõ nguyên nhân của những hạn chế trong tăng trưởng kinh tế.",
    });
    const { upsert, remove } = await documentsForComments(ctx.db, [comment.id, comment.id, "khong-ton-tai"]);
    expect(remove).toEqual(["c_khong-ton-tai"]);
    expect(upsert).toHaveLength(1);
    const doc = upsert[0]!;
    const block = await ctx.db.block.findUniqueOrThrow({ where: { versionId_key: { versionId: version1, key: clauseKeys[0]! } } });
    const section = await ctx.db.block.findUniqueOrThrow({ where: { versionId_key: { versionId: version1, key: comment.sectionKey! } } });
    expect(doc).toEqual({
      id: `c_${comment.id}`,
      kind: "comment",
      consultationId,
      consultationSlug: SLUG,
      consultationTitle: "DỰ THẢO BÁO CÁO CHÍNH TRỊ",
      blockKey: clauseKeys[0],
      blockLabel: block.label,
      sectionKey: comment.sectionKey,
      sectionTitle: section.text,
      text: "Đề nghị nêu rõ nguyên nhân của những hạn chế trong tăng trưởng kinh tế.",
      commentId: comment.id,
      stance: "DISAGREE",
      status: "PENDING",
      provinceCode: "01",
      provinceName: "Thành phố Hà Nội",
      communeCode: "00004",
      communeName: "Phường Ba Đình",
      organizationId: null,
      organizationName: null,
      byline: "Trần T. B. N., Phường Ba Đình, Thành phố Hà Nội",
      createdAt: comment.createdAt.getTime(),
    });
    expect(section.kind).not.toBe("clause");
    const serialized = JSON.stringify(upsert);
    for (const secret of ["bich.ngoc@example.vn", "0912345678", comment.receiptToken, "Bích Ngọc"]) expect(serialized).not.toContain(secret);

    // Edited before approval: the published text is what is searched; the original stays out.
    await decide(comment.id, { action: "edit", text: "Đề nghị phân tích nguyên nhân chủ quan của hạn chế." });
    const [edited] = (await documentsForComments(ctx.db, [comment.id])).upsert;
    expect(edited).toMatchObject({ status: "APPROVED", text: "Đề nghị phân tích nguyên nhân chủ quan của hạn chế." });

    // An opinion gathered by an organization (a conference, a letter) carries its name.
    const front = await ctx.db.organization.create({ data: { name: "Ủy ban MTTQ Việt Nam Phường Ba Đình", level: "COMMUNE" } });
    await ctx.db.comment.update({ where: { id: comment.id }, data: { organizationId: front.id } });
    const [gathered] = (await documentsForComments(ctx.db, [comment.id])).upsert;
    expect(gathered).toMatchObject({ organizationId: front.id, organizationName: "Ủy ban MTTQ Việt Nam Phường Ba Đình" });

    // A comment on the whole draft has no block, label or section.
    const whole = await submit({ text: "Dự thảo cần ngắn gọn hơn, tránh lặp lại các ý đã nêu." });
    const [wholeDoc] = (await documentsForComments(ctx.db, [whole.id])).upsert;
    expect(wholeDoc).toMatchObject({ blockKey: null, blockLabel: null, sectionKey: null, sectionTitle: null, status: "PENDING" });
  });

  it("builds a published version's block documents", async () => {
    const { upsert, remove } = await documentsForVersion(ctx.db, version1);
    const blocks = await ctx.db.block.findMany({ where: { versionId: version1 }, orderBy: { position: "asc" } });
    const version = await ctx.db.documentVersion.findUniqueOrThrow({ where: { id: version1 } });
    expect(remove).toEqual([]);
    expect(upsert.map((d) => d.id)).toEqual(blocks.map((b) => `b_${version1}_${b.key}`));
    const clause = upsert.find((d) => d.blockKey === clauseKeys[0])!;
    expect(clause).toMatchObject({
      kind: "block",
      consultationSlug: SLUG,
      text: "1. Kinh tế tăng trưởng khá, quy mô được mở rộng.",
      blockLabel: blocks.find((b) => b.key === clauseKeys[0])!.label,
      commentId: null,
      status: null,
      byline: null,
      createdAt: version.publishedAt!.getTime(),
      versionNumber: 1,
      currentVersion: true,
    });
    expect(clause.sectionTitle).toBeTruthy();
    expect(upsert.find((d) => d.blockKey === clause.sectionKey)?.text).toBe(clause.sectionTitle);
    expect(await documentsForVersion(ctx.db, "khong-ton-tai")).toEqual({ upsert: [], remove: [] });
  });

  it("outbox → embedded index: a submitted comment, an approval, an edit, a rejection and a new version all arrive", async () => {
    const engine = createEmbeddedSearchEngine();
    const from = await startCursor(ctx.db);
    await engine.rebuild(allDocuments(ctx.db, 3));
    const consumer = createOutboxConsumer(ctx.db, engine, memoryCursor(from), { log: silent });
    await drain(consumer);
    const find = async (q: string, filters: Partial<SearchQuery["filters"]> = {}) => (await engine.search(query(q, filters))).hits.map((h) => h.document);

    const approved = await submit({ blockKey: clauseKeys[2]!, text: "Cần ưu tiên vốn cho kênh mương thủy lợi nội đồng ở vùng khó khăn." });
    await drain(consumer);
    expect((await find("kenh muong", { kind: "comment" })).map((d) => [d.commentId, d.status])).toEqual([[approved.id, "PENDING"]]);
    expect(await find("kenh muong", { kind: "comment", statuses: ["APPROVED"] })).toEqual([]);

    await decide(approved.id, { action: "approve" });
    await drain(consumer);
    expect((await find("kênh mương", { statuses: ["APPROVED"] })).map((d) => d.commentId)).toEqual([approved.id]);

    const edited = await submit({ blockKey: clauseKeys[1]!, text: "Câu chữ ở đoạn này lủng củng, nên nói rõ về trường học vùng cao." });
    await decide(edited.id, { action: "edit", text: "Đề nghị bổ sung nội dung về trường học vùng cao." });
    const rejected = await submit({ text: "Ý kiến không phù hợp về chủ đề xổ số kiến thiết." });
    await decide(rejected.id, { action: "reject", reason: "Không liên quan đến dự thảo" });
    await drain(consumer);
    expect((await find("bổ sung trường học", { statuses: ["APPROVED"] })).map((d) => d.commentId)).toEqual([edited.id]);
    expect(await find("lủng củng", { kind: "comment" })).toEqual([]);
    expect(await find("xổ số kiến thiết", { statuses: ["APPROVED"] })).toEqual([]);
    expect((await find("xổ số kiến thiết")).map((d) => d.status)).toEqual(["REJECTED"]);

    // A new version: its blocks come in, the previous version's stay, labelled 1 and no longer current.
    const version2 = await ctx.db.documentVersion.create({
      data: { consultationId, number: 2, title: "Dự thảo lần 2", content: importStructuredText(DRAFT_2).doc as object },
    });
    await publishVersion(ctx.db, version2.id);
    expect((await find("tăng trưởng khá", { kind: "block" })).map((d) => d.currentVersion)).toEqual([true]);
    await drain(consumer);
    const circular = await find("kinh tế tuần hoàn", { kind: "block" });
    expect(circular.map((d) => [d.id.startsWith(`b_${version2.id}_`), d.versionNumber, d.currentVersion])).toEqual([[true, 2, true]]);
    const old = await find("tăng trưởng khá", { kind: "block" });
    expect(old.map((d) => [d.id, d.versionNumber, d.currentVersion])).toEqual([[`b_${version1}_${clauseKeys[0]}`, 1, false]]);
    expect(await find("tăng trưởng khá", { kind: "block", currentOnly: true })).toEqual([]);
    const [count1, count2] = await Promise.all([version1, version2.id].map((versionId) => ctx.db.block.count({ where: { versionId } })));
    const blocks = await find("", { kind: "block", consultationId });
    expect(blocks.length).toBe(count1 + count2);
    expect(blocks.filter((d) => d.id.startsWith(`b_${version1}_`)).every((d) => d.versionNumber === 1 && d.currentVersion === false)).toBe(true);
    expect(blocks.filter((d) => d.id.startsWith(`b_${version2.id}_`)).every((d) => d.versionNumber === 2 && d.currentVersion === true)).toBe(true);
    expect(await find("", { kind: "block", consultationId, currentOnly: true })).toHaveLength(count2);
    // A paragraph kept from version 1: both versions' blocks match, the current one first (the newer wins the tie).
    const kept = await find("thủy lợi nội đồng", { kind: "block" });
    expect(kept.map((d) => d.versionNumber)).toEqual([2, 1]);
    // Comments stay, whatever version they were written on.
    expect((await find("kênh mương", { statuses: ["APPROVED"] })).map((d) => d.commentId)).toEqual([approved.id]);

    // A stale row (version 1, read again) gives the same documents: they follow the database as it is.
    const stale = await documentsForVersion(ctx.db, version1);
    expect(stale.remove).toEqual([]);
    expect(stale.upsert).toHaveLength(count1 + count2);
    expect(stale.upsert.find((d) => d.id === `b_${version1}_${clauseKeys[0]}`)).toMatchObject({ versionNumber: 1, currentVersion: false });
    expect(await consumer.lag()).toEqual({ rows: 0, oldestMs: null });
  });

  it("allDocuments streams every published version's blocks and every comment, in batches", async () => {
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
    expect(consultation.publishedVersionId).not.toBe(version1);
    const batches: SearchDocument[][] = [];
    for await (const batch of allDocuments(ctx.db, 3)) batches.push(batch);
    expect(batches.every((b) => b.length >= 1 && b.length <= 3)).toBe(true);
    const docs = batches.flat();
    const ids = docs.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await countAllDocuments(ctx.db));
    expect(docs.filter((d) => d.id.startsWith(`b_${version1}_`)).every((d) => d.versionNumber === 1 && d.currentVersion === false)).toBe(true);
    const blocks = await ctx.db.block.findMany({
      where: { versionId: { in: [version1, consultation.publishedVersionId!] } },
      select: { versionId: true, key: true },
    });
    const comments = await ctx.db.comment.findMany({ select: { id: true } });
    expect(ids.sort()).toEqual([...blocks.map((b) => `b_${b.versionId}_${b.key}`), ...comments.map((c) => `c_${c.id}`)].sort());
    await expect(allDocuments(ctx.db, 0).next()).rejects.toThrow(/batchSize/);
  });

  it("a shared cursor: two processes racing lose nothing, and push one at a time", async () => {
    const { engine, docs, state } = recordingEngine();
    const consumerName = "race";
    await resetSharedCursor(ctx.db, await maxOutboxId(), consumerName);
    const consumers = [1, 2].map(() => createOutboxConsumer(ctx.db, engine, sharedCursor(ctx.db, consumerName), { log: silent, batchSize: 3 }));
    let writing = true;
    const loops = consumers.map(async (consumer) => {
      while (writing) {
        await consumer.step();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    const written: string[] = [];
    for (let i = 0; i < 12; i++) {
      const comment = await submit({ text: `Ý kiến số ${i + 1} về việc phát triển giao thông nông thôn bền vững.` });
      written.push(comment.id);
      if (i % 3 === 0) await decide(comment.id, { action: "approve" });
    }
    writing = false;
    await Promise.all(loops);
    for (const consumer of consumers) await drain(consumer);

    for (const id of written) expect(docs.has(`c_${id}`)).toBe(true);
    expect(written.filter((_, i) => i % 3 === 0).map((id) => docs.get(`c_${id}`)!.status)).toEqual(["APPROVED", "APPROVED", "APPROVED", "APPROVED"]);
    expect(state.maxInFlight).toBe(1);
    const cursor = await ctx.db.searchCursor.findUniqueOrThrow({ where: { consumer: consumerName } });
    expect(cursor.lastId).toBe(await maxOutboxId());
    expect(cursor.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await outboxLag(ctx.db, cursor.lastId)).toEqual({ rows: 0, oldestMs: null });
    // Caught up, a process only reads: no write on the shared row every second.
    await consumers[0]!.step();
    expect(await ctx.db.searchCursor.findUniqueOrThrow({ where: { consumer: consumerName } })).toEqual(cursor);
  });

  it("a shared cursor: a holder whose lease ran out cannot move the cursor; the rows are pushed again", async () => {
    const { engine, docs, state } = recordingEngine();
    const consumerName = "lease";
    await resetSharedCursor(ctx.db, await maxOutboxId(), consumerName);
    const comment = await submit({ text: "Đề nghị bổ sung chính sách hỗ trợ hợp tác xã nông nghiệp." });
    const start = Date.now();
    let release!: () => void;
    state.gate = new Promise((resolve) => (release = resolve));
    const slow = createOutboxConsumer(ctx.db, engine, sharedCursor(ctx.db, consumerName), { log: silent, now: () => start });
    const stalled = slow.step();
    await vi.waitFor(() => expect(state.inFlight).toBe(1));

    // While the lease holds, another process waits.
    const other = createOutboxConsumer(ctx.db, engine, sharedCursor(ctx.db, consumerName), { log: silent, now: () => start + 1_000 });
    expect(await other.step()).toMatchObject({ applied: 0, cursor: null });
    // After it, the other process takes over and applies the rows itself.
    const later = createOutboxConsumer(ctx.db, engine, sharedCursor(ctx.db, consumerName), { log: silent, now: () => start + LEASE_MS + 1 });
    state.gate = null;
    const second = await later.step();
    release();
    const first = await stalled;
    expect(second).toMatchObject({ applied: 1, lostRace: false });
    expect(first).toMatchObject({ applied: 1, lostRace: true, cursor: null });
    expect(docs.has(`c_${comment.id}`)).toBe(true);
    expect((await ctx.db.searchCursor.findUniqueOrThrow({ where: { consumer: consumerName } })).lastId).toBe(await maxOutboxId());
  });

  it("the gap rule: a cursor waits for a missing id, and passes it once the row after it is 10 s old", async () => {
    const { engine, docs } = recordingEngine();
    const [a, b, c] = await ctx.db.comment.findMany({ take: 3, orderBy: { id: "asc" }, select: { id: true } });
    const base = (await maxOutboxId()) + 100;
    // Rows written with chosen ids: what a reader sees while the transaction holding base+2 is still open.
    const insert = (id: number, entityId: string, createdAt = new Date()) => ctx.db.searchOutbox.create({ data: { id, kind: "comment", entityId, createdAt } });
    await insert(base + 1, a!.id);
    await insert(base + 3, c!.id);
    let clock = Date.now();
    const consumer = createOutboxConsumer(ctx.db, engine, memoryCursor(base), { log: silent, now: () => clock });
    expect(await consumer.step()).toMatchObject({ applied: 1, cursor: base + 1, blockedByGap: true });
    expect(docs.has(`c_${c!.id}`)).toBe(false);
    // The missing row commits: both are read, in order.
    await insert(base + 2, b!.id);
    expect(await consumer.step()).toMatchObject({ applied: 2, cursor: base + 3, blockedByGap: false });
    expect(docs.has(`c_${b!.id}`) && docs.has(`c_${c!.id}`)).toBe(true);

    // base+4 never comes (its transaction rolled back): base+5 waits 10 s, then goes.
    docs.clear();
    await insert(base + 5, a!.id);
    clock = Date.now();
    expect(await consumer.step()).toMatchObject({ applied: 0, cursor: base + 3, blockedByGap: true });
    clock += 5_000;
    expect(await consumer.step()).toMatchObject({ applied: 0, cursor: base + 3, blockedByGap: true });
    expect(await consumer.lag()).toMatchObject({ rows: 1 });
    clock += 5_001;
    expect(await consumer.step()).toMatchObject({ applied: 1, cursor: base + 5, blockedByGap: false });
    expect(docs.has(`c_${a!.id}`)).toBe(true);

    if (ctx.provider === "postgresql") {
      // Explicit ids do not move the sequence: put it after them for the tests that follow.
      await ctx.db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"SearchOutbox"', 'id'), (SELECT max("id") FROM "SearchOutbox"))`);
    }
  });

  it.runIf(ctx.provider === "postgresql")("PostgreSQL: a row committed after a higher id is not skipped", async () => {
    const { engine, docs } = recordingEngine();
    const [a, b] = await ctx.db.comment.findMany({ take: 2, orderBy: { id: "desc" }, select: { id: true } });
    const consumer = createOutboxConsumer(ctx.db, engine, memoryCursor(await maxOutboxId()), { log: silent });
    const outbox = `INSERT INTO "SearchOutbox" ("kind", "entityId", "createdAt") VALUES ('comment', ?, ?) RETURNING "id"`;
    let commit!: () => void;
    let inserted!: (id: number) => void;
    const firstId = new Promise<number>((resolve) => (inserted = resolve));
    // A transaction takes the lower id and stays open…
    const open = ctx.sql.transaction(async (tx) => {
      const [row] = await tx.all<{ id: number }>(outbox, [a!.id, new Date()]);
      inserted(row!.id);
      await new Promise<void>((resolve) => (commit = resolve));
    });
    const lower = await firstId;
    // …while another takes the next id and commits.
    const [higher] = await ctx.sql.all<{ id: number }>(outbox, [b!.id, new Date()]);
    expect(higher!.id).toBe(lower + 1);
    expect(await consumer.step()).toMatchObject({ applied: 0, cursor: lower - 1, blockedByGap: true });
    expect(docs.size).toBe(0);
    commit();
    await open;
    expect(await consumer.step()).toMatchObject({ applied: 2, cursor: higher!.id });
    expect(docs.has(`c_${a!.id}`) && docs.has(`c_${b!.id}`)).toBe(true);
  });

  it("a new cursor starts before the rows of the last 30 s, which are applied again after a build", async () => {
    const max = await maxOutboxId();
    expect(await startCursor(ctx.db)).toBeLessThan(max);
    expect(await startCursor(ctx.db, Date.now() + 31_000)).toBe(max);
  });

  it("engine down: the consumer retries with growing pauses, loses nothing and catches up when it returns", async () => {
    const { engine, docs, state } = recordingEngine();
    const logged: string[] = [];
    const log = { log: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    const consumer = createOutboxConsumer(ctx.db, engine, memoryCursor(await maxOutboxId()), { log, intervalMs: 10, maxBackoffMs: 80 });
    state.down = true;
    const comment = await submit({ text: "Đề nghị đầu tư thêm cho y tế cơ sở ở miền núi." });
    consumer.start();
    consumer.start(); // once only
    try {
      await vi.waitFor(() => expect(consumer.failures).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
      expect(docs.has(`c_${comment.id}`)).toBe(false);
      expect((await consumer.lag())!.rows).toBe(1);
      expect(logged[0]).toMatch(/^Tìm kiếm \(meilisearch\): công cụ tìm kiếm không trả lời \(lần 1\), thử lại sau 0,02 giây: .*ECONNREFUSED/);
      expect(logged[2]).toMatch(/\(lần 3\), thử lại sau 0,08 giây/);
      state.down = false;
      await vi.waitFor(() => expect(docs.has(`c_${comment.id}`)).toBe(true), { timeout: 5_000 });
      await vi.waitFor(() => expect(consumer.failures).toBe(0));
      expect(logged.some((m) => m.includes("trở lại bình thường"))).toBe(true);
      expect(await consumer.lag()).toEqual({ rows: 0, oldestMs: null });
    } finally {
      await consumer.stop();
    }
  });
});

const RUNTIME_SLUG = "tim-kiem-khi-chay";
const RUNTIME_DRAFT = ["DỰ THẢO NGHỊ QUYẾT", "Phần thứ nhất", "MỤC TIÊU", "1. Xây dựng chính quyền số phục vụ người dân."].join("\n\n");
const MEILI: SearchConfig = { engine: "meilisearch", host: "http://127.0.0.1:7700", indexUid: "gopy_test" };

const runtimes: SearchRuntime[] = [];
afterEach(async () => {
  setSingleton("db", undefined);
  setSingleton("searchRuntime", undefined);
  for (const runtime of runtimes.splice(0)) await runtime.stop();
});

function capture() {
  const lines: string[] = [];
  return { lines, log: { log: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } };
}

describeEachDatabase("search runtime, /healthz and reindex", (ctx) => {
  const submitFields = submitter(ctx, RUNTIME_SLUG);
  const submit = (text: string) => submitFields({ text });
  const runtime = (options: Parameters<typeof createSearchRuntime>[0]) => {
    const made = createSearchRuntime({ db: ctx.db, consumer: { intervalMs: 20, maxBackoffMs: 100 }, ...options });
    runtimes.push(made);
    return made;
  };

  beforeAll(async () => {
    await createConsultationFromText(
      ctx.db,
      { slug: RUNTIME_SLUG, status: "OPEN", opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY) },
      RUNTIME_DRAFT,
    );
    await submit("Đề nghị công khai tiến độ các dự án chuyển đổi số cấp xã.");
  });

  it("embedded: the first use builds the index once for all callers, logs the time, then follows the outbox", async () => {
    const { lines, log } = capture();
    const made = vi.fn(() => createEmbeddedSearchEngine());
    const search = runtime({ config: { engine: "embedded" }, createEngine: made, log });
    expect(await search.searchStatus()).toMatchObject({
      engine: "embedded",
      ready: false,
      lag: null,
      message: expect.stringContaining("lượt tìm kiếm đầu tiên"),
    });
    search.startSearchIndexer(); // nothing to follow before the index exists
    const [first, second] = await Promise.all([search.getSearchEngine(), search.getSearchEngine()]);
    expect(first).toBe(second);
    expect(await search.getSearchEngine()).toBe(first);
    expect(made).toHaveBeenCalledTimes(1);
    const total = await countAllDocuments(ctx.db);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Tìm kiếm: đã lập chỉ mục nhúng ${total} tài liệu trong [\\d,]+ giây`))]);
    expect((await first.search(query("chuyển đổi số"))).hits.length).toBeGreaterThan(0);

    const comment = await submit("Cần đào tạo kỹ năng số cho cán bộ văn hóa thông tin ở thôn bản.");
    await vi.waitFor(async () => expect((await first.search(query("thôn bản"))).hits.map((h) => h.document.commentId)).toEqual([comment.id]), {
      timeout: 5_000,
    });
    await vi.waitFor(async () => expect(await search.searchStatus()).toEqual({ engine: "embedded", ready: true, lag: { rows: 0, oldestMs: null } }));
  });

  it("embedded: a failed build rejects with SearchUnavailableError and the next call tries again", async () => {
    const { lines, log } = capture();
    let broken = true;
    const search = runtime({
      config: { engine: "embedded" },
      log,
      createEngine: () => {
        const engine = createEmbeddedSearchEngine();
        if (broken) engine.rebuild = async () => Promise.reject(new Error("hết bộ nhớ"));
        return engine;
      },
    });
    await expect(search.getSearchEngine()).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(lines).toEqual(["Tìm kiếm: không lập được chỉ mục nhúng"]);
    expect(await search.searchStatus()).toMatchObject({ ready: false, message: "Chưa lập được chỉ mục tìm kiếm: hết bộ nhớ" });
    broken = false;
    expect((await search.getSearchEngine()).name).toBe("embedded");
    expect(await search.searchStatus()).toMatchObject({ ready: true });
  });

  it("meilisearch: startSearchIndexer runs one shared consumer per process; status and /healthz report a down engine without failing", async () => {
    const { engine, docs, state } = recordingEngine();
    const made = vi.fn(() => engine);
    const { lines, log } = capture();
    const search = runtime({ config: MEILI, createEngine: made, log });
    search.startSearchIndexer();
    search.startSearchIndexer();
    expect(await search.getSearchEngine()).toBe(engine);
    expect(made).toHaveBeenCalledTimes(1);
    // No cursor yet: it is created at 0 and the whole outbox is replayed.
    await vi.waitFor(async () => expect(await search.searchStatus()).toEqual({ engine: "meilisearch", ready: true, lag: { rows: 0, oldestMs: null } }));
    const all = await ctx.db.comment.findMany({ select: { id: true } });
    for (const { id } of all) expect(docs.has(`c_${id}`)).toBe(true);

    state.down = true;
    const comment = await submit("Đề nghị tăng cường đối thoại giữa chính quyền và nhân dân.");
    await vi.waitFor(() => expect(lines.length).toBeGreaterThanOrEqual(2));
    expect(lines[0]).toMatch(/^Tìm kiếm \(meilisearch\): công cụ tìm kiếm không trả lời/);
    const status = await search.searchStatus();
    expect(status).toMatchObject({ engine: "meilisearch", ready: false, lag: { rows: 1 }, message: "Máy chủ Meilisearch không trả lời: ECONNREFUSED" });
    expect(status.lag!.oldestMs).toBeGreaterThanOrEqual(0);

    setSingleton("db", ctx.db);
    setSingleton("searchRuntime", search);
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok", search: { engine: "meilisearch", ready: false, lag: { rows: 1 } } });

    state.down = false;
    // Waits for /healthz itself to say the index caught up: the engine has the document before the
    // consumer moves its cursor past the row (a write after the push), so waiting for the document and
    // then asking /healthz once could find lag 1 in between.
    await vi.waitFor(
      async () =>
        expect(await (await loader()).json()).toEqual({
          status: "ok",
          database: "ok",
          search: { engine: "meilisearch", ready: true, lag: { rows: 0, oldestMs: null } },
        }),
      { timeout: 5_000 },
    );
    expect(docs.has(`c_${comment.id}`)).toBe(true);
  });

  it("reindex (Meilisearch): rebuilds with progress, then sets the shared cursor to where it started reading", async () => {
    const { engine, docs } = recordingEngine();
    await ctx.db.searchCursor.upsert({
      where: { consumer: MEILISEARCH_CONSUMER },
      create: { consumer: MEILISEARCH_CONSUMER, lastId: 999_999, updatedAt: new Date(Date.now() + 60_000) },
      update: { lastId: 999_999, updatedAt: new Date(Date.now() + 60_000) },
    });
    const out: string[] = [];
    const before = await startCursor(ctx.db);
    const result = await reindex({ db: ctx.db, config: MEILI, makeEngine: () => engine, out: { isTTY: false, write: (t) => out.push(t) }, batchSize: 2 });
    const total = await countAllDocuments(ctx.db);
    expect(result.documents).toBe(total);
    expect(docs.size).toBe(total);
    const text = out.join("");
    expect(text).toContain("Lập lại chỉ mục Meilisearch «gopy_test» tại http://127.0.0.1:7700");
    expect(text).toContain(`Đang lập chỉ mục: 0 / ${total} (0%)\n`);
    expect(text).toContain(`Đang lập chỉ mục: ${total} / ${total} (100%)\n`);
    expect(text).toMatch(new RegExp(`Đã lập chỉ mục ${total} tài liệu trong [\\d,]+ giây\\.`));
    // The cursor goes back to where the rebuild began (rows since are applied again), and any lease ends.
    const cursor = await ctx.db.searchCursor.findUniqueOrThrow({ where: { consumer: MEILISEARCH_CONSUMER } });
    expect(cursor.lastId).toBeGreaterThanOrEqual(before);
    expect(cursor.lastId).toBeLessThanOrEqual(await startCursor(ctx.db));
    expect(cursor.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("reindex (embedded): explains that each process builds its own, and still builds one to check it", async () => {
    const out: string[] = [];
    const result = await reindex({ db: ctx.db, config: { engine: "embedded" }, out: { isTTY: true, write: (t) => out.push(t) } });
    expect(result.documents).toBe(await countAllDocuments(ctx.db));
    const text = out.join("");
    expect(text).toContain("mỗi tiến trình của ứng dụng tự lập chỉ mục");
    expect(text).toContain(`\r[${"█".repeat(24)}] Đang lập chỉ mục: ${result.documents} / ${result.documents} (100%)\n`);
    expect(text).toContain("Đã lập chỉ mục");
  });
});
