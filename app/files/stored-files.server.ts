import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { getDb, type Db } from "~/platform/db.server.ts";
import { releaseLease, takeLease } from "~/platform/job-lease.server.ts";
import { singleton } from "~/platform/singleton.server.ts";
import { getSql, type SqlDriver } from "~/platform/sql.server.ts";

// Files kept in the database, so that every app server reads them (ADR 052): the exports, the cached
// public reports, any file the app makes once and serves many times. The one writer of StoredFile and
// StoredFileChunk. A file is written as a stream, cut into chunks of about 1 MB, each inserted as it
// fills (only one chunk is ever in memory, and the writer waits for the insert: backpressure), and read
// back as a stream a chunk at a time. Until it is finished a file is never read: a writer that dies
// leaves an unfinished row nobody serves, which deleteExpiredStoredFiles removes an hour later.
// The rows are written and read with Prisma, the chunks' bytes through the driver (app/platform/sql.server.ts):
// Prisma's adapters pass a megabyte of bytes in about a second, the driver in milliseconds.
//
//   const files = fileStore(); // or { db, sql } of your own (tests)
//   const file = await writeStoredFile(files, { kind: "export", contentType: "text/csv" }, async (out) => { … out.write(…) … });
//   return storedFileResponse(files, file, { "Content-Disposition": …, "Cache-Control": "private, no-store" });
//   const cached = await cachedStoredFile(files, { kind, key, contentType, maxAgeMs }, (out) => build(out));
//   await deleteStoredFile(files, file.id);

export const CHUNK_BYTES = 1024 * 1024;
/** An unfinished file untouched for this long was left by a writer that died. */
export const ABANDONED_AFTER_MS = 60 * 60_000;
/** A superseded cached file is kept this long, for downloads already under way. */
export const SUPERSEDED_GRACE_MS = 10 * 60_000;
const TOUCH_EVERY_MS = 5_000;
const DELETE_BATCH = 16;

/** Where files are kept: the Prisma client (the rows) and the driver (the chunks' bytes) of one database. */
export interface FileStore {
  db: Db;
  sql: Pick<SqlDriver, "provider" | "run" | "all">;
}

/** The process's own database. */
export function fileStore(): FileStore {
  return { db: getDb(), sql: getSql() };
}

const INSERT_CHUNK = `INSERT INTO "StoredFileChunk" ("fileId", "seq", "data") VALUES (?, ?, ?)`;
const SELECT_CHUNK = `SELECT "data" FROM "StoredFileChunk" WHERE "fileId" = ? AND "seq" = ?`;

export interface StoredFileInfo {
  id: string;
  kind: string;
  key: string | null;
  contentType: string;
  size: number;
  chunkCount: number;
  sha256: string;
  finishedAt: Date;
}

export interface NewStoredFile {
  kind: string;
  contentType: string;
  /** The name a cached file is found by (cachedStoredFile); none for a file its owner keeps the id of. */
  key?: string | null;
  /** When housekeeping deletes it; none: its owner deletes it. */
  expiresAt?: Date | null;
}

/** Writes out to a `Writable`: resolve when done (ending the stream is optional), throw to abandon the file. */
export type WriteContent = (out: Writable) => Promise<void>;

const FINISHED_SELECT = { id: true, kind: true, key: true, contentType: true, size: true, chunkCount: true, sha256: true, finishedAt: true } as const;

type FinishedRow = {
  id: string;
  kind: string;
  key: string | null;
  contentType: string;
  size: bigint;
  chunkCount: number;
  sha256: string | null;
  finishedAt: Date | null;
};

function info(row: FinishedRow): StoredFileInfo {
  return { ...row, size: Number(row.size), sha256: row.sha256 ?? "", finishedAt: row.finishedAt! };
}

/**
 * A stream that cuts what is written into chunks and inserts each into the database as it fills. The
 * chunk is one buffer of `chunkBytes`, allocated once and filled again after each insert (the drivers
 * copy a parameter before the insert resolves): writing a file of any size allocates no buffer per chunk.
 */
class ChunkWriter extends Writable {
  private readonly buffer: Buffer;
  private filled = 0;
  private lastTouch = Date.now();
  seq = 0;
  size = 0;
  readonly hash = createHash("sha256");

  constructor(
    private readonly files: FileStore,
    private readonly fileId: string,
    private readonly chunkBytes: number,
  ) {
    super({ highWaterMark: chunkBytes });
    this.buffer = Buffer.allocUnsafeSlow(chunkBytes);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.size += chunk.length;
    this.hash.update(chunk);
    const taken = this.fill(chunk, 0);
    if (taken === chunk.length) return callback();
    this.insertFull(chunk, taken).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void) {
    (this.filled > 0 ? this.insert() : Promise.resolve()).then(() => callback(), callback);
  }

