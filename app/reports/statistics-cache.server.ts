import type { ReportQuery } from "./query.server.ts";
import type { ReportStatistics } from "./statistics.server.ts";
import { singleton } from "~/platform/singleton.server.ts";

// The statistics of a large consultation take a second or more to count (bench/reports.ts), and a
// representative looks at the same page again and again. Each process keeps the last results per
// query (consultation, version, scope and filters) for FRESH_MS; an older result, up to STALE_MS, is
// shown at once while it is counted again in the background (stale-while-revalidate), and people
// asking for the same query at the same time share one count. "Cập nhật số liệu" asks for a fresh one.
// Exports never use this: they count when they run.

export const FRESH_MS = 60_000;
export const STALE_MS = 15 * 60_000;
const MAX_ENTRIES = 100;

interface Entry {
  at: number;
  value: Promise<ReportStatistics>;
  settled: boolean;
}

export interface CachedStatistics {
  statistics: ReportStatistics;
  /** When the numbers were counted. */
  countedAt: Date;
}

export function createStatisticsCache(options: { freshMs?: number; staleMs?: number; maxEntries?: number } = {}) {
  const freshMs = options.freshMs ?? FRESH_MS;
  const staleMs = options.staleMs ?? STALE_MS;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const entries = new Map<string, Entry>();

  const start = (key: string, count: () => Promise<ReportStatistics>, now: number): Entry => {
    const entry: Entry = { at: now, value: count(), settled: false };
    entry.value.then(
      () => (entry.settled = true),
      // A failed count is not kept: the next request counts again.
      () => entries.get(key) === entry && entries.delete(key),
    );
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return entry;
  };

  return {
    async get(key: string, count: () => Promise<ReportStatistics>, { fresh = false, now = Date.now() } = {}): Promise<CachedStatistics> {
      let entry = entries.get(key);
      const age = entry ? now - entry.at : Infinity;
      if (!entry || fresh || age > staleMs || (!entry.settled && age > freshMs)) {
        // A count already running for a forced refresh is shared, not started twice.
        if (!(fresh && entry && !entry.settled)) entry = start(key, count, now);
      } else if (age > freshMs) {
        // Stale: answer with it now and count again for the next visitor.
        const stale = entry;
        const next = start(key, count, now);
        next.value.catch(() => entries.set(key, stale));
      }
      return { statistics: await entry!.value, countedAt: new Date(entry!.at) };
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}

/** The key of a query: everything that changes its numbers. */
export function statisticsKey(query: ReportQuery, versionId: string | null): string {
  return JSON.stringify([query.consultationId, versionId, query.filters, query.scope, query.organizationScope]);
}

export function statisticsCache() {
  return singleton("reportStatisticsCache", createStatisticsCache);
}
