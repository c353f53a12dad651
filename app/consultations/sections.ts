import { isHeadingKind } from "./document/kinds.ts";

interface SectionBlock {
  key: string;
  kind: string;
  level: number;
  text: string;
}

/**
 * The sections a moderator filters by: the headings of the two top levels present in the document
 * (Phần and its numbered parts in a report; Chương and Mục in a law), articles excluded.
 */
export function sectionHeadings<B extends SectionBlock>(blocks: readonly B[]): B[] {
  const levels = [...new Set(blocks.filter((b) => isHeadingKind(b.kind) && b.kind !== "article").map((b) => b.level))].sort((a, b) => a - b);
  const deepest = levels[1] ?? levels[0];
  if (deepest === undefined) return [];
  return blocks.filter((b) => isHeadingKind(b.kind) && b.kind !== "article" && b.level <= deepest);
}

/** For every block key, the key of the section it sits in (the section heading itself included). */
export function sectionOfBlocks(blocks: readonly SectionBlock[]): Map<string, string> {
  const sections = new Set(sectionHeadings(blocks).map((b) => b.key));
  const result = new Map<string, string>();
  let current: string | null = null;
  for (const block of blocks) {
    if (sections.has(block.key)) current = block.key;
    if (current) result.set(block.key, current);
  }
  return result;
}

/**
 * A section's title for reports: its heading text (which carries the draft's own number, "I. KẾT QUẢ ĐẠT
 * ĐƯỢC") after the headings it sits in ("Phần thứ nhất › I. KẾT QUẢ ĐẠT ĐƯỢC"), never numbered again.
 */
export function sectionTitle(section: { label: string; text: string }): string {
  const parents = section.label.split(" › ").slice(0, -1);
  return parents.length ? `${parents.join(" › ")} › ${section.text}` : section.text;
}
