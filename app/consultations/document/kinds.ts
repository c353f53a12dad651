/** What a block is. Structural headings make the section path; "heading" is any other title line. */
export type StructuralKind = "part" | "chapter" | "section" | "article";
export type HeadingKind = StructuralKind | "heading";
/** "note": a footnote or endnote of an imported file, kept after the block that refers to it. */
export type BodyKind = "clause" | "point" | "list_item" | "paragraph" | "table" | "note";
export type BlockKind = HeadingKind | BodyKind;

/** Heading level of each structural kind; a plain heading sits one level below its enclosing structure. */
export const STRUCTURAL_LEVEL: Record<StructuralKind, number> = { part: 1, chapter: 2, section: 3, article: 4 };
export const MAX_HEADING_LEVEL = 5;

export function isStructuralKind(kind: string): kind is StructuralKind {
  return Object.hasOwn(STRUCTURAL_LEVEL, kind);
}

export function isHeadingKind(kind: string): kind is HeadingKind {
  return kind === "heading" || isStructuralKind(kind);
}

/** The letters of điểm a), b), … in Vietnamese legal texts: the Vietnamese alphabet, no f, j, w, z; đ after d. */
export const POINT_LETTERS = "abcdđeghiklmnopqrstuvxy";
