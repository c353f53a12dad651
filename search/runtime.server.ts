import { performance } from "node:perf_hooks";
import { SearchUnavailableError, type SearchDocument, type SearchEngine } from "@search/engine.ts";
import { getDb } from "~/platform/db.server.ts";
import { getSql } from "~/platform/sql.server.ts";
import { config as appConfig, type SearchSettings } from "~/platform/config.server.ts";
import { formatCount } from "~/platform/format.ts";
import { existingSingleton, singleton } from "~/platform/singleton.server.ts";
import { createEmbeddedSearchEngine } from "./embedded/engine.ts";
import { DEFAULT_INDEX_UID, createMeilisearchEngine } from "./meilisearch/engine.ts";
import { createPostgresSearchEngine } from "./postgres/engine.ts";
import { postgresTransactionIndexer } from "./postgres/sync.server.ts";
import { useTransactionIndexer } from "./outbox/outbox.server.ts";
import { allDocuments } from "./documents.server.ts";
import {
  createOutboxConsumer,
  memoryCursor,
  sharedCursor,
  startCursor,
  type ConsumerOptions,
  type Lag,
  type OutboxConsumer,
  type OutboxDb,
} from "./indexer.server.ts";

// Which search engine this process uses, and keeping it true (ADR 015, search/README.md).
// - MEILI_HOST set → Meilisearch: one index for every process; each process runs the outbox consumer
//   on the shared SearchCursor (one of them pushes at a time).
// - SEARCH_ENGINE=postgres → the documents are rows of the app's PostgreSQL database, written in the
//   transaction of each change (search/postgres/, ADR 051): shared by every process, no consumer to run.
// - otherwise → the embedded engine: each process builds its own index from the database on first
//   use, then follows the outbox with a cursor of its own.

export type SearchConfig =
  { engine: "embedded" } | { engine: "postgres"; typos?: boolean } | { engine: "meilisearch"; host: string; apiKey?: string; indexUid: string };

/** This process's engine: the MEILI_* settings of the configuration (checked at start with the rest, ADR 028), with the default index. */
export function searchConfig(settings: SearchSettings = appConfig().search): SearchConfig {
  return settings.engine === "meilisearch" ? { ...settings, indexUid: settings.indexUid ?? DEFAULT_INDEX_UID } : settings;
}

/** The engine for a configuration (tests pass their own). */
export function createEngine(config: SearchConfig): SearchEngine {
  if (config.engine === "meilisearch") return createMeilisearchEngine({ host: config.host, apiKey: config.apiKey, indexUid: config.indexUid });
  return config.engine === "postgres" ? createPostgresSearchEngine({ sql: getSql(), typos: config.typos }) : createEmbeddedSearchEngine();
}

export interface SearchStatus {
  engine: SearchConfig["engine"];
  /** Searches can be answered now: the embedded index is built in this process; the database (postgres) or the Meilisearch server answers. */
  ready: boolean;
  /** Outbox rows the consumer has not applied yet and the oldest one's age; null when unknown (no cursor yet, database down). */
  lag: Lag | null;
  /** Why it is not ready, for people (Vietnamese). */
  message?: string;
}

export interface SearchRuntime {
  readonly config: SearchConfig;
  getSearchEngine(): Promise<SearchEngine>;
  startSearchIndexer(): void;
  searchStatus(): Promise<SearchStatus>;
  /** Stops the consumer (tests, shutdown). */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  db?: OutboxDb;
  config?: SearchConfig;
  createEngine?: (config: SearchConfig) => SearchEngine;
  /** Documents per batch of the embedded build; default 1,000. */
  buildBatchSize?: number;
  consumer?: ConsumerOptions;
  log?: Pick<Console, "log" | "error">;
}

const HEALTH_TIMEOUT_MS = 2_000;

/** Resolves with `fallback` when `work` takes longer than `ms` (health must answer quickly). */
function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Counts the documents as the engine pulls them. */
async function* counted(batches: AsyncIterable<SearchDocument[]>, count: { n: number }) {
  for await (const batch of batches) {
    count.n += batch.length;
    yield batch;
  }
}

