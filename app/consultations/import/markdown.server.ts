import MarkdownIt from "markdown-it";

// Markdown → HTML with markdown-it (CommonMark, with tables), for the same converter as .docx
// (html-draft.server.ts). Raw HTML in the file is never passed through: with `html: false` it stays
// text ("<b>" is shown as typed). xhtmlOut writes <br /> and <img … />, so the output reads as XML.
const markdown = new MarkdownIt("default", { html: false, xhtmlOut: true, linkify: false, typographer: false });

export function markdownToHtml(text: string): string {
  return markdown.render(text);
}
