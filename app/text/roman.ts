// Roman numerals as Vietnamese drafts write them (Phần I, Chương IV, Mục XII).

const VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

const NUMERALS: [number, string][] = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

/** The value of a numeral made of I, V, X, L and C (the letters drafts use), or null for anything else. */
export function romanValue(text: string): number | null {
  if (!/^[IVXLC]+$/.test(text)) return null;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = VALUES[text[i]];
    total += value < (VALUES[text[i + 1]] ?? 0) ? -value : value;
  }
  return total;
}

/** A positive whole number as a Roman numeral (4 → "IV", 19 → "XIX"). */
export function toRoman(value: number): string {
  let out = "";
  for (const [n, letters] of NUMERALS) {
    while (value >= n) {
      out += letters;
      value -= n;
    }
  }
  return out;
}
