// The page cache lives in the HTTP server (server/page-cache.js); the app only tells it which
// pages to forget after a change, and which responses may be cached at all.
type PageCache = { invalidate(prefix?: string): void };

export const CACHEABLE_PAGE_HEADERS = {
  "x-page-cache": "public",
  "Cache-Control": "public, max-age=0, must-revalidate",
};

export function invalidatePages(prefix?: string) {
  (globalThis as { __pageCache?: PageCache }).__pageCache?.invalidate(prefix);
}
