// The reading page's flat block markup as its script sees it (ADR 045): a block is the element whose id is
// its anchor (`p-K`: a paragraph, a heading, a table, or a list's <li>), followed by its links ("Góp ý",
// its comments, "changed since") and whatever the script puts after them (a comments panel, a fold
// button), up to the next block. A list item keeps all of that inside its <li>.
import { keyFromAnchor } from "./urls.ts";

export const BLOCK_SELECTOR = '[id^="p-"]';

const isBlock = (element: Element) => keyFromAnchor(element.id) !== null;
/** Where a block's trailing part stops: the next block, a list of blocks, a section's end. */
const endsBlock = (element: Element) => isBlock(element) || element.tagName === "UL" || element.classList.contains("section-end");

/** The block a node belongs to: the block element around it, or the one its links follow. */
export function blockOf(node: Node, body: HTMLElement): HTMLElement | null {
  let element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const around = element?.closest<HTMLElement>(BLOCK_SELECTOR);
  if (around && body.contains(around) && isBlock(around)) return around;
  while (element && element.parentElement !== body) element = element.parentElement;
  for (let at = element; at; at = at.previousElementSibling) {
    if (isBlock(at)) return at as HTMLElement;
    if (at !== element && endsBlock(at)) return null;
  }
  return null;
}

/** The element holding a block's text: the block itself, or a list item's first element (its links follow it). */
export const blockTextElement = (block: HTMLElement) => (block.tagName === "LI" ? (block.firstElementChild as HTMLElement | null) : block);

/** The elements after a block that belong to it (its links, panels): inside a list item, none. */
export function trailingElements(block: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (block.tagName === "LI") return out;
  for (let at = block.nextElementSibling; at && !endsBlock(at); at = at.nextElementSibling) out.push(at as HTMLElement);
  return out;
}

/** Puts an element at the end of a block's own part: inside a list item, or after the block's links and panels. */
export function appendToBlock(block: HTMLElement, element: HTMLElement) {
  if (block.tagName === "LI") block.append(element);
  else (trailingElements(block).at(-1) ?? block).after(element);
}
