// The reading page's one script (ADR 045): the draft's page and an earlier version's page are not hydrated
// (no React, no Remix runtime); this small bundle, built by scripts/build-reader.mjs, does what the page
// needs in plain DOM over the server's markup. Everything here only improves a page that works without it.
// It sits beside entry.client/entry.server, above the domains it brings together (the draft's reading, the
// comments), as a route would.
import { startReadingNavigation } from "~/consultations/reader/navigation.ts";
import { TOC_ID } from "~/consultations/toc.ts";
import { startGoneNotice } from "~/consultations/changes/gone-notice.ts";
import { BODY_SLOT_ID } from "~/platform/page-slot.ts";
import { startInlineComments } from "~/comments/ui/inline-comments.ts";
import { SELECTION_BAR_CLASS, startSelectionComment } from "~/comments/ui/selection-comment.ts";
import { enhanceSupportForms } from "~/comments/ui/support-enhancer.ts";

const body = document.getElementById(BODY_SLOT_ID);
if (body) {
  startReadingNavigation(body, document.getElementById(TOC_ID));
  startInlineComments(body);
  const bar = document.querySelector<HTMLElement>(`.${SELECTION_BAR_CLASS}[data-slug]`);
  if (bar) startSelectionComment(body, bar, bar.dataset.slug!);
}
startGoneNotice();
enhanceSupportForms();
