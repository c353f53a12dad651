// Meilisearch's highlighted `_formatted` text is raw: it inserts the highlight tags and leaves the
// document's own `<`, `&`, quotes as they are. So the engine asks for highlight tags that cannot occur
// in any text (a random nonce per engine), escapes everything, then turns those tags into <mark>.

import { randomBytes } from "node:crypto";

export interface HighlightTags {
  pre: string;
  post: string;
}

/** Tags made of letters, digits and braces (no HTML-special character), with 64 random bits. */
export function highlightTags(nonce: string = randomBytes(8).toString("hex")): HighlightTags {
  return { pre: `{{gopy-mark-${nonce}}}`, post: `{{/gopy-mark-${nonce}}}` };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * The highlighted text as HTML: everything escaped, the highlight tags as <mark>…</mark>, always
 * balanced (a stray closing tag is dropped, an unclosed mark is closed at the end).
 */
export function snippetHtml(formatted: string, tags: HighlightTags): string {
  let html = "";
  let open = false;
  let rest = formatted;
  for (;;) {
    const pre = rest.indexOf(tags.pre);
    const post = rest.indexOf(tags.post);
    if (pre < 0 && post < 0) break;
    const isPre = pre >= 0 && (post < 0 || pre < post);
    const at = isPre ? pre : post;
    html += escapeHtml(rest.slice(0, at));
    if (isPre && !open) html += "<mark>";
    if (!isPre && open) html += "</mark>";
    open = isPre;
    rest = rest.slice(at + (isPre ? tags.pre.length : tags.post.length));
  }
  html += escapeHtml(rest);
  return open ? `${html}</mark>` : html;
}

/** Without a highlighted text (not expected from the server): the start of the text, escaped. */
export function plainSnippet(text: string, maxChars = 240): string {
  if (text.length <= maxChars) return escapeHtml(text);
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(" ");
  return `${escapeHtml(space > maxChars / 2 ? cut.slice(0, space) : cut)}…`;
}