  /** Copies what fits of `chunk` from `from` into the chunk buffer; returns where the copy ended. */
  private fill(chunk: Buffer, from: number): number {
    const copied = chunk.copy(this.buffer, this.filled, from);
    this.filled += copied;
    return from + copied;
  }

  /** The buffer is full: inserts it, fills it again with the rest of `chunk`, and so on while it fills. */
  private async insertFull(chunk: Buffer, from: number) {
    let at = from;
    while (this.filled === this.chunkBytes) {
      await this.insert();
      at = this.fill(chunk, at);
    }
  }

  /** Inserts the buffer's content as the next chunk and empties the buffer. */
  private async insert() {
    await this.files.sql.run(INSERT_CHUNK, [this.fileId, this.seq, this.buffer.subarray(0, this.filled)]);
    this.seq++;
    this.filled = 0;
    if (Date.now() - this.lastTouch >= TOUCH_EVERY_MS) {
      this.lastTouch = Date.now();
      await this.files.db.storedFile.update({ where: { id: this.fileId }, data: { touchedAt: new Date(), chunkCount: this.seq } });
    }
  }
}

/**
 * Writes a new file: `write` writes its content to the stream it is given. Resolves once every chunk is
 * in the database and the file is marked finished; when `write` throws (or the stream fails) the chunks
 * written so far are deleted and the error is thrown again.
 */
export async function writeStoredFile(
  files: FileStore,
  file: NewStoredFile,
  write: WriteContent,
  options: { chunkBytes?: number } = {},
): Promise<StoredFileInfo> {
  const { db } = files;
  const id = randomUUID();
  await db.storedFile.create({ data: { id, kind: file.kind, key: file.key ?? null, contentType: file.contentType, expiresAt: file.expiresAt ?? null } });
  const out = new ChunkWriter(files, id, options.chunkBytes ?? CHUNK_BYTES);
  try {
    await write(out);
    if (!out.writableEnded) out.end();
    await finished(out);
    const row = await db.storedFile.update({
      where: { id },
      data: { size: BigInt(out.size), chunkCount: out.seq, sha256: out.hash.digest("hex"), finishedAt: new Date(), touchedAt: new Date() },
      select: FINISHED_SELECT,
    });
    return info(row);
  } catch (error) {
    out.destroy();
    await deleteStoredFile(files, id).catch(() => undefined);
    throw error;
  }
}

/** A finished file by id; null when it does not exist (never written, deleted) or is still being written. */
export async function findStoredFile({ db }: Pick<FileStore, "db">, id: string): Promise<StoredFileInfo | null> {
  const row = await db.storedFile.findFirst({ where: { id, finishedAt: { not: null } }, select: FINISHED_SELECT });
  return row ? info(row) : null;
}

/** The newest finished file found by `key`, finished after `newerThan` if given. */
export async function findCachedFile({ db }: Pick<FileStore, "db">, key: string, newerThan?: Date): Promise<StoredFileInfo | null> {
  const row = await db.storedFile.findFirst({
    where: { key, finishedAt: newerThan ? { gt: newerThan } : { not: null } },
    orderBy: { finishedAt: "desc" },
    select: FINISHED_SELECT,
  });
  return row ? info(row) : null;
}

/** The content, a chunk at a time (one chunk in memory). Fails if the file is deleted while it is read. */
export async function* storedFileChunks({ sql }: FileStore, file: Pick<StoredFileInfo, "id" | "chunkCount">): AsyncGenerator<Buffer> {
  for (let seq = 0; seq < file.chunkCount; seq++) {
    const [chunk] = await sql.all<{ data: Uint8Array }>(SELECT_CHUNK, [file.id, seq]);
    if (!chunk) throw new Error(`Stored file ${file.id}: chunk ${seq} is missing (deleted while read)`);
    yield Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
  }
}

/** The content as a Node stream (pulled a chunk at a time as the reader asks). */
export function storedFileStream(files: FileStore, file: Pick<StoredFileInfo, "id" | "chunkCount">): Readable {
  return Readable.from(storedFileChunks(files, file), { objectMode: false, highWaterMark: 1 });
}

