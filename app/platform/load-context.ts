import type { PageSlot } from "./page-slot.ts";

// What server/index.js gives every loader and action (and entry.server) besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** See page-slot.ts. */
    pageSlot?: PageSlot;
    /** The client's address: the socket's, or from X-Forwarded-For when TRUST_PROXY says so. */
    clientAddress?: string | null;
    /** The Content-Security-Policy nonce for this page's inline scripts (server/security-headers.js). */
    cspNonce?: string;
    /**
     * A comment form already read (and, unless it threw or asked for a province's communes, submitted) by the
     * fast path in server/index.js (ADR 054): the route answers with this instead of reading the body again;
     * `result` is submitComment's SubmissionResult (a type of app/comments, which this folder does not import).
     */
    commentSubmission?: { formData: FormData; result?: unknown; error?: unknown };
    /** Extends this response's policy to inline <style> elements carrying cspNonce (a reading page's first-paint CSS, ADR 053). */
    allowNonceStyles?: () => void;
  }
}

export {};
