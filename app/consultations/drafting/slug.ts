import { foldVietnamese } from "~/text/fold.ts";

// A consultation's address (/du-thao/<slug>): lower-case letters without diacritics, digits and single
// hyphens, made from the Vietnamese title ("Dự thảo Báo cáo chính trị" → "du-thao-bao-cao-chinh-tri").
// Editable while the consultation has never been public; kept for good from then on (links people keep).

export const SLUG_MIN = 3;
export const SLUG_MAX = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug a title gives: folded (no marks, đ → d), every other character a separator, at most SLUG_MAX long, cut between words. */
export function slugFromTitle(title: string): string {
  const words = foldVietnamese(title.normalize("NFC"))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) {
      // A single word longer than the limit is cut; otherwise stop before the word that does not fit.
      if (!slug) slug = word.slice(0, SLUG_MAX);
      break;
    }
    slug = next;
  }
  return slug;
}
