// The comment form's submission before Remix (ADR 054). A document POST of the urlencoded comment form
// (`/du-thao/<slug>/gop-y`, no query, not a `.data` request) is read here and given to the same domain
// function as the route's action (submitComment, through build.entry.module.submitCommentForm). An
// accepted comment is answered here, 303 to its receipt, as the route answers it, without Remix's route
// matching, its Request/Response conversion and its action machinery (bench/README.md, issue 18). Every
// other result (the form again with what was typed, a refusal, not found, a database outage, the
// province choice without JavaScript) goes on to the route with the form and the result in
// `req.commentSubmission` (server/index.js puts it in the load context): the answer is the route's own.
// Runs after the body limit, the foreign-origin refusal and the outage hook, like the route.

const PATH = /^\/du-thao\/([^/?]+)\/gop-y$/;
const FORM = "application/x-www-form-urlencoded";

/**
 * @param {(slug: string, formData: FormData, clientAddress: string | null) => Promise<{ result: { status: string }; location: string | null }>} submit
 * @returns {import("express").RequestHandler}
 */
export function commentFastPath(submit) {
  return (req, res, next) => {
    const match = req.method === "POST" ? PATH.exec(req.originalUrl) : null;
    if (!match || req.headers["content-length"] === undefined) return next();
    if ((req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase() !== FORM) return next();
    let slug;
    try {
      slug = decodeURIComponent(match[1]);
    } catch {
      return next();
    }
    /** @type {Buffer[]} */
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    // A connection that breaks while sending gets no answer, from here or from Remix.
    req.on("error", () => {});
    req.on("end", async () => {
      // As Request.formData() reads an urlencoded body: UTF-8 (bad bytes become U+FFFD), then URLSearchParams.
      const formData = new FormData();
      for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) formData.append(name, value);
      /** @type {{ formData: FormData; result?: unknown; error?: unknown }} */
      const handed = { formData };
      /** @type {any} */ (req).commentSubmission = handed;
      // Without JavaScript, choosing a province reloads the form: the route's answer, nothing submitted.
      if (formData.get("intent") === "chon-tinh") return next();
      try {
        const { result, location } = await submit(slug, formData, req.ip ?? req.socket.remoteAddress ?? null);
        handed.result = result;
        if (location === null) return next();
        res.status(303).set("Location", location).end();
      } catch (error) {
        handed.error = error;
        next();
      }
    });
  };
}
