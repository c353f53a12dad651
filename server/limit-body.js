// Refuses request bodies the app never needs before anything reads them: larger than `maxBytes`
// (413), or of unknown length (411). Answers in Vietnamese, as plain text.

/** @param {number} maxBytes */
export function limitBody(maxBytes) {
  /** @type {import("express").RequestHandler} */
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const length = req.headers["content-length"];
    if (length === undefined) {
      if (req.headers["transfer-encoding"]) return refuse(res, 411, "Yêu cầu cần cho biết độ dài nội dung (Content-Length).");
      return next();
    }
    if (!/^\d+$/.test(length) || Number(length) > maxBytes) {
      return refuse(res, 413, `Nội dung gửi lên quá lớn (tối đa ${Math.floor(maxBytes / 1024)} KB).`);
    }
    next();
  };
}

/** @param {import("express").Response} res @param {number} status @param {string} message */
function refuse(res, status, message) {
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).send(message);
}
