import { renderToStaticMarkup } from "react-dom/server";
import { CommentCount, DocumentBody, type BlockMark, type BodyBlock, type StanceCounts } from "./document-body.tsx";
import { buildToc, type TocEntry } from "./toc.ts";

// A published version never changes, only its comment counts do: its body is rendered to HTML
// once, with a marker where each count goes, and each request only joins the pieces with the
// current counts. This keeps a 700-block document page cheap to render.
const SLOT = /<span data-count-slot="([^"]+)"><\/span>/g;
const MAX_VERSIONS = 32;

interface Template {
  /** Literal HTML and block keys, alternating: html, key, html, key, …, html. */
  pieces: string[];
  toc: TocEntry[];
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

export function buildDocumentTemplate(versionId: string, slug: string, blocks: (BodyBlock & { level: number; text: string })[], options: TemplateOptions = {}) {
  const markup = renderToStaticMarkup(
    <DocumentBody slug={slug} blocks={blocks} readOnly={options.readOnly} marks={options.marks} countSlot={(key) => <span data-count-slot={key} />} />,
  );
  const template = { pieces: markup.split(SLOT), toc: buildToc(blocks) };
  templates.set(templateKey(versionId, options.readOnly), template);
  if (templates.size > MAX_VERSIONS) templates.delete(templates.keys().next().value!);
  return template;
}

const NONE: StanceCounts = { total: 0, AGREE: 0, DISAGREE: 0, OTHER: 0 };

export function renderDocumentBody(versionId: string, counts: Map<string, StanceCounts>, readOnly = false) {
  const template = templates.get(templateKey(versionId, readOnly));
  if (!template) throw new Error(`No template for version ${versionId}`);
  const out: string[] = [];
  template.pieces.forEach((piece, i) => {
    out.push(i % 2 === 0 ? piece : countHtml(counts.get(piece) ?? NONE));
  });
  return { html: out.join(""), toc: template.toc };
}

const countMarkup = new Map<string, string>();

function countHtml(counts: StanceCounts) {
  const key = `${counts.total}:${counts.AGREE}:${counts.DISAGREE}:${counts.OTHER}`;
  let html = countMarkup.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(<CommentCount counts={counts} />);
    if (countMarkup.size < 10_000) countMarkup.set(key, html);
  }
  return html;
}