export function createSearchRuntime(options: RuntimeOptions = {}): SearchRuntime {
  const config = options.config ?? searchConfig();
  // PostgreSQL: from now on every outbox write of this process also writes its documents.
  if (config.engine === "postgres") useTransactionIndexer(postgresTransactionIndexer);
  // The database client is made on first need, not when the runtime is created (the server's import of the build).
  let client = options.db;
  const db = () => (client ??= getDb());
  const log = options.log ?? console;
  const make = options.createEngine ?? createEngine;
  const consumerOptions = { log, ...options.consumer };

  let engine: SearchEngine | undefined;
  let consumer: OutboxConsumer | undefined;
  let building: Promise<SearchEngine> | undefined;
  let buildError: string | undefined;
  let ready = false;
  let stopped = false;

  /** The embedded engine: built from the database on first use, then kept up to date by this process. */
  function buildEmbedded(): Promise<SearchEngine> {
    building ??= (async () => {
      const started = performance.now();
      try {
        // The cursor is placed before the build reads anything: rows committed meanwhile are applied after it.
        const from = await startCursor(db());
        const fresh = make(config);
        const count = { n: 0 };
        await fresh.rebuild(counted(allDocuments(db(), options.buildBatchSize ?? 1_000), count));
        const seconds = ((performance.now() - started) / 1000).toLocaleString("vi-VN", { maximumFractionDigits: 1 });
        log.log(`Tìm kiếm: đã lập chỉ mục nhúng ${formatCount(count.n)} tài liệu trong ${seconds} giây (tiến trình ${process.pid})`);
        engine = fresh;
        if (!stopped) {
          consumer = createOutboxConsumer(db(), fresh, memoryCursor(from), consumerOptions);
          consumer.start();
        }
        ready = true;
        buildError = undefined;
        return fresh;
      } catch (error) {
        building = undefined; // the next call tries again
        buildError = error instanceof Error ? error.message : String(error);
        log.error("Tìm kiếm: không lập được chỉ mục nhúng", error);
        throw error instanceof SearchUnavailableError ? error : new SearchUnavailableError("Chỉ mục tìm kiếm chưa lập được", { cause: error });
      }
    })();
    return building;
  }

  /** An engine shared by every process (Meilisearch, PostgreSQL): made once, nothing to build. */
  function shared(): SearchEngine {
    engine ??= make(config);
    return engine;
  }

  return {
    config,
    getSearchEngine() {
      return config.engine === "embedded" ? buildEmbedded() : Promise.resolve(shared());
    },
    startSearchIndexer() {
      // Embedded: the consumer starts with the index, at the first search of this process.
      if (config.engine !== "meilisearch" || consumer || stopped) return;
      consumer = createOutboxConsumer(db(), shared(), sharedCursor(db()), consumerOptions);
      consumer.start();
    },
    async searchStatus() {
      const lag = consumer
        ? await within(
            consumer.lag().catch(() => null),
            HEALTH_TIMEOUT_MS,
            null,
          )
        : null;
      if (config.engine === "embedded") {
        const message = ready
          ? undefined
          : building
            ? "Đang lập chỉ mục tìm kiếm trong tiến trình này."
            : buildError
              ? `Chưa lập được chỉ mục tìm kiếm: ${buildError}`
              : "Chỉ mục tìm kiếm được lập khi có lượt tìm kiếm đầu tiên trong tiến trình này.";
        return { engine: "embedded", ready, lag, ...(message ? { message } : {}) };
      }
      const health = await within(shared().health(), HEALTH_TIMEOUT_MS, { ok: false, message: "no answer within 2 s" });
      if (config.engine === "postgres") {
        // Nothing lags: the documents are written with each change.
        return {
          engine: "postgres",
          ready: health.ok,
          lag: health.ok ? { rows: 0, oldestMs: null } : null,
          ...(health.ok ? {} : { message: `Cơ sở dữ liệu không trả lời tìm kiếm${health.message ? `: ${health.message}` : "."}` }),
        };
      }
      return {
        engine: "meilisearch",
        ready: health.ok,
        lag,
        ...(health.ok ? {} : { message: `Máy chủ Meilisearch không trả lời${health.message ? `: ${health.message}` : "."}` }),
      };
    },
    async stop() {
      stopped = true;
      await consumer?.stop();
    },
  };
}

// The process's runtime, kept across rebuilds in development (like the database client).
function runtime(): SearchRuntime {
  return singleton("searchRuntime", () => createSearchRuntime());
}

/**
 * The process's search engine, once it can answer. Embedded: the first call builds the index from
 * the database (concurrent callers share that build) and rejects with SearchUnavailableError when
 * the build fails (the next call tries again). Meilisearch: at once.
 */
export function getSearchEngine(): Promise<SearchEngine> {
  return runtime().getSearchEngine();
}

/**
 * For app/background.server.ts: keeps the index up to date from the outbox (once per process; unref'd
 * timers). Meilisearch: starts the shared consumer now. Embedded: the consumer starts with the
 * index (first search).
 */
export function startSearchIndexer(): void {
  runtime().startSearchIndexer();
}

/** For /healthz: null when search was never used or started in this process. */
export async function searchStatus(): Promise<SearchStatus | null> {
  return existingSingleton<SearchRuntime>("searchRuntime")?.searchStatus() ?? null;
}
