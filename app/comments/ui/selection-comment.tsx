import { useEffect, useState } from "react";
import { LIMITS } from "~/comments/comment-form.ts";
import { BODY_SLOT_ID } from "~/platform/page-slot.ts";
import { commentFormPath, keyFromAnchor } from "~/consultations/urls.ts";

interface Selected {
  key: string;
  quote: string;
  start: number;
  end: number;
}

/**
 * Select a passage inside one paragraph and a "Góp ý đoạn này" button appears; it opens the
 * comment form with the passage and its position (offsets into the block's text). Works with mouse
 * and touch; without JavaScript the per-paragraph "Góp ý" links remain.
 */
export function SelectionComment({ slug }: { slug: string }) {
  const [selected, setSelected] = useState<Selected | null>(null);

  useEffect(() => {
    const update = () => setSelected(readSelection());
    update(); // a selection made before the page finished loading
    document.addEventListener("selectionchange", update);
    return () => document.removeEventListener("selectionchange", update);
  }, []);

  if (!selected) return null;
  const href = `${commentFormPath(slug, selected.key)}&${new URLSearchParams({
    trich: selected.quote,
    tu: String(selected.start),
    den: String(selected.end),
  })}`;
  return (
    <div className="selection-comment" role="region" aria-label="Góp ý đoạn đã chọn">
      <a className="button primary" href={href}>
        Góp ý đoạn này
      </a>
    </div>
  );
}

function readSelection(): Selected | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const start = closestBlockText(range.startContainer);
  if (!start || start !== closestBlockText(range.endContainer)) return null;
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
  if (quote.length === 0 || quote.length > LIMITS.quote) return null;
  return { key, quote, start: offset + lead, end: offset + lead + quote.length };
}

function closestBlockText(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as HTMLElement) : node.parentElement;
  return element?.closest<HTMLElement>(".block-text") ?? null;
}
