import { SearchUnavailableError, type SearchEngine } from "@search/engine.ts";
import type { Db } from "~/platform/db.server.ts";
import { MEILISEARCH_CONSUMER } from "./outbox/outbox.server.ts";
import { documentsForRows, type DocumentSource, type DocumentsDb } from "./documents.server.ts";

// The consumer of the search outbox (ADR 015, search/README.md). Rows are appended in the same
// transaction as the change they announce; a consumer reads the rows after its cursor, rebuilds the
// named documents from the database as they are NOW, pushes them to its engine and moves its cursor.
// Documents are rebuilt, never patched, so applying a row twice, late, or out of order is harmless.
//
// Two kinds of cursor:
// - in memory, one per app process, for the embedded engine (each process holds its own index);
// - shared, the SearchCursor row, for Meilisearch (one index for every process and machine): a
//   process leases the cursor with a conditional UPDATE before it pushes a batch, so one process at
//   a time pushes (a late push of stale documents cannot overwrite newer ones), and a process that
//   dies holding the lease delays indexing by the lease only.
//
// On PostgreSQL an id taken from the sequence may become visible after a higher one (a transaction
// holding 41 commits after the one holding 42). A cursor therefore moves only through contiguous
// ids; it passes a gap once the row after the gap is GAP_WAIT_MS old, by its createdAt and by the
// consumer's own clock since it first saw the gap (a rolled-back transaction leaves a gap for good).

export type OutboxDb = DocumentsDb & Pick<Db, "searchOutbox" | "searchCursor">;

export interface OutboxRow {
  id: number;
  kind: string;
  entityId: string;
  createdAt: Date;
}

/** How long a gap in the ids may be a transaction still running before the cursor passes it. */
export const GAP_WAIT_MS = 10_000;
/** Rows younger than this are replayed when a cursor is placed from scratch (see startCursor). */
export const START_MARGIN_MS = 30_000;
export { MEILISEARCH_CONSUMER };

/**
 * The rows after `cursor` that may be applied now: the run of contiguous ids, and past a gap only
 * when the row after it is at least `gapWaitMs` old both by its createdAt and since `gapSeen` first
 * recorded it (a map this function keeps: row id after a gap → when first seen).
 */
export function passableRows(
  cursor: number,
  rows: readonly OutboxRow[],
  now: number,
  gapSeen: Map<number, number>,
  gapWaitMs = GAP_WAIT_MS,
): { rows: OutboxRow[]; cursor: number; blockedByGap: boolean } {
  const taken: OutboxRow[] = [];
  let last = cursor;
  let blockedByGap = false;
  for (const row of rows) {
    if (row.id <= last) continue;
    if (row.id !== last + 1) {
      const firstSeen = gapSeen.get(row.id) ?? now;
      gapSeen.set(row.id, firstSeen);
      const old = now - row.createdAt.getTime() >= gapWaitMs && now - firstSeen >= gapWaitMs;
      if (!old) {
        blockedByGap = true;
        break;
      }
    }
    taken.push(row);
    last = row.id;
  }
  for (const id of gapSeen.keys()) if (id <= last) gapSeen.delete(id);
  return { rows: taken, cursor: last, blockedByGap };
}

/**
 * Where a new cursor starts when a full build begins: the highest id among rows at least
 * START_MARGIN_MS old. Every row up to it was committed (or abandoned) before the build reads the
 * database; younger rows are applied again after the build, which is harmless. Taking max(id)
 * instead could skip a row whose transaction was still open when the build began.
 */
