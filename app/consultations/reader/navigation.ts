// Finding one's way in a long draft (issue 17): the table of contents follows the reading position (the
// current entry marked, the address bar following the section so a shared link lands there), a "Mục lục"
// control always at hand on a phone (the contents in a dialog), sections that fold, and "Về đầu mục" links
// at the end of each section. Plain DOM over the server's markup: without JavaScript the contents are a
// <details> at the top and every link still works. Returns a function that undoes it all.
import { currentIndex, enclosingHeading, sectionEnd } from "./sections.ts";
import { BLOCK_SELECTOR, trailingElements } from "../block-dom.ts";
import { TOC_ID } from "../toc.ts";

/** Where the reading line sits below the window's top, in px: a heading just scrolled past is still "current". */
const READING_LINE = 96;
/** How long the address bar waits for scrolling to settle before it follows. */
const ADDRESS_DELAY_MS = 300;
const HEADINGS = "h1, h2, h3, h4, h5, h6";
const headingOf = (block: Element | null) => (block?.matches(HEADINGS) ? (block as HTMLElement) : (block?.querySelector<HTMLElement>(HEADINGS) ?? null));
const headingLevel = (block: Element) => {
  const heading = headingOf(block);
  const match = heading ? /^H([1-6])$/.exec(heading.tagName) : null;
  return match ? Number(match[1]) : null;
};

