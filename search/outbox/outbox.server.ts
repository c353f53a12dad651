import { config } from "~/platform/config.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver, SqlStep, SqlTx } from "~/platform/sql.server.ts";

// The one module that writes SearchOutbox (ADR 008, search/README.md): `announce` appends rows in the
// caller's transaction, driver SQL or Prisma, so a change and its announcement commit together;
// `pruneOutbox` deletes applied rows. The consumer (indexer.server.ts) only reads them.
// With the PostgreSQL engine (SEARCH_ENGINE=postgres, ADR 051) the same calls also write the documents
// the rows name, in the same transaction: every writer of the outbox keeps that engine true at once.

/** A driver transaction (the hot-path writers) or a Prisma client or transaction client. */
export type OutboxWriter = Pick<SqlTx, "provider" | "run" | "all"> | (Pick<Db, "searchOutbox"> & Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">);

/** Statements of the caller's transaction, as the PostgreSQL engine's writer takes them. */
export type TxStatements = Pick<SqlTx, "provider" | "run" | "all">;

/**
 * What writes the documents inside a change's transaction (search/postgres/sync.server.ts): registered by
 * the search runtime of a process that uses the PostgreSQL engine (the outbox is below the domains, which
 * the documents read, so it cannot import it).
 */
export interface TransactionIndexer {
  index(tx: TxStatements, kind: OutboxKind, ids: readonly string[]): Promise<void>;
  /** As `index` for comments whose status alone changed (their texts stay): the stored documents given the status, not built again. */
  indexStatus(tx: TxStatements, commentIds: readonly string[]): Promise<void>;
  /** A Prisma client's raw statements as TxStatements. */
  statements(prisma: Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">): TxStatements;
  /** The document of a comment about to be inserted, built from its fields (what `index` would write once it is); null: it has none. */
  prepareComment(reads: Pick<SqlTx, "provider" | "all">, comment: NewCommentFields): Promise<PreparedDocument | null>;
  /** WITH clauses writing prepared documents as part of the inserting statement (see preparedDocumentsFrom). */
  documentsFrom(source: string, documents: readonly PreparedDocument[]): { sql: string; params: unknown[] };
  /** The statement that wrote these prepared documents (prepared through `reads`) committed (see preparedDocumentsCommitted). */
  committed(reads: Pick<SqlTx, "provider" | "all">, documents: readonly PreparedDocument[]): void;
}

/** The fields of a new comment its search document is made of (search/documents.server.ts CommentRow is these, in any status). */
export interface NewCommentFields {
  id: string;
  consultationId: string;
  versionId: string;
  blockKey: string | null;
  sectionKey: string | null;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  status: "PENDING";
  originalText: string;
  publishedText: null;
  proposedText: string | null;
  authorName: string;
  provinceCode: string | null;
  communeCode: string | null;
  organizationId: string | null;
  createdAt: Date;
}

/**
 * A search document ready to be written by a statement: the id of the row it belongs to ("owner"), its column
 * values, and the words it adds to the vocabulary (those not known to be there already, ADR 066).
 */
export interface PreparedDocument {
  owner: string;
  values: unknown[];
  terms: string[];
}

let indexer: TransactionIndexer | null = null;
let warned = false;

export function useTransactionIndexer(next: TransactionIndexer | null): void {
  indexer = next;
}

/** Whether this process's engine keeps its documents in the database, written with each change (the PostgreSQL engine). */
export function documentsInTransaction(): boolean {
  if (config().search.engine !== "postgres") return false;
  if (indexer) return true;
  if (!warned) {
    warned = true;
    console.error("Tìm kiếm (postgres): tiến trình này chưa nạp bộ ghi tài liệu tìm kiếm; sau khi nó ghi dữ liệu, hãy chạy npm run search:reindex.");
  }
  return false;
}

export type OutboxKind = "comment" | "version" | "answer";

/** The SearchCursor row of the Meilisearch consumer (indexer.server.ts). */
export const MEILISEARCH_CONSUMER = "meilisearch";

const CHUNK = 500;

const isDriver = (tx: OutboxWriter): tx is Pick<SqlTx, "provider" | "run" | "all"> => typeof (tx as Partial<SqlTx>).run === "function";

/**
 * Appends one outbox row per id ("comment" with comment ids, "version" with a version id, "answer" with answer ids), inside the
 * caller's transaction, 500 rows a statement.
 */
export async function announce(tx: OutboxWriter, kind: OutboxKind, ids: string | readonly string[], now: Date): Promise<void> {
  const all = typeof ids === "string" ? [ids] : ids;
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    if (isDriver(tx)) {
      await tx.run(
        `INSERT INTO "SearchOutbox" ("kind", "entityId", "createdAt") VALUES ${chunk.map(() => "(?, ?, ?)").join(", ")}`,
        chunk.flatMap((id) => [kind, id, now]),
      );
    } else {
      await tx.searchOutbox.createMany({ data: chunk.map((entityId) => ({ kind, entityId, createdAt: now })) });
    }
  }
  if (all.length && documentsInTransaction()) await indexer!.index(isDriver(tx) ? tx : indexer!.statements(tx), kind, all);
}

/**
 * `announce` for comments whose decision changed their status and nothing of their text (approved as
 * written, rejected): the same outbox rows, one statement on PostgreSQL; with the PostgreSQL engine their
 * documents only get the new status (a group's decision: no text analysed and sent again, ADR 063).
 */
export async function announceStatusChanges(tx: Pick<SqlTx, "provider" | "run" | "all">, commentIds: readonly string[], now: Date): Promise<void> {
  if (!commentIds.length) return;
  if (tx.provider !== "postgresql") return announce(tx, "comment", commentIds, now);
  await tx.run(`INSERT INTO "SearchOutbox" ("kind", "entityId", "createdAt") SELECT 'comment', "id", ? FROM unnest(CAST(? AS text[])) AS "id"`, [
    now,
    commentIds,
  ]);
  if (documentsInTransaction()) await indexer!.indexStatus(tx, commentIds);
}

const ROLLBACK = Symbol("rollback");

/**
 * Runs `steps` in one transaction with the announcement of `id` (as `sql.transact`: false, nothing
 * kept, when a `mustChange` step changed no row). With the PostgreSQL engine the document is written in
 * that transaction too, which needs reads between the writes.
 */
export async function transactAnnouncing(sql: SqlDriver, steps: SqlStep[], kind: OutboxKind, id: string, now: Date): Promise<boolean> {
  if (!documentsInTransaction()) return sql.transact([...steps, announceStep(kind, id, now)]);
  try {
    return await sql.transaction(async (tx) => {
      for (const step of steps) if ((await tx.run(step.sql, step.params)) === 0 && step.mustChange) throw ROLLBACK;
      await announce(tx, kind, id, now);
      return true;
    });
  } catch (error) {
    if (error === ROLLBACK) return false;
    throw error;
  }
}

/** The statement that announces one row, as a step of a driver transaction (the submission's, comment-store.server.ts). */
export function announceStep(kind: OutboxKind, id: string, now: Date): { sql: string; params: unknown[] } {
  return { sql: `INSERT INTO "SearchOutbox" ("kind", "entityId", "createdAt") VALUES (?, ?, ?)`, params: [kind, id, now] };
}

/**
 * The statement that announces a comment as part of another (the submission's single statement on
 * PostgreSQL, comment-store.server.ts): its rows come from `source`, a query of "id" and "createdAt".
 */
export function announceCommentsFrom(source: string): string {
  return `INSERT INTO "SearchOutbox" ("kind", "entityId", "createdAt") SELECT 'comment', "id", "createdAt" FROM ${source}`;
}

/**
 * With the PostgreSQL engine, a new comment's search document prepared before its insert (an array: none
 * when the comment has no document), so that the submissions' grouped statement writes the documents of
 * the comments it stores itself (preparedDocumentsFrom; ADR 055): one statement, no reads between the
 * writes. null with any other engine: the outbox row is all the index needs.
 */
export async function prepareCommentDocument(reads: Pick<SqlTx, "provider" | "all">, comment: NewCommentFields): Promise<PreparedDocument[] | null> {
  if (!documentsInTransaction()) return null;
  const prepared = await indexer!.prepareComment(reads, comment);
  return prepared ? [prepared] : [];
}

/**
 * WITH clauses (`name AS (…)`, comma-separated, to follow the statement's own) writing `documents` whose
 * owner is among the "id"s `source` returns (the rows the statement stored), and their parameters (after
 * the statement's own). The same text for any number of documents (one array parameter per column).
 */
export function preparedDocumentsFrom(source: string, documents: readonly PreparedDocument[]): { sql: string; params: unknown[] } {
  if (!indexer) throw new Error("Tìm kiếm (postgres): chưa nạp bộ ghi tài liệu tìm kiếm");
  return indexer.documentsFrom(source, documents);
}

/**
 * The statement that wrote `documents` (preparedDocumentsFrom, the rows it stored) committed: the next
 * documents prepared through `reads` leave out the words these added to the vocabulary (ADR 066).
 */
export function preparedDocumentsCommitted(reads: Pick<SqlTx, "provider" | "all">, documents: readonly PreparedDocument[]): void {
  if (documents.length) indexer?.committed(reads, documents);
}

/** Applied outbox rows are deleted once they are this old. */
export const OUTBOX_KEEP_MS = 24 * 60 * 60_000;
const PRUNE_BATCH = 5_000;

/**
 * Deletes outbox rows older than `keepMs`, in batches. With a shared cursor (Meilisearch), only rows it
 * has passed, and none before it exists. An embedded consumer reads from its own cursor, seconds behind
 * at most; a new process builds from the tables, not from the outbox. Returns how many rows went.
 */
export async function pruneOutbox(
  db: Pick<Db, "searchOutbox" | "searchCursor">,
  options: { sharedCursor: boolean; now?: number; keepMs?: number },
): Promise<number> {
  const before = new Date((options.now ?? Date.now()) - (options.keepMs ?? OUTBOX_KEEP_MS));
  let passed: { id: { lte: number } } | null = null;
  if (options.sharedCursor) {
    const cursor = await db.searchCursor.findUnique({ where: { consumer: MEILISEARCH_CONSUMER }, select: { lastId: true } });
    if (!cursor) return 0;
    passed = { id: { lte: cursor.lastId } };
  }
  let deleted = 0;
  for (;;) {
    const batch = await db.searchOutbox.findMany({
      where: { createdAt: { lt: before }, ...passed },
      orderBy: { id: "asc" },
      take: PRUNE_BATCH,
      select: { id: true },
    });
    if (!batch.length) return deleted;
    deleted += (await db.searchOutbox.deleteMany({ where: { id: { in: batch.map((r) => r.id) } } })).count;
    if (batch.length < PRUNE_BATCH) return deleted;
  }
}
