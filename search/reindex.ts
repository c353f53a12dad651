// `npm run search:reindex` rebuilds the search index from the database (search/README.md).
// - Meilisearch: fills a new index and swaps it with the live one (searches keep being answered
//   meanwhile), then sets the shared outbox cursor to where the rebuild started reading, so every
//   change made during the rebuild reaches the new index.
// - Embedded: each app process builds its own index when it starts searching; this command builds
//   one here only to check that it can, and says how long it took.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { SearchEngine } from "@search/engine.ts";
import { createDb } from "~/platform/db.server.ts";
import { formatCount } from "~/platform/format.ts";
import { allDocuments, countAllDocuments } from "./documents.server.ts";
import { MEILISEARCH_CONSUMER, applyRows, resetSharedCursor, startCursor, type OutboxDb } from "./indexer.server.ts";
import { createEngine, searchConfig, type SearchConfig } from "./runtime.server.ts";
import { useTransactionIndexer } from "./outbox/outbox.server.ts";
import { postgresTransactionIndexer } from "./postgres/sync.server.ts";

/** "Đang lập chỉ mục: 120.000 / 200.000 (60%)" */
export function progressText(done: number, total: number): string {
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  return `Đang lập chỉ mục: ${formatCount(done)} / ${formatCount(Math.max(done, total))} (${percent}%)`;
}

const BAR_WIDTH = 24;

/** The same with a bar, for a terminal: "[██████░░░░…] Đang lập chỉ mục: …". */
export function progressBar(done: number, total: number): string {
  const filled = total > 0 ? Math.min(BAR_WIDTH, Math.round((done / total) * BAR_WIDTH)) : BAR_WIDTH;
  return `[${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${progressText(done, total)}`;
}

export interface Output {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Shows progress: a bar redrawn in place on a terminal, a plain line every few seconds otherwise. */
export function progressReporter(out: Output, total: number, { everyMs = 5_000, now = () => performance.now() } = {}) {
  let lastLine = -Infinity;
  let shown = -1;
  return {
    update(done: number) {
      if (out.isTTY) {
        out.write(`\r${progressBar(done, total)}`);
      } else if (now() - lastLine >= everyMs) {
        out.write(`${progressText(done, total)}\n`);
        lastLine = now();
        shown = done;
      }
    },
    finish(done: number) {
      if (out.isTTY) out.write(`\r${progressBar(done, total)}\n`);
      else if (shown !== done) out.write(`${progressText(done, total)}\n`);
    },
  };
}

export interface ReindexOptions {
  db: OutboxDb;
  config: SearchConfig;
  makeEngine?: (config: SearchConfig) => SearchEngine;
  out?: Output;
  batchSize?: number;
  /** Interval of the plain progress lines; default 5 s. */
  lineEveryMs?: number;
}

/** Rebuilds the index; resolves with the number of documents and the seconds it took. */
export async function reindex(options: ReindexOptions): Promise<{ documents: number; seconds: number }> {
  const { db, config, out = process.stdout } = options;
  const engine = (options.makeEngine ?? createEngine)(config);
  if (config.engine === "postgres") useTransactionIndexer(postgresTransactionIndexer);
  if (config.engine === "embedded") {
    out.write(
      "Ứng dụng đang dùng công cụ tìm kiếm nhúng (chưa đặt MEILI_HOST): mỗi tiến trình của ứng dụng tự lập chỉ mục " +
        "từ cơ sở dữ liệu khi có lượt tìm kiếm đầu tiên, rồi tự cập nhật, nên không cần chạy lệnh này.\n" +
        "Lệnh vẫn lập thử một chỉ mục để kiểm tra dữ liệu và đo thời gian.\n",
    );
  } else if (config.engine === "postgres") {
    out.write("Lập lại bảng tìm kiếm trong cơ sở dữ liệu PostgreSQL; tìm kiếm vẫn trả lời trong lúc lập.\n");
  } else {
    out.write(`Lập lại chỉ mục Meilisearch «${config.indexUid}» tại ${config.host}; chỉ mục cũ vẫn trả lời cho đến khi chỉ mục mới xong.\n`);
  }
  const started = performance.now();
  // Changes committed after this point are applied to the new index by the outbox consumers.
  const from = await startCursor(db);
  const total = await countAllDocuments(db);
  const progress = progressReporter(out, total, { everyMs: options.lineEveryMs });
  let done = 0;
  progress.update(0);
  async function* counted() {
    for await (const batch of allDocuments(db, options.batchSize ?? 1_000)) {
      yield batch;
      done += batch.length;
      progress.update(done);
    }
  }
  await engine.rebuild(counted());
  progress.finish(done);
  if (config.engine === "meilisearch") await resetSharedCursor(db, from, MEILISEARCH_CONSUMER);
  // PostgreSQL: each change wrote its documents as it committed, but one the rebuild read before it and
  // wrote after may be stale: the changes announced since the rebuild began are applied again.
  if (config.engine === "postgres") await replayOutbox(db, engine, from);
  const seconds = (performance.now() - started) / 1000;
  const time = seconds.toLocaleString("vi-VN", { maximumFractionDigits: 1 });
  out.write(`Đã lập chỉ mục ${formatCount(done)} tài liệu trong ${time} giây.\n`);
  if (config.engine === "meilisearch")
    out.write(`Các thay đổi từ lúc bắt đầu (sau dòng outbox số ${formatCount(from)}) sẽ được các máy chủ ứng dụng cập nhật tiếp.\n`);
  return { documents: done, seconds };
}

/** Applies every outbox row after `from` to `engine` (500 at a time). */
async function replayOutbox(db: OutboxDb, engine: SearchEngine, from: number): Promise<void> {
  for (let after = from; ;) {
    const rows = await db.searchOutbox.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 500 });
    if (!rows.length) return;
    await applyRows(db, engine, rows);
    after = rows.at(-1)!.id;
  }
}

async function main() {
  const db = createDb();
  try {
    await reindex({ db, config: searchConfig() });
  } catch (error) {
    if (process.stdout.isTTY) process.stdout.write("\n"); // after a progress bar
    console.error(`Không lập được chỉ mục: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
