// The page cache lives in the HTTP server (server/page-cache.js); the app only tells it which
// pages to forget after a change, which responses may be cached at all, and until when at the most.
type PageCache = { invalidate(prefix?: string): void };

export const CACHEABLE_PAGE_HEADERS = {
  "x-page-cache": "public",
  "Cache-Control": "public, max-age=0, must-revalidate",
};

export function invalidatePages(prefix?: string) {
  (globalThis as { __pageCache?: PageCache }).__pageCache?.invalidate(prefix);
}

/** Set on a cacheable page whose content changes by itself at a known instant (epoch ms): its copy is not served from then on. */
export const CACHE_UNTIL_HEADER = "x-page-cache-until";

/** Loader headers saying until when the page may be served from the cache (nothing when it may be kept the usual TTL). */
export function cacheUntil(until: Date | null): Record<string, string> {
  return until ? { [CACHE_UNTIL_HEADER]: String(until.getTime()) } : {};
}

/** A route's headers: the cache marker, with the deadline its loader gave (cacheUntil). */
export function cacheablePageHeaders({ loaderHeaders }: { loaderHeaders: Headers }): Record<string, string> {
  const until = loaderHeaders.get(CACHE_UNTIL_HEADER);
  return until ? { ...CACHEABLE_PAGE_HEADERS, [CACHE_UNTIL_HEADER]: until } : CACHEABLE_PAGE_HEADERS;
}
