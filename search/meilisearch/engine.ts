// The production search engine: a Meilisearch server reached with the official client (ADR 014).
//
// - The index is created with primary key "id" and its settings (search/meilisearch/settings.ts) are
//   applied and awaited before any document is sent to it.
// - Every write is a task: the engine waits for it and a failed task becomes an Error carrying the
//   server's message; a refused connection, a timeout or a 5xx answer becomes SearchUnavailableError.
// - Filters are built by filterExpression (every value quoted), snippets are escaped HTML with <mark>.
// - rebuild() fills "<uid>_rebuild_<ms>" and swaps it with the live index, so searches keep being
//   answered by the old documents until the new ones are all indexed.

import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTask,
  type IndexSwap,
  type SearchParams,
  type Task,
} from "meilisearch";
import { FACETS, SearchUnavailableError, type Facet, type SearchDocument, type SearchEngine, type SearchHit, type SearchResult } from "@search/engine.ts";
import { filterExpression, wellFormed } from "./filter.ts";
import { DEFAULT_INDEX_UID, MAX_TOTAL_HITS, PRIMARY_KEY, indexSettings } from "./settings.ts";
import { highlightTags, plainSnippet, snippetHtml } from "./snippet.ts";

export { filterExpression, quoteFilterValue } from "./filter.ts";
export { DEFAULT_INDEX_UID, indexSettings } from "./settings.ts";

export interface MeilisearchEngineOptions {
  /** e.g. "http://127.0.0.1:7700" */
  host: string;
  apiKey?: string;
  /** The live index; default "gopy_documents". */
  indexUid?: string;
  /** Limit for each HTTP request; default 5,000 ms. health() uses at most 2,000 ms. */
  timeoutMs?: number;
  /** Documents per addDocuments / deleteDocuments request; default 1,000. */
  batchSize?: number;
  /** How long to wait for one task (settings, a batch, the swap) to finish; default 10 minutes. */
  taskTimeoutMs?: number;
  /** How often a task's status is polled; default 50 ms. */
  taskPollMs?: number;
}

/** Words (Meilisearch's unit for cropping) kept around the best match: about 240 characters of Vietnamese. */
export const SNIPPET_CROP_WORDS = 48;
const MAX_HITS_PER_PAGE = 1_000;

/** A task the server finished without success: `task.error` holds its reason. */
export class MeilisearchTaskError extends Error {
  readonly task: Task;
  constructor(task: Task, action: string) {
    const reason = task.error ? `${task.error.message} (${task.error.code})` : "no reason given";
    super(`Meilisearch task ${task.uid} (${task.type}, ${action}) ${task.status}: ${reason}`);
    this.name = "MeilisearchTaskError";
    this.task = task;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

/** What a caller should see: SearchUnavailableError when the server cannot answer, else the error. */
export function toEngineError(error: unknown, action: string): unknown {
  if (error instanceof SearchUnavailableError || error instanceof MeilisearchTaskError) return error;
  const unreachable =
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    error instanceof MeilisearchTaskTimeOutError ||
    // The client parses the body before looking at the status: a proxy's HTML error page lands here.
    error instanceof SyntaxError ||
    (error instanceof MeilisearchApiError && error.response.status >= 500);
  if (unreachable) return new SearchUnavailableError(`Meilisearch unavailable (${action}): ${describe(error)}`, { cause: error });
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code ? ` (${error.cause.code})` : "";
    return new Error(`Meilisearch refused ${action}: ${error.message}${code}`, { cause: error });
  }
  return error;
}

function isIndexNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.cause?.code === "index_not_found";
}

/** Consecutive slices of at most `size` items. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A document as it is sent: every string well-formed (one bad string would fail a whole batch). */
function sendable(doc: SearchDocument): SearchDocument {
  const copy: Record<string, unknown> = { ...doc };
  for (const [key, value] of Object.entries(copy)) if (typeof value === "string") copy[key] = wellFormed(value);
  return copy as unknown as SearchDocument;
}

const DOCUMENT_FIELDS = [
  "id",
  "kind",
  "consultationId",
  "consultationSlug",
  "consultationTitle",
  "blockKey",
  "blockLabel",
  "sectionKey",
  "sectionTitle",
  "text",
  "commentId",
  "stance",
  "status",
  "provinceCode",
  "provinceName",
  "communeCode",
  "communeName",
  "organizationId",
  "organizationName",
  "byline",
  "createdAt",
  "disposition",
  "versionNumber",
  "currentVersion",
] as const satisfies readonly (keyof SearchDocument)[];
// Fails to compile when SearchDocument gains a field this list does not carry back from a hit.
const allFieldsListed: [Exclude<keyof SearchDocument, (typeof DOCUMENT_FIELDS)[number]>] extends [never] ? true : false = true;
void allFieldsListed;

/** Fields some documents lack (SearchDocument's optional ones). */
const OPTIONAL_FIELDS = ["disposition", "versionNumber", "currentVersion"] as const satisfies readonly (typeof DOCUMENT_FIELDS)[number][];

