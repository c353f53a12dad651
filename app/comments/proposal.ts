import { LIMITS } from "./limits.ts";
import { normalizeText } from "~/text/normalize.ts";
import { wordDiff, type DiffSegment } from "~/text/word-diff.ts";

// "Đề xuất sửa thành": the wording a citizen proposes for the paragraph (or the passage) they comment on
// (ADR 047). The form's box starts with the current wording; what comes back is kept only when it says
// something else. Shared by the form (the box, its limit) and the submission (what is stored).

/** Characters a proposal may have at most (a long article rewritten, not a document). */
export const PROPOSAL_LIMIT = LIMITS.proposal;

export const PROPOSAL_LABEL = "Đề xuất sửa thành";

/** What a proposal rewrites: the quoted passage when there is one, otherwise the whole paragraph. */
export function proposalOriginal(target: { quote: string | null; blockText: string | null }): string | null {
  return target.quote ?? target.blockText;
}

/** Two wordings the same once in NFC with every run of spaces and line breaks one space (a reflowed copy is no proposal). */
export function sameWording(a: string, b: string): boolean {
  return normalizeText(a, { multiline: false }) === normalizeText(b, { multiline: false });
}

/**
 * The proposal to store: null when there is none, when nothing was changed in the prefilled wording, or
 * when there is no original to rewrite (the caller refuses the last case before).
 */
export function proposalToStore(original: string | null, proposal: string | undefined): string | null {
  if (!proposal || original === null) return null;
  return sameWording(original, proposal) ? null : proposal;
}

/** A proposal as pages show it: its text and the word diff from the original (null without one). */
export interface ShownProposal {
  text: string;
  diff: DiffSegment[] | null;
}

/** The proposal for a page (app/ui/proposal-diff.tsx), or null when there is none. */
export function shownProposal(original: string | null | undefined, proposed: string | null): ShownProposal | null {
  if (proposed === null) return null;
  return { text: proposed, diff: original == null ? null : wordDiff(original, proposed) };
}