/** The whole content in memory: for tests and small files only. */
export async function readStoredFile(files: FileStore, file: Pick<StoredFileInfo, "id" | "chunkCount">): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of storedFileChunks(files, file)) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * A download of the file, streamed from the database by whichever server answers: its type, length and
 * ETag (the content's SHA-256), plus the caller's headers (Content-Disposition, Cache-Control).
 */
export function storedFileResponse(files: FileStore, file: StoredFileInfo, headers: Record<string, string>): Response {
  return new Response(Readable.toWeb(storedFileStream(files, file)) as ReadableStream<Uint8Array>, {
    headers: { "Content-Type": file.contentType, "Content-Length": String(file.size), ETag: `"${file.sha256}"`, ...headers },
  });
}

/** Deletes a file and its chunks (a few chunks a statement, so no write holds the database long); false when there was none. */
export async function deleteStoredFile({ db }: Pick<FileStore, "db">, id: string): Promise<boolean> {
  for (;;) {
    const rows = await db.storedFileChunk.findMany({ where: { fileId: id }, select: { seq: true }, orderBy: { seq: "asc" }, take: DELETE_BATCH });
    if (rows.length === 0) break;
    await db.storedFileChunk.deleteMany({ where: { fileId: id, seq: { lte: rows[rows.length - 1].seq } } });
  }
  const { count } = await db.storedFile.deleteMany({ where: { id } });
  return count === 1;
}

/**
 * Deletes the unfinished files of `kind` whose key is `key` (what a dead writer of that key left behind,
 * when the work is taken up again). Returns how many went.
 */
export async function deleteUnfinishedFiles(files: Pick<FileStore, "db">, kind: string, key: string): Promise<number> {
  const rows = await files.db.storedFile.findMany({ where: { kind, key, finishedAt: null }, select: { id: true } });
  for (const row of rows) await deleteStoredFile(files, row.id);
  return rows.length;
}

/**
 * Housekeeping (ADR 020): deletes files past their `expiresAt`, and unfinished files untouched for an hour
 * (their writer died). Returns how many went.
 */
export async function deleteExpiredStoredFiles(files: Pick<FileStore, "db">, now = new Date()): Promise<number> {
  const rows = await files.db.storedFile.findMany({
    where: { OR: [{ expiresAt: { lte: now } }, { finishedAt: null, touchedAt: { lt: new Date(now.getTime() - ABANDONED_AFTER_MS) } }] },
    select: { id: true },
  });
  for (const row of rows) await deleteStoredFile(files, row.id);
  return rows.length;
}

export interface CachedFileRequest {
  kind: string;
  key: string;
  contentType: string;
  /** A finished file younger than this is served as it is; older, it is built again. */
  maxAgeMs: number;
  /** How long a built file is kept at most (housekeeping deletes it then); default a day. */
  keepMs?: number;
  /** Finished files whose key starts with this (other states of the same thing) expire once this one is built. */
  supersedes?: string;
  now?: Date;
}

const holder = () => singleton("storedFileHolder", () => `${process.pid}:${randomBytes(6).toString("hex")}`);
const builds = () => singleton("storedFileBuilds", () => new Map<string, Promise<StoredFileInfo>>());
const BUILD_LEASE_MS = 60_000;
const WAIT_POLL_MS = 200;

/**
 * A file made once and served many times, by every server: the newest finished file under `key` younger
 * than `maxAgeMs`, else one built now by `write`. Within a process concurrent requests wait for the one
 * build; across servers a lease in the database (JobLease "file:<key>", ADR 029) lets one server build
 * while the others wait for its file (or take over when the builder dies and its lease expires).
 */
export async function cachedStoredFile(files: FileStore, request: CachedFileRequest, write: WriteContent): Promise<StoredFileInfo> {
  const now = request.now ?? new Date();
  const fresh = () => findCachedFile(files, request.key, new Date(now.getTime() - request.maxAgeMs));
  const found = await fresh();
  if (found) return found;
  let build = builds().get(request.key);
  if (!build) {
    build = buildOnce(files, request, write, fresh).finally(() => builds().delete(request.key));
    builds().set(request.key, build);
  }
  return build;
}

async function buildOnce(
  files: FileStore,
  request: CachedFileRequest,
  write: WriteContent,
  fresh: () => Promise<StoredFileInfo | null>,
): Promise<StoredFileInfo> {
  const { db } = files;
  const lease = { name: `file:${request.key}`, holder: holder(), ttlMs: BUILD_LEASE_MS };
  // Another server builds it: wait for its file; if it dies, its lease expires and this one takes it.
  while (!(await takeLease(db, { ...lease, now: new Date() }))) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    const done = await fresh();
    if (done) return done;
  }
  const renew = setInterval(() => void takeLease(db, { ...lease, now: new Date() }).catch(() => undefined), BUILD_LEASE_MS / 3);
  renew.unref();
  try {
    const done = await fresh();
    if (done) return done;
    const built = new Date();
    const file = await writeStoredFile(
      files,
      { kind: request.kind, key: request.key, contentType: request.contentType, expiresAt: new Date(built.getTime() + (request.keepMs ?? 24 * 60 * 60_000)) },
      write,
    );
    // Older copies (and, with `supersedes`, other states of the same thing) go after a grace period.
    const graceEnd = new Date(Date.now() + SUPERSEDED_GRACE_MS);
    await db.storedFile.updateMany({
      where: {
        id: { not: file.id },
        key: request.supersedes ? { startsWith: request.supersedes } : request.key,
        finishedAt: { not: null },
        OR: [{ expiresAt: null }, { expiresAt: { gt: graceEnd } }],
      },
      data: { expiresAt: graceEnd },
    });
    return file;
  } finally {
    clearInterval(renew);
    await releaseLease(db, lease.name, lease.holder).catch(() => undefined);
  }
}
