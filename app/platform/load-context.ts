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
    /** Extends this response's policy to inline <style> elements carrying cspNonce (a reading page's first-paint CSS, ADR 053). */
    allowNonceStyles?: () => void;
  }
}

export {};
