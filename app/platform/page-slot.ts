// A large, per-version piece of HTML (a draft's body) is written into the page by the server
// outside React's data: React renders an empty slot, entry.server fills it while streaming, and the
// browser hydrates with what is already in the DOM. This keeps the body out of the serialized loader
// data, which would otherwise carry it a second time (ADR 004).
export const BODY_SLOT_ID = "document-body";
/** What React renders for an empty slot: `<div id="document-body" class="document-body"></div>`. */
export const EMPTY_BODY_SLOT = `<div id="${BODY_SLOT_ID}" class="document-body"></div>`;

/** Per-request state shared by a loader and entry.server through Remix's load context. */
export interface PageSlot {
  /** True for a browser's document request; false for client-side data requests (`.data`). */
  documentRequest: boolean;
  /** Set by a loader on a document request: the HTML entry.server writes into the slot. */
  bodyHtml?: string;
}

/**
 * For a loader: on a document request the body goes into the slot (returns null for the data);
 * otherwise (client navigation, or no server context in tests) it travels in the data.
 */
export function deliverBody(context: { pageSlot?: PageSlot } | undefined, html: string): string | null {
  if (context?.pageSlot?.documentRequest) {
    context.pageSlot.bodyHtml = html;
    return null;
  }
  return html;
}
