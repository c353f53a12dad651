/**
 * Clean-up applied to every free-text field a citizen submits, so that what is stored, searched,
 * hashed and displayed is one canonical form of what the person meant to type.
 */

// Invisible characters that carry no text: zero-width space/non-joiner/joiner, word joiner,
// BOM, soft hyphen. They must go BEFORE NFC: "a\u200B\u0301" would otherwise never compose to "á",
// leaving two strings that look identical but compare (and hash) differently.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

// Bidi/direction controls (ALM, LRM, RLM, embeddings/overrides, isolates). Besides being invisible,
// they can visually reorder the surrounding text ("Trojan source" style spoofing).
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

// Remaining C0 controls, DEL and C1 controls, except "\n" (tabs are turned into spaces first).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

export function normalizeText(input: string, { multiline }: { multiline: boolean }): string {
  let text = input
    .replace(INVISIBLE, "")
    .replace(BIDI_CONTROLS, "")
    .normalize("NFC")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n") // Windows/old-Mac line ends and Unicode line separators
    .replace(/\t/g, " ")
    .replace(CONTROLS, "");

  if (!multiline) return text.replace(/\s+/g, " ").trim();

  text = text
    .split("\n")
    // Any non-newline whitespace run (spaces, NBSP, ideographic space…) becomes one space.
    .map((line) => line.replace(/[^\S\n]+/g, " ").trimEnd())
    .join("\n")
    // At most 2 blank lines in a row = at most 3 consecutive line breaks.
    .replace(/\n{4,}/g, "\n\n\n");
  return text.trim();
}

/**
 * True when the string holds a lone UTF-16 surrogate, i.e. is not valid Unicode (it cannot be
 * encoded as UTF-8 faithfully). Callers refuse such input rather than silently mangling it.
 */
export function hasInvalidText(s: string): boolean {
  // With the "u" flag, a well-formed surrogate pair is one code point and does not match;
  // only unpaired halves do.
  return /[\uD800-\uDFFF]/u.test(s);
}

/**
 * Combining marks allowed on one base character once the text is in NFC. Vietnamese letters all have
 * precomposed forms, so NFC leaves at most a tone mark and a vowel mark over a base that has no
 * precomposed form with both (2); a pile of marks on one letter ("Zalgo" text) overflows lines on
 * the page and in exports, and says nothing.
 */
export const MAX_MARKS_PER_LETTER = 2;

const MARK_FLOOD = new RegExp(`\\p{M}{${MAX_MARKS_PER_LETTER + 1},}`, "u");

/** True when some character carries more than MAX_MARKS_PER_LETTER combining marks after clean-up and NFC. */
export function hasMarkFlood(s: string): boolean {
  // Characters that normalizeText drops would hide a flood between them from the check: dropped first.
  return MARK_FLOOD.test(s.replace(INVISIBLE, "").replace(BIDI_CONTROLS, "").replace(CONTROLS, "").normalize("NFC"));
}

const NOT_INLINE = new RegExp(`${INVISIBLE.source}|${BIDI_CONTROLS.source}|${CONTROLS.source}|[\\n\\r\\t\\u2028\\u2029]`);

/**
 * Clean-up of a run of text inside a document (an editor's text node): invisible and direction
 * characters dropped, NFC, line breaks and other controls turned into spaces. Spaces are kept as
 * typed: a run is often one piece of a line ("bold " followed by italic text).
 */
export function cleanInlineText(input: string): string {
  // Most runs have nothing to remove: one scan, then NFC.
  if (!NOT_INLINE.test(input)) return input.normalize("NFC");
  return input
    .replace(INVISIBLE, "")
    .replace(BIDI_CONTROLS, "")
    .normalize("NFC")
    .replace(/\r\n?|[\n\u2028\u2029\t]/g, " ")
    .replace(CONTROLS, "");
}
