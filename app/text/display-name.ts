import { normalizeText } from "./normalize.ts";

/** The name an opinion carries once its author asked for it to be anonymous (app/personal-data). */
export const ANONYMOUS_NAME = "Ẩn danh";

/**
 * Public form of a citizen's name, for privacy: the family name (first word) stays whole, every
 * other word becomes its initial plus ".": "Trần Thị Bích Ngọc" → "Trần T. B. N.".
 * Initials keep their diacritics ("Đặng Ánh" → "Đặng Á.") because "A." and "Á." are different
 * letters to a Vietnamese reader. Idempotent: an already shortened name comes back unchanged.
 */
export function shortenName(fullName: string): string {
  // normalizeText gives NFC (so "Á" is one code point, even from NFD input) and single spaces.
  const normalized = normalizeText(fullName, { multiline: false });
  if (normalized === ANONYMOUS_NAME) return ANONYMOUS_NAME;
  const [family, ...others] = normalized.split(" ").filter(Boolean);
  if (family === undefined) return "";
  return [family, ...others.map(initial)].join(" ");
}

function initial(word: string): string {
  // A letter with any combining mark NFC could not compose; otherwise the first code point.
  const first = word.match(/^\p{L}\p{M}*/u)?.[0] ?? Array.from(word)[0]!;
  return `${first.toLocaleUpperCase("vi")}.`;
}

/**
 * "Nguyễn V. A., Phường Ba Đình, Thành phố Hà Nội": the shortened name followed by the places,
 * skipping empty parts. The name is shortened here too, so a full name can never leak through
 * this function (shortening an already short name is harmless).
 */
export function publicByline(name: string, places: string[]): string {
  return [shortenName(name), ...places.map((p) => normalizeText(p, { multiline: false }))].filter((part) => part !== "").join(", ");
}
