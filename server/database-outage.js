// While the database cannot be reached, every page (public and staff, documents and `.data`
// requests, actions and loaders) answers 503 with Retry-After and the Vietnamese error page
// ("Hệ thống tạm thời gián đoạn… thử lại sau ít phút") instead of a 500. A comment form sent
// meanwhile can be sent again safely: its idempotency key gives a retry the same receipt (ADR 025).

/** What Retry-After says: a database restart or fail-over usually takes well under a minute. */
export const RETRY_AFTER_SECONDS = 30;

const MESSAGE = "Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút.";

// Prisma's codes for a server it cannot reach or that went away (P1xxx), a full pool (P2024) and
// too many connections (P2037). Driver adapters' error kinds for the same. Node's socket errors.
// PostgreSQL's SQLSTATEs: class 08 (connection exception), 57P01-57P03 (shutting down, crashed,
// starting up), 53300 (too many connections). SQLite: cannot open the file, disk I/O errors, and a
// write lock still held after the driver's own wait (sql.server.ts).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN"]);
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const SQLITE = /^SQLITE_(CANTOPEN|BUSY|IOERR|PROTOCOL)/;
// What pg says when a connection dies or cannot be made in time.
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether an error means "the database is not there right now" (down, restarting, unreachable,
 * overloaded) rather than a mistake in a query: looks through causes, Prisma's wrapped driver
 * errors and aggregated connection attempts.
 * @param {unknown} error
 */
export function isDatabaseUnavailable(error) {
  const seen = new Set();
  const queue = [error];
  while (queue.length > 0) {
    const e = /** @type {any} */ (queue.shift());
    if (!e || typeof e !== "object" || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    const code = typeof e.code === "string" ? e.code : "";
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code) || SQLITE.test(code)) return true;
    if (code === "ENOENT" && e.syscall === "connect") return true; // PostgreSQL's Unix socket is gone
    if (ADAPTER_KINDS.has(e.kind) || SQLSTATE.test(String(e.originalCode ?? ""))) return true;
    if (PG_MESSAGES.test(String(e.message ?? ""))) return true;
    queue.push(e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return false;
}

let lastLog = 0;

/**
 * The Remix build with every route's loader and action guarded: an error that means the database is
 * unavailable becomes a thrown 503 Response, which Remix renders with the route's error boundary
 * (app/ui/error-boundary.tsx has the Vietnamese text) and answers with status 503 on documents and
 * `.data` requests alike. Other errors pass through untouched.
 * @template {{ routes: Record<string, { module: Record<string, unknown> }> }} B
 * @param {B} build
 * @returns {B}
 */
export function withDatabaseOutage(build) {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = { ...route.module };
      for (const name of ["loader", "action"]) if (typeof module[name] === "function") module[name] = guard(/** @type {Function} */ (module[name]));
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}

/** @param {Function} handler */
function guard(handler) {
  /** @param {unknown[]} args */
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      // Said at most every 10 s: an outage under load would otherwise write a line per request.
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        console.error(
          `Cơ sở dữ liệu không trả lời; các trang trả 503 cho đến khi nó trở lại: ${/** @type {Error} */ (error).message?.split("\n").filter(Boolean).at(-1)}`,
        );
      }
      throw databaseUnavailableResponse();
    }
  };
}

export function databaseUnavailableResponse() {
  return new Response(MESSAGE, {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * Express middleware: every 503 carries Retry-After. Remix keeps only cookies from a thrown
 * Response's headers when it renders a document or `.data` answer, so the header is set here, as the
 * status line is written.
 * @type {import("express").RequestHandler}
 */
export function retryAfterOn503(_req, res, next) {
  const writeHead = res.writeHead;
  res.writeHead = /** @type {typeof res.writeHead} */ (
    function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
      if (status === 503 && !res.getHeader("Retry-After")) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      return writeHead.call(this, status, ...rest);
    }
  );
  next();
}