/** A hit's stored attributes back as a SearchDocument (Meilisearch's own `_…` fields left out). */
export function hitToDocument(hit: Record<string, unknown>): SearchDocument {
  const document: Record<string, unknown> = {};
  for (const field of DOCUMENT_FIELDS) document[field] = hit[field] ?? null;
  // Only answers carry a disposition, only blocks a version: the other documents come back as they went in.
  for (const optional of OPTIONAL_FIELDS) if (document[optional] === null) delete document[optional];
  document.id = String(hit.id);
  document.text = typeof hit.text === "string" ? hit.text : "";
  document.createdAt = Number(hit.createdAt);
  return document as unknown as SearchDocument;
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine {
  const indexUid = options.indexUid ?? DEFAULT_INDEX_UID;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1_000));
  const waitOptions = { timeout: options.taskTimeoutMs ?? 600_000, interval: options.taskPollMs ?? 50 };
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: timeoutMs });
  const healthClient = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: Math.min(timeoutMs, 2_000) });
  const tags = highlightTags();

  async function waitFor(enqueued: EnqueuedTask, action: string): Promise<Task> {
    const task = await client.tasks.waitForTask(enqueued.taskUid, waitOptions);
    if (task.status !== "succeeded") throw new MeilisearchTaskError(task, action);
    return task;
  }

  /**
   * Makes `uid` exist with primary key "id" and the current settings, settings awaited. `fresh`: the
   * index must not exist yet (a rebuild's temporary index).
   */
  async function prepareIndex(uid: string, fresh: boolean): Promise<void> {
    let primaryKey: string | null | undefined;
    let exists = false;
    if (!fresh) {
      try {
        primaryKey = (await client.getRawIndex(uid)).primaryKey;
        exists = true;
      } catch (error) {
        if (!isIndexNotFound(error)) throw error;
      }
    }
    if (!exists) {
      try {
        await waitFor(await client.createIndex(uid, { primaryKey: PRIMARY_KEY }), `create index ${uid}`);
      } catch (error) {
        // Another process created the live index meanwhile: it is there, which is all we need.
        const raced = !fresh && error instanceof MeilisearchTaskError && error.task.error?.code === "index_already_exists";
        if (!raced) throw error;
      }
    } else if (primaryKey == null) {
      await waitFor(await client.updateIndex(uid, { primaryKey: PRIMARY_KEY }), `set primary key of ${uid}`);
    } else if (primaryKey !== PRIMARY_KEY) {
      throw new Error(`Meilisearch index ${uid} has primary key "${primaryKey}", expected "${PRIMARY_KEY}"`);
    }
    await waitFor(await client.index(uid).updateSettings(indexSettings()), `update settings of ${uid}`);
  }

  let live: Promise<void> | null = null;
  /** The live index exists with its settings (once per engine; retried after a failure). */
  function liveReady(): Promise<void> {
    live ??= prepareIndex(indexUid, false).catch((error: unknown) => {
      live = null;
      throw error;
    });
    return live;
  }

  /**
   * Sends each batch as requests of at most batchSize items (all enqueued, so the server can index
   * them together), waits for every task of the batch, then calls `confirmed(batch.length)`.
   */
  async function sendAll<T>(
    batches: AsyncIterable<T[]> | Iterable<T[]>,
    send: (chunk: T[]) => Promise<EnqueuedTask>,
    action: string,
    confirmed?: (count: number) => void,
  ): Promise<void> {
    for await (const batch of batches) {
      if (batch.length === 0) continue;
      const tasks: EnqueuedTask[] = [];
      for (const chunk of chunks(batch, batchSize)) tasks.push(await send(chunk));
      for (const task of tasks) await waitFor(task, action);
      confirmed?.(batch.length);
    }
  }

  function putDocuments(uid: string, docs: SearchDocument[]): Promise<void> {
    return sendAll([docs], (chunk) => client.index(uid).addDocuments(chunk.map(sendable)), `add documents to ${uid}`);
  }

  function deleteDocuments(uid: string, ids: string[]): Promise<void> {
    return sendAll([ids], (chunk) => client.index(uid).deleteDocuments(chunk.map(wellFormed)), `delete documents from ${uid}`);
  }

  // While a rebuild runs, writes go to the live index, which the swap is about to retire: they are
  // remembered (last write per id wins) and applied again to the new live index after the swap.
  let journal: Map<string, SearchDocument | null> | null = null;
  let rebuilding = false;

  async function replay(entries: Map<string, SearchDocument | null>): Promise<void> {
    const docs: SearchDocument[] = [];
    const removed: string[] = [];
    for (const [id, doc] of entries) {
      if (doc) docs.push(doc);
      else removed.push(id);
    }
    await putDocuments(indexUid, docs);
    await deleteDocuments(indexUid, removed);
  }

  async function guarded<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toEngineError(error, action);
    }
  }

  function emptyResult(facetNames: Facet[], started: number): SearchResult {
    const facets: SearchResult["facets"] = {};
    for (const facet of facetNames) facets[facet] = {};
    return { hits: [], total: 0, totalIsEstimate: false, facets, tookMs: Math.round(performance.now() - started) };
  }

  return {
    name: "meilisearch",

    upsert(docs) {
      return guarded("upsert", async () => {
        if (docs.length === 0) return;
        if (journal) for (const doc of docs) journal.set(doc.id, doc);
        await liveReady();
        await putDocuments(indexUid, docs);
      });
    },

    remove(ids) {
      return guarded("remove", async () => {
        if (ids.length === 0) return;
        if (journal) for (const id of ids) journal.set(id, null);
        await liveReady();
        await deleteDocuments(indexUid, ids);
      });
    },

    search(query) {
      return guarded("search", async () => {
        const started = performance.now();
        const filter = filterExpression(query.filters);
        // A facet name from a URL that is not one of ours would make the server refuse the whole query.
        const facetNames = [...new Set(query.facets)].filter((facet): facet is Facet => (FACETS as readonly string[]).includes(facet));
        const page = Math.max(1, Math.floor(query.page) || 1);
        const hitsPerPage = Math.min(MAX_HITS_PER_PAGE, Math.max(0, Math.floor(query.perPage) || 0));
        const params = {
          filter: filter.length > 0 ? filter : undefined,
          facets: facetNames.length > 0 ? facetNames : undefined,
          // page/hitsPerPage: exhaustive totals (up to maxTotalHits), unlike offset/limit's estimate.
          page,
          hitsPerPage,
          attributesToRetrieve: [...DOCUMENT_FIELDS],
          attributesToHighlight: ["text"],
          highlightPreTag: tags.pre,
          highlightPostTag: tags.post,
          attributesToCrop: ["text"],
          cropLength: SNIPPET_CROP_WORDS,
          cropMarker: "…",
          matchingStrategy: "last",
          showRankingScore: true,
          locales: ["vie"],
        } satisfies SearchParams;

        let response;
        try {
          response = await client.index<SearchDocument>(indexUid).search(wellFormed(query.q).normalize("NFC"), params);
        } catch (error) {
          // Nothing indexed yet: no results rather than an error (searching never creates the index).
          if (isIndexNotFound(error)) return emptyResult(facetNames, started);
          throw error;
        }

        const hits: SearchHit[] = response.hits.map((hit) => {
          const document = hitToDocument(hit as unknown as Record<string, unknown>);
          const formatted = hit._formatted?.text;
          return {
            id: document.id,
            kind: document.kind,
            document,
            snippet: typeof formatted === "string" ? snippetHtml(formatted, tags) : plainSnippet(document.text),
            score: hit._rankingScore ?? 0,
          };
        });
        const facets: SearchResult["facets"] = {};
        for (const facet of facetNames) facets[facet] = { ...(response.facetDistribution?.[facet] ?? {}) };
        const total = response.totalHits;
        return {
          hits,
          total,
          // The exhaustive count stops at maxTotalHits: at that number it is only a lower bound.
          totalIsEstimate: total >= MAX_TOTAL_HITS,
          facets,
          tookMs: Math.round(performance.now() - started),
        };
      });
    },

    rebuild(batches, onProgress) {
      return guarded("rebuild", async () => {
        if (rebuilding) throw new Error("a rebuild of this search index is already running");
        rebuilding = true;
        journal = new Map();
        const temporary = `${indexUid}_rebuild_${Date.now()}`;
        let swapped = false;
        try {
          await liveReady(); // a swap needs both indexes to exist
          await prepareIndex(temporary, true);
          let done = 0;
          await sendAll(
            batches,
            (chunk) => client.index(temporary).addDocuments(chunk.map(sendable)),
            `add documents to ${temporary}`,
            (count) => {
              done += count;
              onProgress?.(done);
            },
          );
          // `rename` is left out (it defaults to false): servers before 1.18 do not know the field.
          const swap = { indexes: [indexUid, temporary] } as IndexSwap;
          await waitFor(await client.swapIndexes([swap]), `swap ${indexUid} with ${temporary}`);
          swapped = true;
          const written = journal;
          journal = null;
          await replay(written);
          // After the swap the temporary uid holds the previous documents.
          await waitFor(await client.deleteIndex(temporary), `delete previous index (now ${temporary})`);
        } catch (error) {
          if (!swapped) {
            try {
              await waitFor(await client.deleteIndex(temporary), `delete ${temporary}`);
            } catch {
              // Best effort: the original error is the one to report.
            }
          }
          throw error;
        } finally {
          journal = null;
          rebuilding = false;
        }
      });
    },

    async health() {
      try {
        const { status } = await healthClient.health();
        return status === "available" ? { ok: true } : { ok: false, message: `Meilisearch status: ${String(status)}` };
      } catch (error) {
        return { ok: false, message: describe(toEngineError(error, "health")) };
      }
    },
  };
}