export function startReadingNavigation(body: HTMLElement, toc: HTMLElement | null): () => void {
  const undo: (() => void)[] = [];
  const blocks = [...body.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)];
  const levels = blocks.map(headingLevel);
  const position = new Map(blocks.map((block, i) => [block.id, i]));
  const links = toc ? [...toc.querySelectorAll<HTMLAnchorElement>('a[href^="#p-"]')] : [];
  const targets = links.map((link) => document.getElementById(link.hash.slice(1)));
  // Sections fold at the levels the contents list as entries (parts, chapters, sections), not each article.
  const entryLevels = new Set(
    (toc ? [...toc.querySelectorAll<HTMLAnchorElement>(".toc-scroll > ol > li > a")] : []).map((a) => {
      const at = position.get(a.hash.slice(1));
      return at === undefined ? null : levels[at];
    }),
  );
  const foldable = (level: number) => entryLevels.has(level);

  // --- Folding, and "Về đầu mục" at the end of each section.
  const folded = new Set<number>();
  const ends: HTMLElement[] = [];
  const buttons = new Map<number, HTMLButtonElement>();
  const applyFolds = () => {
    const hidden = new Set<number>();
    for (const start of folded) for (let i = start + 1; i < sectionEnd(levels, start); i++) hidden.add(i);
    // A block folds with its links and panels (ADR 045: they follow it, they are not inside it).
    blocks.forEach((block, i) => {
      for (const element of [block, ...trailingElements(block)]) element.hidden = hidden.has(i);
    });
    for (const end of ends) end.hidden = hidden.has(Number(end.dataset.after));
    for (const [start, button] of buttons) {
      const open = !folded.has(start);
      button.setAttribute("aria-expanded", String(open));
      button.firstChild!.textContent = open ? "Thu gọn" : "Mở ra";
    }
  };
  levels.forEach((level, start) => {
    if (level == null || !foldable(level)) return;
    const heading = blocks[start];
    const title = headingOf(heading)!.textContent ?? "";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "fold";
    button.append("Thu gọn", Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: ` ${title}` }));
    button.addEventListener("click", () => {
      if (folded.has(start)) folded.delete(start);
      else folded.add(start);
      applyFolds();
    });
    headingOf(heading)!.after(button);
    buttons.set(start, button);
    const last = sectionEnd(levels, start) - 1;
    if (last > start) {
      const end = document.createElement("p");
      end.className = "section-end";
      end.dataset.after = String(last);
      end.innerHTML = `<a href="#${heading.id}">Về đầu mục</a>${toc ? `<a href="#${TOC_ID}">Mục lục</a>` : ""}`;
      end.firstElementChild!.append(Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: `: ${title}` }));
      const after = blocks[last].closest(".block-list") ?? trailingElements(blocks[last]).at(-1) ?? blocks[last];
      // Inside a list the end goes after the list, unless the list runs on into the next section.
      (after.tagName !== "UL" || after.lastElementChild === blocks[last] ? after : blocks[last]).after(end);
      ends.push(end);
    }
    undo.push(() => button.remove());
  });
  undo.push(() => {
    for (const end of ends) end.remove();
    for (const block of blocks) for (const element of [block, ...trailingElements(block)]) element.hidden = false;
  });

  /** Opens the folded sections around a block before anything jumps to it. */
  const reveal = (id: string) => {
    const at = position.get(id);
    if (at === undefined) return;
    let changed = false;
    for (let i = enclosingHeading(levels, at - 1, foldable); i >= 0; i = enclosingHeading(levels, i - 1, foldable)) {
      if (folded.delete(i)) changed = true;
    }
    if (changed) applyFolds();
  };
  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest?.<HTMLAnchorElement>('a[href^="#p-"]');
    if (link) reveal(link.hash.slice(1));
  };
  const onHash = () => reveal(decodeURIComponent(location.hash.slice(1)));
  document.addEventListener("click", onClick, true);
  window.addEventListener("hashchange", onHash);
  undo.push(() => {
    document.removeEventListener("click", onClick, true);
    window.removeEventListener("hashchange", onHash);
  });
  onHash();

  if (!toc || links.length === 0) return () => undo.forEach((f) => f());

  // --- The phone's "Mục lục" control: the contents in a dialog, and the current section's start.
  // A landmark of its own: it sits outside the text, fixed at the screen's foot.
  const bar = document.createElement("nav");
  bar.className = "reading-bar";
  bar.setAttribute("aria-label", "Đi nhanh trong dự thảo");
  bar.innerHTML = `<a class="reading-up" href="#${TOC_ID}">Về đầu mục</a><button type="button" class="reading-toc" aria-haspopup="dialog">Mục lục</button>`;
  const up = bar.querySelector<HTMLAnchorElement>(".reading-up")!;
  const dialog = document.createElement("dialog");
  dialog.className = "toc-dialog";
  dialog.setAttribute("aria-labelledby", "toc-dialog-title");
  dialog.innerHTML = `<div class="toc-dialog-head"><h2 id="toc-dialog-title">Mục lục</h2><button type="button" class="secondary">Đóng</button></div>`;
  const list = toc.querySelector("ol")!.cloneNode(true) as HTMLElement;
  dialog.append(list);
  document.body.append(bar, dialog);
  const open = bar.querySelector<HTMLButtonElement>(".reading-toc")!;
  const onOpen = () => {
    dialog.showModal();
    (list.querySelector<HTMLElement>('[aria-current="location"]') ?? list.querySelector("a"))?.focus();
  };
  open.addEventListener("click", onOpen);
  dialog.querySelector(".toc-dialog-head button")!.addEventListener("click", () => dialog.close());
  // A link chosen: close, then let the browser jump; the target takes the focus for the keyboard.
  dialog.addEventListener("click", (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>("a");
    if (link) {
      dialog.close();
      focusTarget(link.hash.slice(1));
    } else if (event.target === dialog) dialog.close(); // a tap on the backdrop
  });
  undo.push(() => {
    bar.remove();
    dialog.remove();
  });

  // --- Following the reading position.
  const dialogLinks = [...list.querySelectorAll<HTMLAnchorElement>('a[href^="#p-"]')];
  let current = -1;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let userScrolled = false;
  const mark = (index: number) => {
    if (index === current) return;
    for (const group of [links, dialogLinks]) {
      group[current]?.removeAttribute("aria-current");
      group[index]?.setAttribute("aria-current", "location");
    }
    current = index;
    const link = links[index];
    const scroller = link?.closest<HTMLElement>(".toc-scroll");
    if (link && scroller && scroller.scrollHeight > scroller.clientHeight) {
      const top = link.offsetTop - scroller.offsetTop;
      if (top < scroller.scrollTop || top > scroller.scrollTop + scroller.clientHeight - link.offsetHeight)
        scroller.scrollTop = top - scroller.clientHeight / 3;
    }
    const target = targets[index];
    up.href = `#${target ? target.id : TOC_ID}`;
    up.textContent = target ? "Về đầu mục" : "Mục lục";
    if (!userScrolled) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const id = target?.id;
      if (id && location.hash !== `#${id}`) history.replaceState(history.state, "", `#${id}`);
    }, ADDRESS_DELAY_MS);
  };
  const update = () => {
    frame = 0;
    mark(
      currentIndex(
        targets.map((t) => (t && !t.hidden ? t.getBoundingClientRect().top : Infinity)),
        READING_LINE,
      ),
    );
  };
  const onScroll = () => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  // The address follows only once the reader moves through the text (not the browser's own jump to a link).
  const onMove = () => (userScrolled = true);
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("resize", onScroll, { passive: true });
  for (const type of ["wheel", "touchmove", "keydown"]) window.addEventListener(type, onMove, { passive: true });
  undo.push(() => {
    window.removeEventListener("scroll", onScroll);
    window.removeEventListener("resize", onScroll);
    for (const type of ["wheel", "touchmove", "keydown"]) window.removeEventListener(type, onMove);
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  });
  update();
  return () => undo.forEach((f) => f());
}

function focusTarget(id: string) {
  const heading = headingOf(document.getElementById(id));
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}
