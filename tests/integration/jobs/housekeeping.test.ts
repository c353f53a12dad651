import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MEILISEARCH_CONSUMER } from "@search/indexer.server.ts";
import { pruneOutbox } from "@search/outbox/outbox.server.ts";
import { pruneNotifications } from "~/notifications/outbox.server.ts";
import { loadConfig } from "~/platform/config.server.ts";
import { housekeeping } from "~/jobs/housekeeping.server.ts";
import { setSingleton } from "~/platform/singleton.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

const NOW = new Date("2026-11-26T10:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60_000);

describeEachDatabase("housekeeping", (ctx) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "gopy-housekeeping-"));
    // The app's configuration for this suite: its own export folder.
    loadConfig({ ...process.env, EXPORT_DIR: dir });
  });
  afterAll(() => {
    setSingleton("config", undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const outbox = async (entityId: string, createdAt: Date) =>
    (await ctx.db.searchOutbox.create({ data: { kind: "comment", entityId, createdAt }, select: { id: true } })).id;
  const remaining = async (prefix: string) =>
    (await ctx.db.searchOutbox.findMany({ where: { entityId: { startsWith: prefix } }, orderBy: { id: "asc" } })).map((r) => r.entityId);

  it("deletes search outbox rows older than a day; with a shared cursor only those it has passed", async () => {
    await outbox("a-old-1", ago(2));
    await outbox("a-old-2", ago(2));
    await outbox("a-new", ago(0.1));
    expect(await pruneOutbox(ctx.db, { sharedCursor: false, now: NOW.getTime() })).toBe(2);
    expect(await remaining("a-")).toEqual(["a-new"]);

    const passed = await outbox("b-old-passed", ago(2));
    await outbox("b-old-ahead", ago(2));
    // Meilisearch without its cursor yet: nothing is known to be applied.
    expect(await pruneOutbox(ctx.db, { sharedCursor: true, now: NOW.getTime() })).toBe(0);
    await ctx.db.searchCursor.create({ data: { consumer: MEILISEARCH_CONSUMER, lastId: passed, updatedAt: NOW } });
    expect(await pruneOutbox(ctx.db, { sharedCursor: true, now: NOW.getTime() })).toBe(1);
    expect(await remaining("b-")).toEqual(["b-old-ahead"]);
    await ctx.db.searchCursor.delete({ where: { consumer: MEILISEARCH_CONSUMER } });
  });

  it("deletes emails sent or given up on more than 30 days ago, never those waiting to be sent", async () => {
    const row = (id: string, fields: { sentAt?: Date | null; nextAt?: Date | null; createdAt: Date }) =>
      ctx.db.notification.create({ data: { id, to: "tac-gia@example.vn", subject: "Ý kiến của bạn đã được duyệt", text: "…", ...fields } });
    await row("sent-old", { sentAt: ago(31), nextAt: null, createdAt: ago(31) });
    await row("sent-recent", { sentAt: ago(2), nextAt: null, createdAt: ago(2) });
    await row("gave-up-old", { sentAt: null, nextAt: null, createdAt: ago(40) });
    await row("waiting-old", { sentAt: null, nextAt: ago(1), createdAt: ago(40) });
    expect(await pruneNotifications(ctx.db, NOW.getTime())).toBe(2);
    const left = (await ctx.db.notification.findMany({ orderBy: { id: "asc" } })).map((n) => n.id);
    expect(left).toEqual(["sent-recent", "waiting-old"]);
  });

  it("runs every sweep together", async () => {
    await outbox("c-old", ago(3));
    // A cached file past its expiry, and one a writer died writing an hour ago (ADR 052).
    await ctx.db.storedFile.create({ data: { id: "het-han", kind: "response-report", contentType: "text/csv", finishedAt: ago(2), expiresAt: ago(1) } });
    await ctx.db.storedFile.create({ data: { id: "bo-do", kind: "export", contentType: "text/csv", touchedAt: ago(1) } });
    await ctx.db.storedFile.create({ data: { id: "dang-ghi", kind: "export", contentType: "text/csv", touchedAt: NOW } });
    // The embedded engine (no shared cursor): "c-old" and the row the shared cursor had not passed above.
    expect(await housekeeping(ctx.db, NOW, { retentionDays: null })).toEqual({ exports: 0, files: 2, notifications: 0, outbox: 2, contacts: 0 });
    expect((await ctx.db.storedFile.findMany({ select: { id: true } })).map((f) => f.id)).toEqual(["dang-ghi"]);
    expect([...(await remaining("b-")), ...(await remaining("c-"))]).toEqual([]);
    expect(await remaining("a-")).toEqual(["a-new"]);
  });
});
