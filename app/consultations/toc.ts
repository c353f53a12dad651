import { isHeadingKind } from "./document/kinds.ts";

/** The table of contents' id on a draft's page (its "Mục lục" links point here). */
export const TOC_ID = "muc-luc";

interface HeadingBlock {
  key: string;
  kind: string;
  level: number;
  text: string;
}

export interface TocEntry {
  key: string;
  text: string;
  level: number;
  /** Articles (Điều) under this entry, listed compactly. */
  articles: { key: string; text: string }[];
}

/**
 * The table of contents: every heading except articles, each carrying the articles that follow it,
 * so that a 120-article constitution stays a short list on a phone.
 */
export function buildToc(blocks: HeadingBlock[]): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const block of blocks) {
    if (!isHeadingKind(block.kind)) continue;
    if (block.kind === "article") {
      const shortText = block.text.replace(/^(Điều\s+\d+)\..*$/u, "$1");
      const parent = entries.at(-1);
      if (parent) parent.articles.push({ key: block.key, text: shortText });
      else entries.push({ key: block.key, text: block.text, level: block.level, articles: [] });
      continue;
    }
    entries.push({ key: block.key, text: block.text, level: block.level, articles: [] });
  }
  return entries;
}
