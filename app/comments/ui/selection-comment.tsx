import { useEffect, useState } from "react";
import { LIMITS } from "~/comments/comment-form.ts";
import { BODY_SLOT_ID } from "~/platform/page-slot.ts";
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

interface Selected {
  key: string;
  quote: string;
  start: number;
  end: number;
}

/** What the current selection allows: a passage to comment on, a reason it cannot be, or nothing to say. */
type Reading = { passage: Selected } | { refusal: string } | null;

/**
 * Select a passage inside one paragraph and a "Góp ý đoạn trích đã chọn" button appears; it opens the
 * comment form with the passage and its position (offsets into the block's text). A selection across
 * paragraphs (or too long) is told why it cannot be commented, in a live region. Works with mouse and
 * touch; without JavaScript the per-paragraph "Góp ý" links remain.
 */
export function SelectionComment({ slug }: { slug: string }) {
  const [reading, setReading] = useState<Reading>(null);

  useEffect(() => {
    const update = () => setReading(readSelection());
    update(); // a selection made before the page finished loading
    document.addEventListener("selectionchange", update);
    return () => document.removeEventListener("selectionchange", update);
  }, []);

  const selected = reading && "passage" in reading ? reading.passage : null;
  const refusal = reading && "refusal" in reading ? reading.refusal : null;
  const href = selected
    ? `${commentFormPath(slug, selected.key)}&${new URLSearchParams({
        trich: selected.quote,
        tu: String(selected.start),
        den: String(selected.end),
      })}`
    : null;
  // The bar (and its live region) is always there, so that a message put into it is announced; empty, it takes no room.
  return (
    <div className={`selection-comment${reading ? "" : " is-empty"}`}>
      {href ? (
        <a className="button primary" href={href}>
          {SELECTION_WORDS.button}
        </a>
      ) : null}
      <p className="selection-refusal" role="status">
        {refusal}
      </p>
    </div>
  );
}

function readSelection(): Reading {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const body = document.getElementById(BODY_SLOT_ID);
  const start = closestBlockText(range.startContainer);
  const end = closestBlockText(range.endContainer);
  if (!start || start !== end) {
    // Both ends in the draft's text but not in one paragraph's: say why there is no button.
    const inBody = (node: Node) => body?.contains(node) ?? false;
    return (start || end) && inBody(range.startContainer) && inBody(range.endContainer) ? { refusal: SELECTION_WORDS.across } : null;
  }
  const block = start.closest<HTMLElement>(".block");
  const key = block?.closest(`#${BODY_SLOT_ID}`) ? keyFromAnchor(block.id) : null;
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

function closestBlockText(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as HTMLElement) : node.parentElement;
  return element?.closest<HTMLElement>(".block-text") ?? null;
}
