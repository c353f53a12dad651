import { renderToStaticMarkup } from "react-dom/server";
import { CommentCount, DocumentBody, type BodyBlock } from "./document-body.tsx";
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

export function hasDocumentTemplate(versionId: string) {
  return templates.has(versionId);
}

export function buildDocumentTemplate(versionId: string, blocks: (BodyBlock & { level: number; text: string })[]) {
  const markup = renderToStaticMarkup(
    <DocumentBody blocks={blocks} countSlot={(key) => <span data-count-slot={key} />} />,
  );
  const template = { pieces: markup.split(SLOT), toc: buildToc(blocks) };
  templates.set(versionId, template);
  if (templates.size > MAX_VERSIONS) templates.delete(templates.keys().next().value!);
  return template;
}

export function renderDocumentBody(versionId: string, counts: Map<string, number>) {
  const template = templates.get(versionId);
  if (!template) throw new Error(`No template for version ${versionId}`);
  const out: string[] = [];
  template.pieces.forEach((piece, i) => {
    out.push(i % 2 === 0 ? piece : countHtml(counts.get(piece) ?? 0));
  });
  return { html: out.join(""), toc: template.toc };
}

const countMarkup = new Map<number, string>();

function countHtml(count: number) {
  let html = countMarkup.get(count);
  if (html === undefined) {
    html = renderToStaticMarkup(<CommentCount count={count} />);
    if (countMarkup.size < 10_000) countMarkup.set(count, html);
  }
  return html;
}
