import { appendToBlock, blockOf } from "~/consultations/block-dom.ts";
import { keyFromAnchor } from "~/consultations/urls.ts";
import { formatCount } from "~/platform/format.ts";
import { prepareSupport } from "./support-enhancer.ts";

// With JavaScript, a block's "N ý kiến" link opens its published comments right after the block (the
// first page; a link leads to the rest), and so does a marked passage or its count, with the comments on
// that passage (ADR 048). The panel is the comments page's own list, fetched as HTML and taken apart with
// DOMParser (ADR 045: no React on the reading page); its order links reload it. Without JavaScript the
// links go to the comments page.

const plainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/**
 * The link a click opens comments with: a block's count, a passage's count, or (a tap on a marked
 * passage, not the end of selecting text) that passage's count.
 */
function opener(target: Element): HTMLAnchorElement | null {
  const link = target.closest<HTMLAnchorElement>("a.c, a.passage-count");
  if (link) return link;
  const mark = target.closest<HTMLElement>("mark.passage");
  if (!mark?.dataset.passage || !document.getSelection()?.isCollapsed) return null;
  const block = mark.closest<HTMLElement>('[id^="p-"]');
  return block?.querySelector<HTMLAnchorElement>(`a.passage-count[data-passage="${CSS.escape(mark.dataset.passage)}"]`) ?? null;
}

export function startInlineComments(body: HTMLElement): () => void {
  const panels = new Map<string, { panel: HTMLElement; link: HTMLAnchorElement }>();
  const onClick = (event: MouseEvent) => {
    if (!plainClick(event)) return;
    const target = event.target as Element;
    const order = target.closest<HTMLAnchorElement>(".inline-comments .order-switch a");
    if (order) {
      event.preventDefault();
      void load(order.closest<HTMLElement>(".inline-comments")!, order.getAttribute("href")!);
      return;
    }
    const link = opener(target);
    const block = link ? blockOf(link, body) : null;
    const blockKey = block ? keyFromAnchor(block.id) : null;
    if (!link || !block || !blockKey) return;
    const passage = link.classList.contains("passage-count") ? link.dataset.passage : undefined;
    const key = passage ? `${blockKey}@${passage}` : blockKey;
    event.preventDefault();
    const open = panels.get(key);
    if (open) {
      open.panel.remove();
      open.link.setAttribute("aria-expanded", "false");
      panels.delete(key);
      return;
    }
    const panel = document.createElement("section");
    panel.className = "inline-comments";
    panel.setAttribute("aria-label", passage ? "Các ý kiến về đoạn trích" : "Các ý kiến đã đăng");
    if (passage) panel.dataset.passage = passage;
    appendToBlock(block, panel);
    link.setAttribute("aria-expanded", "true");
    panels.set(key, { panel, link });
    void load(panel, link.getAttribute("href")!);
  };
  body.addEventListener("click", onClick);
  return () => {
    body.removeEventListener("click", onClick);
    for (const { panel } of panels.values()) panel.remove();
  };
}

/** Fills a panel with the first page of the comments at `href` (the comments page's address). */
async function load(panel: HTMLElement, href: string) {
  panel.replaceChildren(Object.assign(document.createElement("p"), { className: "hint", textContent: "Đang tải các ý kiến…" }));
  let page: Document;
  try {
    const response = await fetch(href, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(String(response.status));
    page = new DOMParser().parseFromString(await response.text(), "text/html");
  } catch {
    panel.replaceChildren(Object.assign(document.createElement("p"), { className: "form-error", textContent: "Không tải được các ý kiến. " }));
    panel.firstElementChild!.append(Object.assign(document.createElement("a"), { href, textContent: "Mở trang các ý kiến" }));
    return;
  }
  const source = page.querySelector<HTMLElement>(".comments-page");
  const total = Number(source?.dataset.total ?? 0);
  const heading = Object.assign(document.createElement("h3"), {
    tabIndex: -1,
    textContent: `${formatCount(total)} ý kiến ${panel.dataset.passage ? "về đoạn trích" : "đã được đăng"}`,
  });
  const parts: Node[] = [heading];
  const orderSwitch = source?.querySelector(".order-switch");
  if (orderSwitch) parts.push(document.adoptNode(orderSwitch));
  const list = source?.querySelector(".comment-list") ?? source?.querySelector(".comment-list-empty");
  if (list) parts.push(document.adoptNode(list));
  if (Number(source?.dataset.pages ?? 1) > 1)
    parts.push(Object.assign(document.createElement("a"), { href, textContent: `Xem tất cả ${formatCount(total)} ý kiến →` }));
  panel.replaceChildren(...parts);
  prepareSupport(panel);
  heading.focus();
}
