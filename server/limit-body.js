// Refuses request bodies the app never needs before anything reads them: larger than `maxBytes`
// (413), or of unknown length (411). Staff upload paths take up to their own limit, but only from a
// request with a live staff session: anyone else's large body is refused unread (a forged or stale
// cookie is checked by its signature first, then by one database lookup). Answers in Vietnamese, as plain text.

/**
 * @param {number} maxBytes
 * @param {{ prefix: string; maxBytes: number }[]} [uploads] paths that take files (staff uploads) and their own limit
 * @param {{ hasSession?: (cookieHeader: string | undefined) => Promise<boolean> }} [options] who may send an upload's body
 */
export function limitBody(maxBytes, uploads = [], { hasSession = async () => false } = {}) {
  /** @type {import("express").RequestHandler} */
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const upload = uploads.find((u) => (req.path ?? req.url ?? "").startsWith(u.prefix));
    const limit = upload ? upload.maxBytes : maxBytes;
    const length = req.headers["content-length"];
    if (length === undefined) {
      if (req.headers["transfer-encoding"]) return refuse(res, 411, "Yêu cầu cần cho biết độ dài nội dung (Content-Length).");
      return next();
    }
    if (!/^\d+$/.test(length) || Number(length) > limit) {
      return refuse(res, 413, `Nội dung gửi lên quá lớn (tối đa ${Math.floor(limit / 1024)} KB).`);
    }
    if (upload && Number(length) > maxBytes) {
      hasSession(req.headers.cookie).then(
        (live) =>
          live
            ? next()
            : refuse(
                res,
                413,
                `Nội dung gửi lên quá lớn (tối đa ${Math.floor(maxBytes / 1024)} KB). Để tải tệp lên, vui lòng đăng nhập tài khoản cán bộ rồi thử lại.`,
              ),
        next,
      );
      return;
    }
    next();
  };
}

/** @param {import("express").Response} res @param {number} status @param {string} message */
function refuse(res, status, message) {
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).send(message);
}
