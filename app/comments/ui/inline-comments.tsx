import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { CommentList, OrderSwitch } from "~/comments/ui/comment-list.tsx";
import { formatCount } from "~/platform/format.ts";
import type { PublishedCommentsPage } from "~/comments/public.server.ts";
import { BODY_SLOT_ID } from "~/platform/page-slot.ts";
import { keyFromAnchor, withCommentOrder, type CommentOrder } from "~/consultations/urls.ts";

interface Panel {
  key: string;
  href: string;
  container: HTMLElement;
}

/**
 * With JavaScript, a block's "N ý kiến" link opens its published comments right under the block
 * (the first page; a link leads to the rest), and so does a marked passage or its count, with the
 * comments on that passage (ADR 048). Without it, the links go to the comments page.
 */
export function InlineComments() {
  const [panels, setPanels] = useState<Panel[]>([]);
  const current = useRef<Panel[]>([]);

  useEffect(() => {
    const body = document.getElementById(BODY_SLOT_ID);
    if (!body) return;
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = opener(event.target as HTMLElement);
      const block = link?.closest<HTMLElement>(".block");
      const blockKey = block ? keyFromAnchor(block.id) : null;
      if (!link || !block || !blockKey) return;
      const passage = link.classList.contains("passage-count") ? link.dataset.passage : undefined;
      const key = passage ? `${blockKey}@${passage}` : blockKey;
      event.preventDefault();
      const existing = current.current.find((p) => p.key === key);
      if (existing) {
        existing.container.remove();
        link.setAttribute("aria-expanded", "false");
        current.current = current.current.filter((p) => p !== existing);
      } else {
        const container = document.createElement("section");
        container.className = "inline-comments";
        container.setAttribute("aria-label", passage ? "Các ý kiến về đoạn trích" : "Các ý kiến đã đăng");
        block.append(container);
        link.setAttribute("aria-expanded", "true");
        current.current = [...current.current, { key, href: link.getAttribute("href")!, container }];
      }
      setPanels(current.current);
    };
    body.addEventListener("click", onClick);
    return () => body.removeEventListener("click", onClick);
  }, []);

  return <>{panels.map((panel) => createPortal(<BlockComments href={panel.href} />, panel.container, panel.key))}</>;
}

/**
 * The link a click opens comments with: a block's count, a passage's count, or (a tap on a marked
 * passage, not the end of selecting text) that passage's count.
 */
function opener(target: HTMLElement): HTMLAnchorElement | null {
  const link = target.closest<HTMLAnchorElement>("a.comment-link, a.passage-count");
  if (link) return link;
  const mark = target.closest<HTMLElement>("mark.passage");
  if (!mark?.dataset.passage || !document.getSelection()?.isCollapsed) return null;
  return mark.closest(".block-text")?.querySelector<HTMLAnchorElement>(`a.passage-count[data-passage="${CSS.escape(mark.dataset.passage)}"]`) ?? null;
}

function BlockComments({ href }: { href: string }) {
  const fetcher = useFetcher<PublishedCommentsPage>();
  const heading = useRef<HTMLHeadingElement>(null);
  const [order, setOrder] = useState<CommentOrder>("newest");
  const listHref = withCommentOrder(href, order);
  useEffect(() => {
    fetcher.load(listHref);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per panel and order
  }, [listHref]);
  useEffect(() => {
    if (fetcher.data) heading.current?.focus();
  }, [fetcher.data]);

  if (!fetcher.data) return <p className="hint">Đang tải các ý kiến…</p>;
  const { comments, total, pages, support } = fetcher.data;
  return (
    <>
      <h3 ref={heading} tabIndex={-1}>
        {formatCount(total)} ý kiến {fetcher.data.passage ? "về đoạn trích" : "đã được đăng"}
      </h3>
      {total > 1 ? <OrderSwitch order={fetcher.data.order} to={(o) => withCommentOrder(href, o)} onChoose={setOrder} /> : null}
      <CommentList comments={comments} support={support} />
      {pages > 1 ? <a href={listHref}>Xem tất cả {formatCount(total)} ý kiến →</a> : null}
    </>
  );
}
