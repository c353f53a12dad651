import { createHash, randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { expect, it } from "vitest";
import {
  ABANDONED_AFTER_MS,
  cachedStoredFile,
  CHUNK_BYTES,
  deleteExpiredStoredFiles,
  deleteStoredFile,
  deleteUnfinishedFiles,
  findCachedFile,
  findStoredFile,
  readStoredFile,
  storedFileChunks,
  storedFileResponse,
  storedFileStream,
  writeStoredFile,
} from "~/files/stored-files.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Files kept in the database (ADR 052) on real SQLite and PostgreSQL: written and read as streams a
// chunk at a time, a file of many chunks byte for byte, concurrent writers, a failed writer leaving
// nothing, unfinished files never read, deletion and housekeeping, the cached file built once.

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Writes `bytes` in pieces of `piece` bytes, waiting for the stream when it asks (backpressure). */
async function writeInPieces(out: Writable, bytes: Buffer, piece: number) {
  for (let at = 0; at < bytes.length; at += piece) {
    if (!out.write(bytes.subarray(at, at + piece))) await new Promise((resolve) => out.once("drain", resolve));
  }
}

describeEachDatabase("stored files", (ctx) => {
  it("writes a text and reads it back: size, SHA-256, type, one chunk, finished", async () => {
    const text = "Góp ý dự thảo: Điều 12 cần làm rõ trách nhiệm của Ủy ban nhân dân cấp xã.\n";
    const file = await writeStoredFile(ctx, { kind: "test", contentType: "text/plain; charset=utf-8" }, async (out) => {
      out.write(text);
    });
    const bytes = Buffer.from(text, "utf8");
    expect(file).toMatchObject({ kind: "test", key: null, size: bytes.length, chunkCount: 1, sha256: sha(bytes), contentType: "text/plain; charset=utf-8" });
    expect((await readStoredFile(ctx, file)).toString("utf8")).toBe(text);
    expect(await findStoredFile(ctx, file.id)).toEqual(file);
    const empty = await writeStoredFile(ctx, { kind: "test", contentType: "text/plain" }, async () => undefined);
    expect(empty).toMatchObject({ size: 0, chunkCount: 0, sha256: sha(Buffer.alloc(0)) });
    expect(await readStoredFile(ctx, empty)).toHaveLength(0);
  });

  it("keeps a large file in ~1 MB chunks, written in uneven pieces and read back byte for byte as a stream", async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES + 12_345);
    const file = await writeStoredFile(ctx, { kind: "test", contentType: "application/octet-stream" }, (out) => writeInPieces(out, bytes, 100_003));
    expect(file.chunkCount).toBe(4);
    const sizes = await ctx.sql.all<{ seq: number; bytes: number | string }>(
      `SELECT "seq", length("data") AS "bytes" FROM "StoredFileChunk" WHERE "fileId" = ? ORDER BY "seq"`,
      [file.id],
    );
    expect(sizes.map((c) => [c.seq, Number(c.bytes)])).toEqual([
      [0, CHUNK_BYTES],
      [1, CHUNK_BYTES],
      [2, CHUNK_BYTES],
      [3, 12_345],
    ]);
    // Streamed: each piece the reader gets is one chunk.
    const pieces: number[] = [];
    const hash = createHash("sha256");
    for await (const piece of storedFileStream(ctx, file)) {
      pieces.push((piece as Buffer).length);
      hash.update(piece as Buffer);
    }
    expect(pieces).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, 12_345]);
    expect(hash.digest("hex")).toBe(sha(bytes));
    expect(file.sha256).toBe(sha(bytes));
    // A download: the length, type and ETag, the caller's headers, the content.
    const response = storedFileResponse(ctx, file, { "Content-Disposition": 'attachment; filename="tep.bin"' });
    expect(response.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(response.headers.get("Content-Type")).toBe("application/octet-stream");
    expect(response.headers.get("ETag")).toBe(`"${sha(bytes)}"`);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="tep.bin"');
    expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(sha(bytes));
    expect(await deleteStoredFile(ctx, file.id)).toBe(true);
    expect(await ctx.db.storedFileChunk.count({ where: { fileId: file.id } })).toBe(0);
    expect(await findStoredFile(ctx, file.id)).toBeNull();
    expect(await deleteStoredFile(ctx, file.id)).toBe(false);
  });

  it("lets several writers write at once, each file whole and its own", async () => {
    const contents = Array.from({ length: 6 }, (_, i) => randomBytes(CHUNK_BYTES / 2 + i * 200_000));
    const files = await Promise.all(
      contents.map((bytes, i) =>
        writeStoredFile(ctx, { kind: "test", key: `dong-thoi-${i}`, contentType: "application/octet-stream" }, (out) => writeInPieces(out, bytes, 65_536)),
      ),
    );
    for (const [i, file] of files.entries()) {
      expect(file.sha256).toBe(sha(contents[i]));
      expect(sha(await readStoredFile(ctx, file))).toBe(sha(contents[i]));
    }
    expect(new Set(files.map((f) => f.id)).size).toBe(6);
  });

  it("a writer that fails leaves nothing; an unfinished file is never read and is deleted once abandoned", async () => {
    const before = await ctx.db.storedFile.count();
    await expect(
      writeStoredFile(ctx, { kind: "test", key: "hong", contentType: "text/csv" }, async (out) => {
        await writeInPieces(out, randomBytes(2 * CHUNK_BYTES + 10), 500_000);
        throw new Error("Máy chủ báo cáo bị lỗi giữa chừng");
      }),
    ).rejects.toThrow("Máy chủ báo cáo bị lỗi giữa chừng");
    expect(await ctx.db.storedFile.count()).toBe(before);
    expect(await ctx.db.storedFileChunk.count({ where: { file: { key: "hong" } } })).toBe(0);

    // What a writer killed mid-file leaves: a row without finishedAt, and some chunks.
    const now = new Date();
    await ctx.db.storedFile.create({ data: { id: "do-dang", kind: "export", key: "export:x", contentType: "text/csv", touchedAt: now } });
    await ctx.db.storedFileChunk.create({ data: { fileId: "do-dang", seq: 0, data: Buffer.from("Họ và tên,Ý kiến\n") } });
    expect(await findStoredFile(ctx, "do-dang")).toBeNull();
    expect(await findCachedFile(ctx, "export:x")).toBeNull();
    expect(await deleteExpiredStoredFiles(ctx, new Date(now.getTime() + ABANDONED_AFTER_MS - 1000))).toBe(0);
    expect(await deleteExpiredStoredFiles(ctx, new Date(now.getTime() + ABANDONED_AFTER_MS + 1000))).toBe(1);
    expect(await ctx.db.storedFileChunk.count({ where: { fileId: "do-dang" } })).toBe(0);
    // Or at once, by whoever takes the work up again.
    await ctx.db.storedFile.create({ data: { id: "do-dang-2", kind: "export", key: "export:y", contentType: "text/csv" } });
    expect(await deleteUnfinishedFiles(ctx, "export", "export:y")).toBe(1);
  });

  it("deletes files past their expiry, not the others", async () => {
    const now = new Date();
    const write = (expiresAt: Date | null) => writeStoredFile(ctx, { kind: "test", contentType: "text/plain", expiresAt }, async (out) => void out.write("x"));
    const [past, future, kept] = [await write(new Date(now.getTime() - 1000)), await write(new Date(now.getTime() + 60_000)), await write(null)];
    expect(await deleteExpiredStoredFiles(ctx, now)).toBe(1);
    expect(await findStoredFile(ctx, past.id)).toBeNull();
    expect(await findStoredFile(ctx, future.id)).not.toBeNull();
    expect(await findStoredFile(ctx, kept.id)).not.toBeNull();
  });

  it("a cached file is built once for concurrent requests, served while fresh, rebuilt when old, the old one expiring", async () => {
    let builds = 0;
    const request = (now: Date) => ({ kind: "test-cache", key: "bao-cao:1:v2", contentType: "text/plain", maxAgeMs: 60_000, supersedes: "bao-cao:1:", now });
    const build = async (out: Writable) => {
      builds++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      out.write(`Bản dựng số ${builds}`);
    };
    const t0 = new Date();
    const other = await writeStoredFile(
      ctx,
      { kind: "test-cache", key: "bao-cao:1:v1", contentType: "text/plain" },
      async (out) => void out.write("trạng thái cũ"),
    );
    const [a, b, c] = await Promise.all([
      cachedStoredFile(ctx, request(t0), build),
      cachedStoredFile(ctx, request(t0), build),
      cachedStoredFile(ctx, request(t0), build),
    ]);
    expect(builds).toBe(1);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect((await readStoredFile(ctx, a)).toString()).toBe("Bản dựng số 1");
    // The other state of the same report expires after the grace period, for downloads under way.
    expect((await ctx.db.storedFile.findUniqueOrThrow({ where: { id: other.id } })).expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await cachedStoredFile(ctx, request(new Date(t0.getTime() + 30_000)), build)).id).toBe(a.id);
    const later = await cachedStoredFile(ctx, request(new Date(Date.now() + 61_000)), build);
    expect(builds).toBe(2);
    expect(later.id).not.toBe(a.id);
    expect((await findCachedFile(ctx, "bao-cao:1:v2"))!.id).toBe(later.id);
    // The lease that kept other servers waiting is released.
    expect(await ctx.db.jobLease.count({ where: { name: "file:bao-cao:1:v2" } })).toBe(0);
  });

  it("a cached file another server is building is waited for, not built twice", async () => {
    // Another server holds the build lease for this key…
    await ctx.db.jobLease.create({ data: { name: "file:dang-dung", holder: "may-chu-khac", expiresAt: new Date(Date.now() + 60_000) } });
    let built = false;
    const waiting = cachedStoredFile(ctx, { kind: "test-cache", key: "dang-dung", contentType: "text/plain", maxAgeMs: 60_000 }, async (out) => {
      built = true;
      out.write("không được dựng ở đây");
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // … and finishes its file.
    const theirs = await writeStoredFile(
      ctx,
      { kind: "test-cache", key: "dang-dung", contentType: "text/plain" },
      async (out) => void out.write("của máy chủ kia"),
    );
    expect((await waiting).id).toBe(theirs.id);
    expect(built).toBe(false);
    await ctx.db.jobLease.deleteMany({ where: { name: "file:dang-dung" } });
  });

  it("reading a file deleted while it is read fails rather than ending short", async () => {
    const file = await writeStoredFile(ctx, { kind: "test", contentType: "application/octet-stream" }, (out) =>
      writeInPieces(out, randomBytes(2 * CHUNK_BYTES), CHUNK_BYTES),
    );
    const chunks = storedFileChunks(ctx, file);
    expect((await chunks.next()).value).toHaveLength(CHUNK_BYTES);
    await deleteStoredFile(ctx, file.id);
    await expect(chunks.next()).rejects.toThrow(/missing/);
  });
});
