// A form post from another site. Remix refuses a POST whose Origin is not the host it was sent to (its
// CSRF check) by throwing, which answers 500 with an empty body; this answers the same requests first,
// with 403 and words. The comparison is Remix's own (throwIfPotentialCSRFAttack in
// @remix-run/server-runtime): X-Forwarded-Host when present, else Host, so nothing it refuses gets past.

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const FOREIGN_ORIGIN_MESSAGE = "Yêu cầu bị từ chối vì được gửi từ một trang web khác. Hãy mở trang trên chính trang web này rồi gửi lại.";

/** @param {import("node:http").IncomingHttpHeaders} headers @returns {boolean} */
export function isForeignOrigin(headers) {
  const origin = headers.origin;
  if (origin === undefined || origin === "") return false;
  let originHost;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = String(headers["x-forwarded-host"] ?? "")
    .split(",")[0]
    .trim();
  const host = forwarded || headers.host;
  return !host || originHost !== host;
}

/** @type {import("express").RequestHandler} */
export function refuseForeignOrigin(req, res, next) {
  if (!UNSAFE.has(req.method) || !isForeignOrigin(req.headers)) return next();
  res.status(403).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).send(FOREIGN_ORIGIN_MESSAGE);
}
