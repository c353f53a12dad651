import { STANCES } from "~/vocabulary/vocabulary.ts";
import { formatCount } from "~/platform/format.ts";
import { blockAnchor, commentsPath, commentOnBlockQuery } from "./urls.ts";

export interface BodyBlock {
  key: string;
  kind: string;
  label: string;
  html: string;
}

/** A note under a block, linking elsewhere: "Đã sửa so với bản số 1". */
export interface BlockMark {
  href: string;
  text: string;
}

export interface StanceCounts {
  total: number;
  AGREE: number;
  DISAGREE: number;
  OTHER: number;
}

/** The kinds the stylesheet styles by `data-kind` (spacing, size); the others are plain paragraphs to it. */
const STYLED_KINDS = new Set(["part", "chapter", "section", "heading", "article", "note", "table"]);

export const escapeAttribute = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const escapeText = (value: string) => value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const OPENING_TAG = /^<([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/;
const ATTRIBUTE = /\s+([a-z-]+)(?:="([^"]*)")?/g;

/**
 * A published block's own element, carrying its anchor (ADR 045): `data-id` becomes `id="p-K"`,
 * `data-number` goes, `data-kind` stays only for the kinds the stylesheet styles. A list item's element
 * keeps no attribute of these: its <li> is the block. HTML that does not open with a tag is left as it is.
 */
export function blockElementHtml(block: { key: string; kind: string; html: string }): string {
  const opening = OPENING_TAG.exec(block.html);
  if (!opening) return block.html;
  const kept: string[] = [];
  const listItem = block.kind === "list_item";
  if (!listItem) kept.push(`id="${blockAnchor(block.key)}"`);
  for (const [, name, value] of opening[2].matchAll(ATTRIBUTE)) {
    if (name === "data-id" || name === "data-number" || name === "id") continue;
    if (name === "data-kind" && (listItem || !STYLED_KINDS.has(block.kind))) continue;
    kept.push(value === undefined ? name : `${name}="${value}"`);
  }
  return `<${opening[1]}${kept.map((a) => ` ${a}`).join("")}>${block.html.slice(opening[0].length)}`;
}

interface BodyOptions {
  /** An earlier version: read, not commented on (no "Góp ý" links). */
  readOnly?: boolean;
  marks?: Map<string, BlockMark>;
  /** Where a block's element goes (its text, marked per request): a slot, or the element itself. */
  element: (block: BodyBlock) => string;
  /** Where a block's comment count link goes (per request): a slot. */
  count: (block: BodyBlock) => string;
}

/**
 * The draft, block by block, flat (ADR 045): each block's own element with its anchor, then a "Góp ý"
 * link (`?gop-y=K`, which the reading page answers with the block's comment form), then, filled in per
 * request, a link to its published comments when there are some, and the "changed since" note. A list
 * item's links go inside its <li>; consecutive items make one <ul>.
 */
export function documentBodyHtml(blocks: BodyBlock[], options: BodyOptions): string {
  const out: string[] = [];
  let inList = false;
  for (const block of blocks) {
    const listItem = block.kind === "list_item";
    if (listItem && !inList) out.push('<ul class="block-list">');
    if (!listItem && inList) out.push("</ul>");
    inList = listItem;
    if (listItem) out.push(`<li id="${blockAnchor(block.key)}">`);
    out.push(options.element(block));
    if (!options.readOnly) out.push(`<a href="?${commentOnBlockQuery(block.key)}">Góp ý</a>`);
    out.push(options.count(block));
    const mark = options.marks?.get(block.key);
    if (mark) out.push(`<a class="changed-mark" href="${escapeAttribute(mark.href)}">${escapeText(mark.text)}</a>`);
    if (listItem) out.push("</li>");
  }
  if (inList) out.push("</ul>");
  return out.join("");
}

/** "12 ý kiến · 8 tán thành · 3 không tán thành · 1 ý kiến khác" */
export function commentCountText(counts: StanceCounts): string {
  return [
    `${formatCount(counts.total)} ý kiến`,
    ...(["AGREE", "DISAGREE", "OTHER"] as const)
      .filter((stance) => counts[stance] > 0)
      .map((stance) => `${formatCount(counts[stance])} ${STANCES[stance].toLowerCase()}`),
  ].join(" · ");
}

/** A block's link to its published comments, only when it has some. */
export function commentCountHtml(slug: string, key: string, counts: StanceCounts): string {
  return counts.total === 0 ? "" : `<a class="c" href="${escapeAttribute(commentsPath(slug, key))}">${commentCountText(counts)}</a>`;
}
