import { foldVietnamese } from "~/text/fold.ts";

// Finding the block an opinion is about from what a person wrote in the "Vị trí trong dự thảo" column:
// the block's label as the draft shows it ("Phần thứ nhất › I › 1 › đoạn 2", "Điều 2, khoản 1"), matched
// without case, diacritics or the exact separator (› > » | ,), or the block's code (its #anchor), or a label
// the block had before labels followed the draft's numbering ("Phần thứ nhất › Mục I › đoạn 2": files made
// from an older template), tried only when no current label matches. Empty, or words
// like "Toàn văn", mean the whole draft. A label that does not exist gets the closest ones suggested.

export interface LabelBlock {
  key: string;
  label: string;
  /** Labels the block had in an earlier labelling scheme, still understood. */
  earlierLabel?: string;
}

export type LabelMatch = { ok: true; blockKey: string | null } | { ok: false; message: string };

const WHOLE_DRAFT = new Set(["", "toan van", "toan bo", "toan bo du thao", "toan van du thao", "ca du thao", "chung", "du thao", "toan bo van ban"]);
export const WHOLE_DRAFT_LABEL = "Toàn văn dự thảo";

/** The comparable form of a label: folded, one kind of separator, single spaces. */
export function labelKey(text: string): string {
  return foldVietnamese(text)
    .replace(/\s*[›>»|,]+\s*/g, " > ")
    .replace(/[.:;,]+(?=\s|$)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Edit distance, giving up (returning max + 1) once it must exceed `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

export interface LabelIndex {
  match(text: string): LabelMatch;
  /** Up to three existing labels close to `text`. */
  suggest(text: string): string[];
}

export function labelIndex(blocks: readonly LabelBlock[]): LabelIndex {
  const byKey = new Map(blocks.map((b) => [b.key, b]));
  const byLabel = new Map<string, LabelBlock[]>();
  for (const block of blocks) {
    const key = labelKey(block.label);
    const list = byLabel.get(key) ?? [];
    list.push(block);
    byLabel.set(key, list);
  }
  const labels = [...byLabel.keys()];
  const byEarlierLabel = new Map<string, LabelBlock[]>();
  for (const block of blocks) {
    if (!block.earlierLabel || block.earlierLabel === block.label) continue;
    const key = labelKey(block.earlierLabel);
    byEarlierLabel.set(key, [...(byEarlierLabel.get(key) ?? []), block]);
  }
  const suggestions = new Map<string, string[]>();

  const suggest = (text: string): string[] => {
    const wanted = labelKey(text);
    const cached = suggestions.get(wanted);
    if (cached) return cached;
    // Suggesting costs a comparison with every label: a file full of distinct bad labels gets them for its first ones only.
    if (suggestions.size >= 200) return [];
    const max = Math.max(2, Math.floor(wanted.length / 5));
    const scored: { label: string; score: number }[] = [];
    for (const label of labels) {
      // A label that ends with what was written ("đoạn 2" for "… › 1 › đoạn 2") is a good guess too.
      const score = label.endsWith(` ${wanted}`) ? 1 : distance(wanted, label, max);
      if (score <= max) scored.push({ label, score });
    }
    scored.sort((a, b) => a.score - b.score);
    const result = scored.slice(0, 3).map((s) => byLabel.get(s.label)![0]!.label);
    suggestions.set(wanted, result);
    return result;
  };

  return {
    suggest,
    match(text) {
      const trimmed = text.trim().replace(/^#/, "");
      if (byKey.has(trimmed)) return { ok: true, blockKey: trimmed };
      const key = labelKey(trimmed);
      if (WHOLE_DRAFT.has(key)) return { ok: true, blockKey: null };
      const found = byLabel.get(key) ?? byEarlierLabel.get(key);
      if (found?.length === 1) return { ok: true, blockKey: found[0]!.key };
      if (found && found.length > 1) {
        return {
          ok: false,
          message: `Nhãn «${text.trim()}» trùng với ${found.length} đoạn của dự thảo: hãy ghi mã đoạn (cột «Mã đoạn» trong trang Hướng dẫn của tệp mẫu).`,
        };
      }
      const close = suggest(trimmed);
      const hint = close.length ? ` Có phải: ${close.map((l) => `«${l}»`).join(", ")}?` : " Xem danh sách nhãn trong trang Hướng dẫn của tệp mẫu.";
      return { ok: false, message: `Không có phần, mục, đoạn «${text.trim()}» trong dự thảo.${hint}` };
    },
  };
}
