import { createHash } from "node:crypto";

/**
 * Folds Vietnamese text for matching: NFD, drop combining marks (so "hoà" and "hòa" are equal),
 * "đ" to "d", lower case, spaces collapsed.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The fingerprint of a comment's text used to spot identical resubmissions. */
export function contentHash(text: string): string {
  return createHash("sha256").update(foldVietnamese(text)).digest("base64url");
}
