import type { CommentStatusValue, DocumentKind, SearchHit, StanceValue } from "@search/engine.ts";
import { blockPath, commentsPath, consultationPath } from "~/consultations/urls.ts";
import { responseReportPath } from "~/reports/response/filters.ts";

// What the page shows of each hit: only what a reader needs (never the whole document), with the
// links built here so the component stays plain markup.

export interface PageHit {
  id: string;
  kind: DocumentKind;
  /** HTML: escaped text with <mark> around the matches (see safeSnippet). */
  snippet: string;
  consultationTitle: string;
  consultationHref: string;
  /** "Phần thứ nhất › I › đoạn 2"; null for a comment on the whole draft. */
  blockLabel: string | null;
  sectionTitle: string | null;
  /** The block in the draft (/du-thao/<slug>#p-<key>), or the draft itself for a whole-draft comment. */
  blockHref: string;
  /** Comments: the published comments on the same block (or on the whole draft). */
  commentsHref: string | null;
  stance: StanceValue | null;
  status: CommentStatusValue | null;
  byline: string | null;
  organizationName: string | null;
  /** ISO time. */
  createdAt: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/y;

/** Escapes what is not already an entity: text the engine escaped passes through unchanged. */
function escapeText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<") out += "&lt;";
    else if (c === ">") out += "&gt;";
    else if (c === "&") {
      ENTITY.lastIndex = i;
      out += ENTITY.test(text) ? "&" : "&amp;";
    } else out += c;
  }
  return out;
}

/**
 * The engine's snippet, made safe to inject whatever the engine did: <mark> and </mark> are the
 * only tags that survive; any other "<" or ">" is escaped, control characters are dropped. Engines escape already (search/engine.ts),
 * so on a correct engine this changes nothing; it is the page's own guarantee, not a second format.
 */
export function safeSnippet(snippet: string): string {
  return (
    snippet
      // Control characters are not text (and not allowed in HTML): an engine's separators, never the reader's business.
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
      .split(/(<\/?mark>)/)
      .map((part, i) => (i % 2 === 1 ? part : escapeText(part)))
      .join("")
  );
}

export function presentHit(hit: SearchHit): PageHit {
  const doc = hit.document;
  const slug = doc.consultationSlug;
  const isComment = hit.kind === "comment";
  return {
    id: hit.id,
    kind: hit.kind,
    snippet: safeSnippet(hit.snippet),
    consultationTitle: doc.consultationTitle,
    consultationHref: consultationPath(slug),
    blockLabel: doc.blockLabel,
    sectionTitle: doc.sectionTitle,
    blockHref:
      hit.kind === "answer"
        ? responseReportPath(slug, undefined, { answerId: doc.id.slice(2) })
        : doc.blockKey
          ? blockPath(slug, doc.blockKey)
          : consultationPath(slug),
    commentsHref: isComment ? commentsPath(slug, doc.blockKey) : null,
    stance: isComment ? doc.stance : null,
    status: isComment ? doc.status : null,
    byline: isComment ? doc.byline : null,
    organizationName: isComment ? doc.organizationName : null,
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}
