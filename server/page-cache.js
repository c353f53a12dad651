// An in-memory cache of whole public pages, in front of Express and Remix.
//
// A published document version never changes; only its comment counts do. So a page that a route
// marks cacheable (response header `x-page-cache: public`) is kept for a few seconds, with its
// gzip and brotli forms and an ETag computed once, and served straight from the Node HTTP handler.
// A stale entry keeps being served while one request renders the fresh page (stale-while-revalidate),
// so a busy page is rendered at most once per TTL. Requests carrying a session cookie bypass it.
// A page whose content changes at a known instant (a consultation opening or closing: its state, its
// comment links) says so with `x-page-cache-until: <epoch ms>`; from that instant its copy is never
// served again, not even stale while another request renders the fresh one (ADR 034).
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";

// Compression runs on libuv's thread pool, not on the event loop that serves requests.
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export const CACHE_FLAG_HEADER = "x-page-cache";
export const CACHE_UNTIL_HEADER = "x-page-cache-until";
const SESSION_COOKIE = /(?:^|;\s*)__session=/;
// The fixed security headers are set on every response by server/index.js; the policy is per page.
const KEPT_HEADERS = ["content-type", "cache-control", "content-language", "content-security-policy"];

/**
 * @param {{ ttlMs: number, maxEntries?: number, maxBytes?: number, now?: () => number,
 *   storedHeaders?: (headers: Record<string, string>, body: Buffer) => Record<string, string> }} options
 *   `storedHeaders` turns a rendered page's headers into those its stored copies are served with.
 */
export function createPageCache({ ttlMs, maxEntries = 500, maxBytes = 64 * 1024 * 1024, now = Date.now, storedHeaders = (headers) => headers }) {
  /** @type {Map<string, { status: number, headers: Record<string, string>, identity: Buffer, gzip: Buffer, br: Buffer, etag: string, storedAt: number, until: number, refreshing: boolean }>} */
  const entries = new Map();
  let totalBytes = 0;
  const stats = { hits: 0, misses: 0, stores: 0 };

  function eligible(req) {
    if (ttlMs <= 0) return false;
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const cookie = req.headers.cookie;
    return !(cookie && SESSION_COOKIE.test(cookie));
  }

  function remove(key) {
    const entry = entries.get(key);
    if (!entry) return;
    totalBytes -= entry.identity.length + entry.gzip.length + entry.br.length;
    entries.delete(key);
  }

  /** Answers from memory when it can; returns false to let the app handle the request. */
  function tryServe(req, res) {
    if (!eligible(req)) return false;
    const entry = entries.get(req.url);
    if (!entry) {
      stats.misses++;
      return false;
    }
    if (now() >= entry.until) {
      // Out of date for certain (its consultation opened or closed): rendered again, by every request until stored.
      remove(req.url);
      stats.misses++;
      return false;
    }
    if (now() - entry.storedAt > ttlMs && !entry.refreshing) {
      // This request renders the fresh page; others keep getting this one meanwhile.
      entry.refreshing = true;
      stats.misses++;
      return false;
    }
    stats.hits++;
    // Keep recently used entries at the end of the Map, for the LRU eviction in store().
    entries.delete(req.url);
    entries.set(req.url, entry);

    const headers = { ...entry.headers, etag: entry.etag, vary: "Accept-Encoding", "x-cache": "HIT" };
    if (req.headers["if-none-match"] === entry.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const accept = String(req.headers["accept-encoding"] ?? "");
    let body = entry.identity;
    if (/\bbr\b/.test(accept)) {
      body = entry.br;
      headers["content-encoding"] = "br";
    } else if (/\bgzip\b/.test(accept)) {
      body = entry.gzip;
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(body.length);
    res.writeHead(entry.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  /** @type {Set<Promise<void>>} */
  const pending = new Set();

  function store(key, status, headerSource, identity, until = Infinity) {
    /** @type {Record<string, string>} */
    const kept = {};
    for (const name of KEPT_HEADERS) {
      const value = headerSource[name];
      if (value !== undefined) kept[name] = String(value);
    }
    const headers = storedHeaders(kept, identity);
    const job = Promise.all([gzip(identity, { level: 6 }), brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })])
      .then(([gz, br]) => put(key, status, headers, identity, gz, br, until))
      .catch((error) => {
        console.error("Page cache: compression failed", error);
        const entry = entries.get(key);
        if (entry) entry.refreshing = false;
      })
      .finally(() => pending.delete(job));
    pending.add(job);
  }

  function put(key, status, headers, identity, gzip, br, until) {
    remove(key);
    if (now() >= until) return;
    const etag = `"${createHash("sha1").update(identity).digest("base64url")}"`;
    const size = identity.length + gzip.length + br.length;
    if (size > maxBytes) return;
    entries.set(key, { status, headers, identity, gzip, br, etag, storedAt: now(), until, refreshing: false });
    totalBytes += size;
    stats.stores++;
    for (const [oldest] of entries) {
      if (entries.size <= maxEntries && totalBytes <= maxBytes) break;
      remove(oldest);
    }
  }

  /**
   * Express middleware: records the uncompressed body of responses the app marked cacheable.
   * Install it after compression() so that it sees the bytes before they are compressed.
   */
  function capture(req, res, next) {
    if (!eligible(req)) return next();
    const key = req.url;
    /** @type {Buffer[] | null} */
    let chunks = null;
    let until = Infinity;
    let decided = false;
    const decide = () => {
      if (decided) return;
      decided = true;
      const flag = res.getHeader(CACHE_FLAG_HEADER);
      res.removeHeader(CACHE_FLAG_HEADER);
      const deadline = Number(res.getHeader(CACHE_UNTIL_HEADER));
      res.removeHeader(CACHE_UNTIL_HEADER);
      if (Number.isFinite(deadline)) until = deadline;
      if (flag === "public" && res.statusCode === 200 && !res.getHeader("set-cookie") && req.method === "GET") chunks = [];
    };
    const write = res.write;
    const end = res.end;
    res.write = function (chunk, ...rest) {
      decide();
      if (chunks && chunk) chunks.push(Buffer.from(chunk));
      return write.call(this, chunk, ...rest);
    };
    res.end = function (chunk, ...rest) {
      decide();
      if (chunks && chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk));
      if (chunks) {
        store(key, res.statusCode, res.getHeaders(), Buffer.concat(chunks), until);
      } else {
        const entry = entries.get(key);
        if (entry) entry.refreshing = false;
      }
      return end.call(this, chunk, ...rest);
    };
    next();
  }

  /** Forgets cached pages whose URL starts with the prefix (all pages without one). */
  function invalidate(prefix = "/") {
    for (const key of [...entries.keys()]) if (key.startsWith(prefix)) remove(key);
  }

  /** Resolves when every page being compressed is stored (for tests and orderly shutdown). */
  async function idle() {
    while (pending.size > 0) await Promise.all([...pending]);
  }

  return {
    tryServe,
    capture,
    invalidate,
    idle,
    stats,
    get size() {
      return entries.size;
    },
  };
}