export async function startCursor(db: Pick<Db, "searchOutbox">, now = Date.now(), marginMs = START_MARGIN_MS): Promise<number> {
  const row = await db.searchOutbox.findFirst({
    where: { createdAt: { lte: new Date(now - marginMs) } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row?.id ?? 0;
}

/** What a batch of rows changed in the engine. */
export interface Applied {
  upserted: number;
  removed: number;
  /** Rows of a kind this code does not know (skipped). */
  unknown: number;
}

/**
 * Applies outbox rows to the engine: each named comment, version or answer once (a batch often names the
 * same comment twice: submitted, then decided), built from the database as it is now.
 */
export async function applyRows(db: DocumentSource, engine: Pick<SearchEngine, "upsert" | "remove">, rows: readonly OutboxRow[]): Promise<Applied> {
  const { changes, unknown } = await documentsForRows(db, rows);
  const result: Applied = { upserted: 0, removed: 0, unknown };
  for (const { upsert, remove } of changes) {
    if (remove.length) await engine.remove(remove);
    if (upsert.length) await engine.upsert(upsert);
    result.upserted += upsert.length;
    result.removed += remove.length;
  }
  return result;
}

/** Rows after the cursor not applied yet, and the age of the oldest (for /healthz). */
export interface Lag {
  rows: number;
  oldestMs: number | null;
}

export async function outboxLag(db: Pick<Db, "searchOutbox">, cursor: number, now = Date.now()): Promise<Lag> {
  const [rows, oldest] = await Promise.all([
    db.searchOutbox.count({ where: { id: { gt: cursor } } }),
    db.searchOutbox.findFirst({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, select: { createdAt: true } }),
  ]);
  return { rows, oldestMs: oldest ? Math.max(0, now - oldest.createdAt.getTime()) : null };
}

/**
 * Where a consumer stands. `read` gives the cursor and whether this process may use it now (a shared
 * cursor leased by another process may not); `take` leases it (null: another process was quicker);
 * `advance` moves it after the batch was pushed, gives the lease back, and says whether it still
 * held it. Nothing is written while there is nothing to apply.
 */
export interface CursorStore {
  read(now: number): Promise<{ cursor: number; free: boolean }>;
  take(cursor: number, now: number): Promise<unknown | null>;
  advance(token: unknown, from: number, to: number, now: number): Promise<boolean>;
  /** The cursor as it stands, for the lag; null when there is none yet. */
  peek(): Promise<number | null>;
}

/** A process's own cursor (embedded engine): nothing shared, nothing to lease. */
export function memoryCursor(start: number): CursorStore & { readonly value: number } {
  let value = start;
  return {
    get value() {
      return value;
    },
    read: async () => ({ cursor: value, free: true }),
    take: async () => true,
    advance: async (_token, from, to) => {
      if (value !== from) return false;
      value = to;
      return true;
    },
    peek: async () => value,
  };
}

/** How long a process may hold the shared cursor while it pushes one batch. */
export const LEASE_MS = 30_000;

/**
 * The SearchCursor row shared by every process (Meilisearch). `updatedAt` doubles as the lease: a
 * process takes the cursor by moving `updatedAt` into the future (`UPDATE … WHERE lastId = <read>
 * AND updatedAt <= now`: of several processes, one changes the row), and gives it back when it
 * advances `lastId` (`WHERE lastId = <read> AND updatedAt = <its lease>`, setting updatedAt = now).
 * A lease that ran out (its holder died or stalled) may be taken by another process; the stalled
 * holder's advance then changes nothing, and the rows it pushed are pushed again: nothing is lost.
 */
export function sharedCursor(db: Pick<Db, "searchCursor">, consumer = MEILISEARCH_CONSUMER, leaseMs = LEASE_MS): CursorStore {
  const row = async () => {
    const found = await db.searchCursor.findUnique({ where: { consumer } });
    if (found) return found;
    try {
      // A cursor starting at 0 replays the whole outbox; `npm run search:reindex` sets it properly.
      return await db.searchCursor.create({ data: { consumer, lastId: 0, updatedAt: new Date(0) } });
    } catch {
      // Another process created it first.
      return db.searchCursor.findUniqueOrThrow({ where: { consumer } });
    }
  };
  return {
    async read(now) {
      const found = await row();
      return { cursor: found.lastId, free: found.updatedAt.getTime() <= now };
    },
    async take(cursor, now) {
      const lease = new Date(now + leaseMs);
      const { count } = await db.searchCursor.updateMany({
        where: { consumer, lastId: cursor, updatedAt: { lte: new Date(now) } },
        data: { updatedAt: lease },
      });
      return count === 1 ? lease : null;
    },
    async advance(token, from, to, now) {
      const { count } = await db.searchCursor.updateMany({
        where: { consumer, lastId: from, updatedAt: token as Date },
        data: { lastId: to, updatedAt: new Date(now) },
      });
      return count === 1;
    },
    async peek() {
      const found = await db.searchCursor.findUnique({ where: { consumer }, select: { lastId: true } });
      return found?.lastId ?? null;
    },
  };
}

/**
 * Sets the shared cursor to `lastId` and ends any lease (after a full rebuild: rows after the point
 * where the rebuild started reading are applied again to the new index). A holder of the old lease
 * can no longer advance it.
 */
export async function resetSharedCursor(db: Pick<Db, "searchCursor">, lastId: number, consumer = MEILISEARCH_CONSUMER, now = new Date()) {
  await db.searchCursor.upsert({
    where: { consumer },
    create: { consumer, lastId, updatedAt: now },
    update: { lastId, updatedAt: now },
  });
}

export interface ConsumerOptions {
  /** Rows read per step; default 500. */
  batchSize?: number;
  /** Pause between steps when caught up; default 1 s. */
  intervalMs?: number;
  /** Longest pause after failures (the pause doubles from intervalMs); default 60 s. */
  maxBackoffMs?: number;
  gapWaitMs?: number;
  /** The clock, epoch ms; default Date.now. */
  now?: () => number;
  log?: Pick<Console, "log" | "error">;
  /** A name for the logs. */
  label?: string;
}

export interface StepResult {
  /** Rows applied. */
  applied: number;
  /** The cursor after the step (null when another process held the shared cursor). */
  cursor: number | null;
  /** A full batch was applied: more rows are probably waiting. */
  more: boolean;
  /** Rows are waiting behind a gap that may still fill. */
  blockedByGap: boolean;
  /** The cursor had moved (another process, or a reindex) before this step could advance it. */
  lostRace: boolean;
}

export interface OutboxConsumer {
  /** One read-apply-advance pass. Throws what the engine or the database threw; the cursor stays. */
  step(): Promise<StepResult>;
  /** Runs step() every intervalMs (at once after a full batch), backing off after failures; unref'd timers. */
  start(): void;
  /** Stops the loop after the step in progress. */
  stop(): Promise<void>;
  lag(): Promise<Lag | null>;
  /** Failures in a row since the last successful step. */
  readonly failures: number;
}

export function createOutboxConsumer(db: OutboxDb, engine: SearchEngine, store: CursorStore, options: ConsumerOptions = {}): OutboxConsumer {
  const {
    batchSize = 500,
    intervalMs = 1_000,
    maxBackoffMs = 60_000,
    gapWaitMs = GAP_WAIT_MS,
    now = Date.now,
    log = console,
    label = `Tìm kiếm (${engine.name})`,
  } = options;
  const gapSeen = new Map<number, number>();
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let started = false;
  let stopped = false;

  async function step(): Promise<StepResult> {
    const idle = { applied: 0, more: false, blockedByGap: false, lostRace: false };
    const { cursor, free } = await store.read(now());
    if (!free) return { ...idle, cursor: null };
    const read = await db.searchOutbox.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, kind: true, entityId: true, createdAt: true },
    });
    const pass = passableRows(cursor, read, now(), gapSeen, gapWaitMs);
    if (pass.rows.length === 0) return { ...idle, cursor, blockedByGap: pass.blockedByGap };
    const token = await store.take(cursor, now());
    if (token === null) return { ...idle, cursor: null };
    let applied: Applied;
    try {
      applied = await applyRows(db, engine, pass.rows);
    } catch (error) {
      // Give a shared lease back at once (the cursor stays), so another process may try sooner.
      await store.advance(token, cursor, cursor, now()).catch(() => undefined);
      throw error;
    }
    if (applied.unknown) log.error(`${label}: bỏ qua ${applied.unknown} dòng outbox có loại không xác định`);
    const held = await store.advance(token, cursor, pass.cursor, now());
    return {
      applied: pass.rows.length,
      cursor: held ? pass.cursor : null,
      more: read.length === batchSize && !pass.blockedByGap,
      blockedByGap: pass.blockedByGap,
      lostRace: !held,
    };
  }

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => (running = tick()), delay);
    timer.unref();
  };

  async function tick() {
    let delay = intervalMs;
    try {
      const result = await step();
      if (failures > 0) log.log(`${label}: cập nhật chỉ mục trở lại bình thường sau ${failures} lần lỗi`);
      failures = 0;
      if (result.more) delay = 0;
    } catch (error) {
      failures++;
      delay = Math.min(intervalMs * 2 ** failures, maxBackoffMs);
      const seconds = (delay / 1000).toLocaleString("vi-VN");
      if (error instanceof SearchUnavailableError) {
        // Nothing is lost: the cursor stayed, the same rows are tried again when the engine answers.
        log.error(`${label}: công cụ tìm kiếm không trả lời (lần ${failures}), thử lại sau ${seconds} giây: ${error.message}`);
      } else {
        log.error(`${label}: lỗi khi cập nhật chỉ mục (lần ${failures}), thử lại sau ${seconds} giây`, error);
      }
    }
    schedule(delay);
  }

  return {
    step,
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    async lag() {
      const cursor = await store.peek();
      return cursor === null ? null : outboxLag(db, cursor, now());
    },
    get failures() {
      return failures;
    },
  };
}
