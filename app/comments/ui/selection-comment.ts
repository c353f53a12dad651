import { LIMITS } from "~/comments/limits.ts";
import { blockOf, blockTextElement } from "~/consultations/block-dom.ts";
import { commentFormPath, keyFromAnchor } from "~/consultations/urls.ts";

/**
 * The words for commenting on a selected passage, the same in the page's hint, the button and the form's
 * title: a "đoạn trích" (passage) is what one selects, a "đoạn văn" (paragraph) is where it must lie.
 */
export const SELECTION_WORDS = {
  button: "Góp ý đoạn trích đã chọn",
  title: "Góp ý đoạn trích đã chọn",
  hint: "hoặc bấm «Góp ý» dưới từng đoạn văn, hay bôi chọn một đoạn trích trong một đoạn văn rồi bấm «Góp ý đoạn trích đã chọn».",
  across: "Chỉ có thể góp ý một đoạn trích nằm trong một đoạn văn. Hãy chọn lại trong một đoạn.",
  tooLong: `Đoạn trích đã chọn dài quá ${LIMITS.quote.toLocaleString("vi-VN")} ký tự. Hãy chọn một đoạn ngắn hơn.`,
} as const;

/** The bar the reading page renders (empty) when it takes comments: the script fills it. */
export const SELECTION_BAR_CLASS = "selection-comment";

interface Selected {
  key: string;
  quote: string;
  start: number;
  end: number;
}

/** What the current selection allows: a passage to comment on, a reason it cannot be, or nothing to say. */
type Reading = { passage: Selected } | { refusal: string } | null;

/**
 * Select a passage inside one paragraph and a "Góp ý đoạn trích đã chọn" button appears in the bar; it
 * opens the comment form with the passage and its position (offsets into the block's text). A selection
 * across paragraphs (or too long) is told why it cannot be commented, in the bar's live region (there from
 * the start, so that a message put into it is announced). Works with mouse and touch; without JavaScript
 * the per-paragraph "Góp ý" links remain.
 */
export function startSelectionComment(body: HTMLElement, bar: HTMLElement, slug: string): () => void {
  const status = bar.querySelector<HTMLElement>('[role="status"]')!;
  const button = Object.assign(document.createElement("a"), { className: "button primary", textContent: SELECTION_WORDS.button });
  const update = () => {
    const reading = readSelection(body);
    const selected = reading && "passage" in reading ? reading.passage : null;
    bar.classList.toggle("is-empty", !reading);
    status.textContent = reading && "refusal" in reading ? reading.refusal : "";
    if (selected) {
      button.href = `${commentFormPath(slug, selected.key)}&${new URLSearchParams({ trich: selected.quote, tu: String(selected.start), den: String(selected.end) })}`;
      if (!button.isConnected) status.before(button);
    } else button.remove();
  };
  update(); // a selection made before the page finished loading
  document.addEventListener("selectionchange", update);
  return () => document.removeEventListener("selectionchange", update);
}

/** The element holding the text of the block a node is in, or null (outside the draft, or in a block's links). */
function textOf(node: Node, body: HTMLElement): HTMLElement | null {
  const block = blockOf(node, body);
  const text = block ? blockTextElement(block) : null;
  return text?.contains(node) ? text : null;
}

function readSelection(body: HTMLElement): Reading {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const start = textOf(range.startContainer, body);
  const end = textOf(range.endContainer, body);
  if (!start || start !== end) {
    // Both ends in the draft's text but not in one paragraph's: say why there is no button.
    return (start || end) && body.contains(range.startContainer) && body.contains(range.endContainer) ? { refusal: SELECTION_WORDS.across } : null;
  }
  const key = keyFromAnchor(blockOf(start, body)!.id);
  if (!key) return null;
  const before = document.createRange();
  before.setStart(start, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const offset = before.toString().length;
  const raw = range.toString();
  // Keep the passage as written in the block, without the spaces a drag tends to catch at its ends.
  const lead = raw.length - raw.trimStart().length;
  const quote = raw.trim();
  if (quote.length === 0) return null;
  if (quote.length > LIMITS.quote) return { refusal: SELECTION_WORDS.tooLong };
  return { passage: { key, quote, start: offset + lead, end: offset + lead + quote.length } };
}
