// What changed between two versions of a document, block by block: blocks are the same block when
// they have the same key (ADR 037). Kept: same key, same text; changed: same key, other text; new: a
// key only the later version has; removed: a key only the earlier one has.

export interface KeyedText {
  key: string;
  text: string;
}

export interface BlockChanges {
  kept: string[];
  changed: string[];
  added: string[];
  removed: string[];
}

/** The text two versions of a block are compared by: NFC, whitespace collapsed, trimmed. */
export function comparableText(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

export function blockChanges(before: readonly KeyedText[], after: readonly KeyedText[]): BlockChanges {
  const earlier = new Map(before.map((block) => [block.key, comparableText(block.text)]));
  const later = new Set(after.map((block) => block.key));
  const changes: BlockChanges = { kept: [], changed: [], added: [], removed: [] };
  for (const block of after) {
    const text = earlier.get(block.key);
    if (text === undefined) changes.added.push(block.key);
    else if (text === comparableText(block.text)) changes.kept.push(block.key);
    else changes.changed.push(block.key);
  }
  for (const block of before) if (!later.has(block.key)) changes.removed.push(block.key);
  return changes;
}

/** "2.031 giữ nguyên, 12 sửa, 3 mới, 2 bỏ". */
export function changesLine(changes: BlockChanges): string {
  const n = (value: number) => value.toLocaleString("vi-VN");
  return `${n(changes.kept.length)} giữ nguyên, ${n(changes.changed.length)} sửa, ${n(changes.added.length)} mới, ${n(changes.removed.length)} bỏ`;
}
