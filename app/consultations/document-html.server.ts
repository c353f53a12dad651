import { levelHeadings } from "./document/heading-levels.ts";
import { blockElementHtml, commentCountHtml, documentBodyHtml, escapeAttribute, type BlockMark, type BodyBlock, type StanceCounts } from "./document-body.ts";
import { buildToc, type TocEntry } from "./toc.ts";
import { markPassages, mergePassages, type Passage, type PassageMark } from "./passage-marks.ts";
import { passageCommentsPath } from "./urls.ts";
import { formatCount } from "~/platform/format.ts";

// A published version never changes, only its comment counts do: its body is rendered to HTML
// once, with a marker where each count goes, and each request only joins the pieces with the
// current counts. This keeps a 700-block document page cheap to render.
// A block's element is a slot too: the passages commented on are marked in it per request (ADR 048).
const SLOT = /<!--(c|t):([^>]+)-->/g;
const MAX_VERSIONS = 32;

interface Template {
  /** Literal HTML and slots, alternating: html, slot, html, slot, …, html; a slot is a count's key or a block element's "#key". */
  pieces: string[];
  toc: TocEntry[];
  slug: string;
  /** Each block's element (its anchor on it, ADR 045) and plain text, by key. */
  blocks: Map<string, { html: string; text: string }>;
}

const templates = new Map<string, Template>();

/**
 * How a version's body is rendered: as the version being commented on (the default), or read-only (an
 * earlier version: no comment forms); `marks` adds a note under some blocks (what changed since the
 * version before). A version has one template per way it is shown.
 */
export interface TemplateOptions {
  readOnly?: boolean;
  marks?: Map<string, BlockMark>;
}

const templateKey = (versionId: string, readOnly = false) => `${versionId}${readOnly ? ":doc" : ""}`;

export function hasDocumentTemplate(versionId: string, readOnly = false) {
  return templates.has(templateKey(versionId, readOnly));
}

export function buildDocumentTemplate(
  versionId: string,
  slug: string,
  written: (BodyBlock & { level: number; text: string })[],
  options: TemplateOptions = {},
) {
  const blocks = levelHeadings(written);
  const markup = documentBodyHtml(blocks, {
    readOnly: options.readOnly,
    marks: options.marks,
    element: (block) => `<!--t:${block.key}-->`,
    count: (block) => `<!--c:${block.key}-->`,
  });
  const pieces: string[] = [];
  const parts = markup.split(SLOT);
  parts.forEach((piece, i) => {
    // split gives the slot's kind and key after each piece of literal HTML.
    if (i % 3 === 0) pieces.push(piece);
    else if (i % 3 === 2) pieces.push(parts[i - 1] === "t" ? `#${piece}` : piece);
  });
  const template: Template = {
    pieces,
    toc: buildToc(blocks),
    slug,
    blocks: new Map(blocks.map((b) => [b.key, { html: blockElementHtml(b), text: b.text }])),
  };
  templates.set(templateKey(versionId, options.readOnly), template);
  if (templates.size > MAX_VERSIONS) templates.delete(templates.keys().next().value!);
  return template;
}

const NONE: StanceCounts = { total: 0, AGREE: 0, DISAGREE: 0, OTHER: 0 };

/** The body with the current counts and, on the version commented on, its passages marked (block key → passages). */
export function renderDocumentBody(versionId: string, counts: Map<string, StanceCounts>, readOnly = false, passages?: Map<string, Passage[]>) {
  const template = templates.get(templateKey(versionId, readOnly));
  if (!template) throw new Error(`No template for version ${versionId}`);
  const out: string[] = [];
  template.pieces.forEach((piece, i) => {
    if (i % 2 === 0) out.push(piece);
    else if (piece.startsWith("#")) out.push(blockHtml(versionId, template, piece.slice(1), passages?.get(piece.slice(1))));
    else out.push(commentCountHtml(template.slug, piece, counts.get(piece) ?? NONE));
  });
  return { html: out.join(""), toc: template.toc };
}

// A block's HTML with its marks, kept per version, block and marks (approvals change the marks, so a
// block whose marks changed is marked again; at most MAX_MARKED are kept).
const marked = new Map<string, string>();
const MAX_MARKED = 5_000;

function blockHtml(versionId: string, template: Template, key: string, passages: Passage[] | undefined) {
  const block = template.blocks.get(key)!;
  if (!passages) return block.html;
  const marks = mergePassages(block.text, passages);
  if (marks.length === 0) return block.html;
  const cacheKey = `${versionId}:${key}:${marks.map((m) => `${m.start}-${m.end}-${m.count}`).join(",")}`;
  let html = marked.get(cacheKey);
  if (html === undefined) {
    html = markPassages(block.html, block.text, marks, passageMarkup(template.slug, key));
    if (marked.size >= MAX_MARKED) marked.delete(marked.keys().next().value!);
    marked.set(cacheKey, html);
  }
  return html;
}

/**
 * A mark is a <mark> (one per text node it covers) followed by a link to its comments: the count is shown
 * by the stylesheet from `data-n` (generated content is not in the text, so a selection's offsets and a
 * copy of the text stay the block's own), the link's name says it.
 */
const passageMarkup = (slug: string, key: string) => ({
  open: (m: PassageMark) => `<mark class="passage" data-passage="${m.start}-${m.end}">`,
  close: "</mark>",
  after: (m: PassageMark) =>
    `<a class="passage-count" href="${escapeAttribute(passageCommentsPath(slug, key, m))}" data-passage="${m.start}-${m.end}" data-n="${escapeAttribute(formatCount(m.count))}" aria-label="Đoạn trích có ${escapeAttribute(formatCount(m.count))} ý kiến"></a>`,
});
