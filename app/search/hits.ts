import type { CommentStatusValue, DocumentKind, SearchHit, StanceValue } from "@search/engine.ts";
import { versionPath } from "~/consultations/changes/paths.ts";
import { blockAnchor, blockPath, commentsPath, consultationPath } from "~/consultations/urls.ts";
import { responseReportPath } from "~/reports/response/filters.ts";
import { versionLabel } from "./labels.ts";

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
  /** Paragraphs: "Bản số 1", "Bản số 2 (bản hiện hành)"; null for comments and answers. */
  versionLabel: string | null;
  /** A paragraph of an earlier version (its link goes to that version's own address). */
  earlierVersion: number | null;
  /**
   * The block in the draft (/du-thao/<slug>#p-<key>; an earlier version's at /du-thao/<slug>/ban/<n>#p-<key>),
   * or the draft itself for a whole-draft comment.
   */
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

/** Where a hit's paragraph is read: an earlier version's block at that version's address, anything else as the draft shows it now. */
function hitHref(hit: SearchHit, earlierVersion: number | null): string {
  const doc = hit.document;
  const slug = doc.consultationSlug;
  if (hit.kind === "answer") return responseReportPath(slug, undefined, { answerId: doc.id.slice(2) });
  if (!doc.blockKey) return consultationPath(slug);
  return earlierVersion === null ? blockPath(slug, doc.blockKey) : `${versionPath(slug, earlierVersion)}#${blockAnchor(doc.blockKey)}`;
}

export function presentHit(hit: SearchHit): PageHit {
  const doc = hit.document;
  const slug = doc.consultationSlug;
  const isComment = hit.kind === "comment";
  const number = hit.kind === "block" && typeof doc.versionNumber === "number" ? doc.versionNumber : null;
  const earlierVersion = number !== null && doc.currentVersion === false ? number : null;
  return {
    id: hit.id,
    kind: hit.kind,
    snippet: safeSnippet(hit.snippet),
    consultationTitle: doc.consultationTitle,
    consultationHref: consultationPath(slug),
    blockLabel: doc.blockLabel,
    sectionTitle: doc.sectionTitle,
    versionLabel: number === null ? null : versionLabel(number, doc.currentVersion !== false),
    earlierVersion,
    blockHref: hitHref(hit, earlierVersion),
    commentsHref: isComment ? commentsPath(slug, doc.blockKey) : null,
    stance: isComment ? doc.stance : null,
    status: isComment ? doc.status : null,
    byline: isComment ? doc.byline : null,
    organizationName: isComment ? doc.organizationName : null,
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}
