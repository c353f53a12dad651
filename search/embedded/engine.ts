import { SearchUnavailableError, type SearchDocument, type SearchEngine, type SearchQuery, type SearchResult } from "@search/engine.ts";
import { executeSearch } from "./execute.ts";
import { SearchIndex } from "./search-index.ts";

/** Documents indexed between two yields to the event loop during a rebuild, so searches keep being answered. */
const REBUILD_SLICE = 2_000;

type Change = { upsert: SearchDocument[] } | { remove: string[] };

export interface EmbeddedIndexStats {
  documents: number;
  terms: number;
  /** Bytes in typed arrays: posting lists, columns, the UTF-8 text arena. */
  typedBytes: number;
  textBytes: number;
}

/**
 * The zero-setup search engine: an inverted index in this process's memory (ADR 013). Each app
 * process holds its own copy, filled by a rebuild at start and kept current by the outbox.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded" as const;
  private index = new SearchIndex();
  /** Changes that arrive while a rebuild runs, replayed on the new index before it takes over. */
  private journal: Change[] | null = null;
  private rebuilding: Promise<void> = Promise.resolve();

  async upsert(docs: SearchDocument[]): Promise<void> {
    for (const doc of docs) checkDocument(doc);
    applyUpsert(this.index, docs);
    this.journal?.push({ upsert: docs });
  }

  async remove(ids: string[]): Promise<void> {
    applyRemove(this.index, ids);
    this.journal?.push({ remove: ids });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    try {
      return executeSearch(this.index, query);
    } catch (error) {
      throw new SearchUnavailableError("Tìm kiếm tạm thời không trả lời được.", { cause: error });
    }
  }

  rebuild(batches: AsyncIterable<SearchDocument[]>, onProgress?: (done: number) => void): Promise<void> {
    // One rebuild at a time: a second one starts when the first is over.
    const run = this.rebuilding.catch(() => {}).then(() => this.runRebuild(batches, onProgress));
    this.rebuilding = run;
    return run;
  }

  async health(): Promise<{ ok: boolean; message?: string }> {
    return { ok: true, message: `Chỉ mục trong bộ nhớ: ${this.index.size} tài liệu.` };
  }

  stats(): EmbeddedIndexStats {
    return {
      documents: this.index.size,
      terms: this.index.vocabularySize,
      typedBytes: this.index.typedBytes,
      textBytes: this.index.store.textBytes,
    };
  }

  private async runRebuild(batches: AsyncIterable<SearchDocument[]>, onProgress?: (done: number) => void): Promise<void> {
    const next = new SearchIndex();
    this.journal = [];
    try {
      let done = 0;
      for await (const batch of batches) {
        for (const doc of batch) checkDocument(doc);
        for (let i = 0; i < batch.length; i += REBUILD_SLICE) {
          for (const doc of batch.slice(i, i + REBUILD_SLICE)) next.upsert(doc);
          await yieldToEventLoop();
        }
        done += batch.length;
        onProgress?.(done);
      }
      for (const change of this.journal) {
        if ("upsert" in change) applyUpsert(next, change.upsert);
        else applyRemove(next, change.remove);
      }
      if (next.store.deadCount > 0) next.compact();
      next.trim();
      this.index = next;
    } finally {
      this.journal = null;
    }
  }
}

export function createEmbeddedSearchEngine(): EmbeddedSearchEngine {
  return new EmbeddedSearchEngine();
}

function applyUpsert(index: SearchIndex, docs: SearchDocument[]): void {
  for (const doc of docs) index.upsert(doc);
  index.maybeCompact();
}

function applyRemove(index: SearchIndex, ids: string[]): void {
  for (const id of ids) if (typeof id === "string") index.remove(id);
  index.maybeCompact();
}

function checkDocument(doc: SearchDocument): void {
  if (!doc || typeof doc.id !== "string" || doc.id === "") throw new TypeError("A search document needs a non-empty string id.");
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
