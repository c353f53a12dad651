// A person's contact details as one identity, whatever the spelling: the same phone number typed as
// 0912345678, +84 912 345 678, 84.912.345.678 or (091) 234-5678 is one number for rate limits,
// duplicate checks and personal-data requests. Stored and compared in the national form (0xxxxxxxxx).

/** Vietnamese mobile (3, 5, 7, 8, 9 + 8 digits) and fixed-line (2x + 8 digits) numbers, national form. */
const NATIONAL = /^0(?:3|5|7|8|9|2\d)\d{8}$/;

/** Separators people type inside a phone number. */
const SEPARATORS = /[\s.()\-\u00a0]/g;

/**
 * The national form of a Vietnamese phone number ("0912345678"), or null when the text is not one.
 * Accepts a leading +84, 84 or 0084 for the country, and spaces, dots, dashes and brackets between digits.
 */
export function normalizePhone(raw: string): string | null {
  let digits = raw.normalize("NFKC").replace(SEPARATORS, "");
  if (digits.startsWith("+84")) digits = "0" + digits.slice(3);
  else if (digits.startsWith("0084")) digits = "0" + digits.slice(4);
  else if (digits.startsWith("84") && digits.length === 11) digits = "0" + digits.slice(2);
  return NATIONAL.test(digits) ? digits : null;
}

/** An email address as one identity: trimmed and in lower case. */
export function normalizeEmail(raw: string): string {
  return raw.normalize("NFC").trim().toLowerCase();
}
