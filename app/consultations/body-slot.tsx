import { useState } from "react";
import { BODY_SLOT_ID } from "~/platform/page-slot.ts";

/**
 * The page's large body (a draft, a list of changes) in the slot entry.server fills on a document
 * request (ADR 004): on the first load it is already in the page; after a client navigation `html` has it.
 */
export function BodySlot({ html }: { html: string | null }) {
  const [inPage] = useState(() => (typeof document === "undefined" ? null : (document.getElementById(BODY_SLOT_ID)?.innerHTML ?? null)));
  return <div id={BODY_SLOT_ID} className="document-body" dangerouslySetInnerHTML={{ __html: html ?? inPage ?? "" }} suppressHydrationWarning />;
}
