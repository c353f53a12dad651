import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { submitComment, type SubmissionResult } from "~/comments/submit.server.ts";
import { newReceiptPath } from "~/consultations/urls.ts";
import { unhydratedPage } from "~/consultations/reader/unhydrated.ts";
import { getDb } from "~/platform/db.server.ts";
import { fillBodySlot, stripNulBytes } from "~/platform/slot-filler.server.ts";
import { hasLiveSession } from "~/staff/sessions.server.ts";
import { NonceProvider } from "~/ui/nonce.tsx";

/** For server/index.js (through build.entry.module): the configuration, checked once at start (ADR 028), and the background work (ADR 029). */
export { loadConfig } from "./platform/config.server.ts";
export { startBackgroundWork } from "./background.server.ts";

const ABORT_DELAY = 5_000;

/** For server/index.js (through build.entry.module): may this request send a staff upload's body? */
export const hasStaffSession = (cookieHeader: string | undefined) => hasLiveSession(getDb(), cookieHeader);

/**
 * For server/index.js (through build.entry.module): the comment form's submission taken before Remix (ADR 054),
 * with the same domain function as the route's action. Only an accepted submission is answered there (303 to
 * the receipt); every other result goes on to the route (app/routes/du-thao.$slug_.gop-y.tsx) with the form
 * and this result in the load context, so that the answer (the form again with what was typed) is the route's.
 */
export async function submitCommentForm(
  slug: string,
  formData: FormData,
  clientAddress: string | null,
): Promise<{ result: SubmissionResult; location: string | null }> {
  const result = await submitComment(getDb(), slug, formData, { clientAddress });
  // As the route's action redirects an accepted comment.
  return { result, location: result.status === "accepted" ? newReceiptPath(result.receiptToken) : null };
}

/**
 * Remix's default Node entry (bots get the whole page at once, browsers a stream), plus the body
 * slot: a draft's body HTML is written into the page here rather than through loader data, and the
 * script nonce.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  // The Content-Security-Policy nonce of this response (server/security-headers.js): Remix's inline scripts carry it.
  const nonce = loadContext?.cspNonce;
  // A reading page inlines its first-paint CSS in a <style> with that nonce (root.tsx, ADR 053): its policy allows it.
  const { staticHandlerContext: handled, routeModules } = remixContext;
  const reading = unhydratedPage(handled.matches.map((m) => ({ handle: routeModules[m.route.id]?.handle, data: handled.loaderData?.[m.route.id] })));
  if (reading?.css && nonce) loadContext.allowNonceStyles?.();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const filled = body.pipe(stripNulBytes()).pipe(fillBodySlot(loadContext?.pageSlot?.bodyHtml));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(filled), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors while streaming after the shell are logged; before it, onShellError rejects.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
