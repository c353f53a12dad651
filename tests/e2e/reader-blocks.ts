// The reading page's flat block markup as the browser tests see it (ADR 045): a block is the element whose
// id is its anchor (`p-K`: a paragraph, a heading, a table, or a list's <li>), followed by its "Góp ý" link
// (`?gop-y=K`) and, when it has published comments, its count link `a.c`. A list item holds its links.
import type { Locator, Page } from "playwright-core";

export const BLOCK = '[id^="p-"]';

/** The block element whose text contains `text`. */
export const blockWithText = (page: Page, text: string): Locator => page.locator(BLOCK, { hasText: text });

/** The plain paragraphs of the draft (no heading, table, list item: no `data-kind`). */
export const paragraphs = (page: Page): Locator => page.locator(`#document-body > p${BLOCK}:not([data-kind])`);

/** The numbered clauses among them ("1. …", "2. …"). */
export const clauses = (page: Page): Locator => paragraphs(page).filter({ hasText: /^\d+\. / });

/** A block's "Góp ý" link: right after its element, or inside its list item. */
export const commentOn = (page: Page, id: string): Locator => page.locator(`#${id} + a[href^="?gop-y="], li#${id} > a[href^="?gop-y="]`);

/** A block's link to its published comments ("N ý kiến …"), only there when it has some. */
export const countOf = (page: Page, id: string): Locator => page.locator(`#${id} + a[href^="?gop-y="] + a.c, li#${id} > a.c`);

/** A block's "changed since" note ("Đã sửa so với bản số 1"), after its other links. */
export const changedMarkOf = (page: Page, id: string): Locator =>
  page.locator(
    [
      `#${id} + a.changed-mark`,
      `#${id} + a[href^="?gop-y="] + a.changed-mark`,
      `#${id} + a[href^="?gop-y="] + a.c + a.changed-mark`,
      `li#${id} > a.changed-mark`,
    ].join(", "),
  );

/** The id of the first block with published comments (`p-K`). */
export async function firstCommentedBlock(page: Page): Promise<string> {
  return page
    .locator("#document-body a.c")
    .first()
    .evaluate((link) => {
      if (link.parentElement?.tagName === "LI") return link.parentElement.id;
      let at = link.previousElementSibling;
      while (at && !at.id.startsWith("p-")) at = at.previousElementSibling;
      return at!.id;
    });
}

/** The comments panel the script opened under block `id` (after its links, or inside its list item). */
export const panelOf = (page: Page, id: string): Locator =>
  page.locator(`#${id} + a + a.c + section.inline-comments, #${id} + a + section.inline-comments, li#${id} > section.inline-comments`);

/** Selects `passage` inside the block's first text node, as a reader's drag would (the selection-commenting tests). */
export async function selectInBlock(block: Locator, passage: string): Promise<void> {
  await block.evaluate((element, wanted) => {
    const node = element.firstChild!;
    const start = node.textContent!.indexOf(wanted);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + wanted.length);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, passage);
}
