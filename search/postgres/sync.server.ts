import { documentsForNewComments, documentsForRows, newCommentLookups, type Lookups } from "@search/documents.server.ts";
import type { NewCommentFields, OutboxKind, PreparedDocument, TransactionIndexer, TxStatements } from "@search/outbox/outbox.server.ts";
import { chunked } from "~/platform/chunks.ts";
import type { SqlTx } from "~/platform/sql.server.ts";
import { removeEntries, writeEntries, type VectorMemo } from "./engine.ts";
import { entriesFromParams, entriesFromSql, entryRow, NOW } from "./entry.ts";
import { sqlReader } from "./reader.server.ts";

// The PostgreSQL engine's documents follow each change in the change's own transaction (ADR 051): the
// outbox (search/outbox/outbox.server.ts), which every writer already calls there, calls this after it
// appended its rows. The documents are built from the database as the transaction sees it, so a rolled-back
// change leaves no document and a committed one is searchable at once, from every app server.

/**
 * Rebuilds, inside `tx`, the documents of what the outbox rows name. `memo`: vectors of texts the caller
 * writes many times (a bulk load of near-duplicate campaigns, bench:national), see writeEntries.
 */
export async function indexAnnounced(tx: TxStatements, kind: OutboxKind, ids: readonly string[], memo?: VectorMemo): Promise<void> {
  const { changes } = await documentsForRows(
    sqlReader(tx),
    ids.map((entityId) => ({ kind, entityId })),
  );
  for (const { upsert, remove } of changes) {
    if (remove.length) await removeEntries(tx, remove);
    if (upsert.length) await writeEntries(tx, upsert, memo);
  }
}

/** Comments a statement of indexStatusChanges names at most. */
const STATUS_CHUNK = 10_000;

/**
 * The documents of comments whose status alone changed (a decision that keeps the text), in `tx`: each
 * stored entry takes the comment's status, in its column, the one place an entry keeps it (entryRow leaves
 * it out of the document, the engine reads it from there). No indexed column and no stored text changes, so
 * the rewrite is HOT where the page has room (ADR 060) and writes nothing to TOAST. A comment without an
 * entry (none written yet) is built in full by indexAnnounced.
 */
export async function indexStatusChanges(tx: TxStatements, commentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(commentIds)];
  const done = new Set<string>();
  for (const chunk of chunked(ids, STATUS_CHUNK)) {
    const rows = await tx.all<{ id: string }>(
      `UPDATE "SearchEntry" e SET "status" = CAST(c."status" AS text), "indexedAt" = ${NOW}
       FROM "Comment" c
       WHERE c."id" = ANY(CAST(? AS text[])) AND e."id" = 'c_' || c."id" AND e."kind" = 'comment' AND c."status" IN ('PENDING', 'APPROVED', 'REJECTED')
       RETURNING c."id"`,
      [chunk],
    );
    for (const row of rows) done.add(row.id);
  }
  const rest = ids.filter((id) => !done.has(id));
  if (rest.length) await indexAnnounced(tx, "comment", rest);
}

/** A Prisma client's raw statements with the driver's `?` placeholders (dates sent as UTC text, as the driver does). */
export function prismaStatements(prisma: {
  $executeRawUnsafe(sql: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T>(sql: string, ...values: unknown[]): PromiseLike<T>;
}): TxStatements {
  const numbered = (sql: string) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  const values = (params: unknown[]) => params.map((v) => (v instanceof Date ? v.toISOString() : v));
  return {
    provider: "postgresql",
    run: async (sql, params) => prisma.$executeRawUnsafe(numbered(sql), ...values(params)),
    all: async <T>(sql: string, params: unknown[]) => prisma.$queryRawUnsafe<T[]>(numbered(sql), ...values(params)),
  };
}

/** The long-lived lookups of each driver (its consultations, versions and organizations, read outside any transaction). */
const lookupsOf = new WeakMap<object, Lookups>();

/**
 * The vocabulary's words each driver's submissions committed (ADR 066). A word is never removed from
 * "SearchTerm", so a submission leaves out the words this process knows are there: a campaign's comments,
 * and most comments after the first thousands, then add none, and the statement checks no word against
 * the vocabulary's index. Only words of a committed statement are known (documentsCommitted): a word of a
 * statement that failed is sent again by the next comment that has it. Bounded: at KNOWN_TERMS words it
 * starts afresh (the words are then sent once more each, as after a restart).
 */
const knownTermsOf = new WeakMap<object, Set<string>>();
export const KNOWN_TERMS = 50_000;

/**
 * A new comment's entry, built before its insert from the fields it is inserted with: the document
 * documentsForComments makes of the stored row (what it shares with others read through `reads` and kept,
 * documents.server.ts newCommentLookups), as entryRow writes it, with only the words not known to be in
 * the vocabulary already. null: the comment has no document.
 */
export async function prepareCommentEntry(reads: Pick<SqlTx, "provider" | "all">, comment: NewCommentFields): Promise<PreparedDocument | null> {
  let lookups = lookupsOf.get(reads);
  if (!lookups) lookupsOf.set(reads, (lookups = newCommentLookups(sqlReader(reads))));
  const [doc] = await documentsForNewComments(lookups, [comment]);
  if (!doc) return null;
  const { values, terms } = entryRow(doc);
  const known = knownTermsOf.get(reads);
  return { owner: comment.id, values, terms: known ? terms.filter((term) => !known.has(term)) : terms };
}

/** The statement that wrote these prepared entries through `reads` committed: their words are in the vocabulary. */
export function preparedEntriesCommitted(reads: Pick<SqlTx, "provider" | "all">, documents: readonly PreparedDocument[]): void {
  let known = knownTermsOf.get(reads);
  for (const { terms } of documents) {
    for (const term of terms) {
      if (!known || known.size >= KNOWN_TERMS) knownTermsOf.set(reads, (known = new Set()));
      known.add(term);
    }
  }
}

/** What the outbox calls (useTransactionIndexer), registered by the search runtime of a PostgreSQL-engine process. */
export const postgresTransactionIndexer: TransactionIndexer = {
  index: indexAnnounced,
  indexStatus: indexStatusChanges,
  statements: prismaStatements,
  prepareComment: prepareCommentEntry,
  committed: preparedEntriesCommitted,
  documentsFrom: (source, documents) => ({ sql: entriesFromSql(source), params: entriesFromParams(documents) }),
};
