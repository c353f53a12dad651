import { looksWithoutDiacritics } from "~/text/diacritics.ts";
import { countLetters, hasLetter } from "~/text/letters.ts";
import type { ProfanityMatcher } from "~/text/profanity-vi.ts";
import { sharedLowerSyllables } from "~/text/syllables.ts";

/**
 * Automatic flags of a comment, computed once on submission and stored as a bit set (Comment.flags).
 * They are hints shown to moderators as badges and used as queue filters, never a verdict.
 * textFlags computes those that depend on the text alone; the caller adds BURST (many submissions
 * from one source in a short time) and NEAR_DUPLICATE (a near-duplicate group was found) from its
 * database lookups. Bit values are stored: never renumber them, only add new ones.
 */
export const FLAGS = {
  LINK: 1,
  PROFANITY: 2,
  NO_DIACRITICS: 4,
  VERY_SHORT: 8,
  ALL_CAPS: 16,
  BURST: 32,
  NEAR_DUPLICATE: 64,
} as const;

export type FlagName = keyof typeof FLAGS;

/** Badge labels, as moderators read them. */
export const FLAG_LABELS: Record<FlagName, string> = {
  LINK: "Có đường dẫn",
  PROFANITY: "Từ ngữ thô tục",
  NO_DIACRITICS: "Không dấu",
  VERY_SHORT: "Quá ngắn",
  ALL_CAPS: "Toàn chữ hoa",
  BURST: "Gửi dồn dập",
  NEAR_DUPLICATE: "Trùng lặp",
};

const FLAG_NAMES = Object.keys(FLAGS) as FlagName[];

/**
 * VERY_SHORT: fewer than 5 syllables (words with a letter) OR fewer than 20 letters. Either says the
 * comment carries almost nothing: "Đồng ý", "Tôi đồng ý với dự thảo" (6 syllables, 17 letters),
 * a lone number or link, a keyboard mash of one long "word". A real opinion ("Đề nghị bổ sung chỉ
 * tiêu về giáo dục", 8 syllables, 29 letters) passes both.
 */
export const VERY_SHORT_SYLLABLES = 5;
export const VERY_SHORT_LETTERS = 20;

/**
 * ALL_CAPS: at least 12 cased letters (upper or lower case; digits and caseless scripts do not
 * count) and at least 80% of them upper case. Vietnamese capitals with diacritics ("Ệ", "Ư", "Đ")
 * count as capitals. A short acronym ("UBND", "HĐND") in normal text stays far below 80%; a
 * heading-like shout ("ĐỀ NGHỊ XEM XÉT LẠI") is flagged.
 */
export const ALL_CAPS_MIN_LETTERS = 12;
export const ALL_CAPS_MIN_SHARE = 0.8;

/**
 * LINK: "http://", "https://", "www." anywhere, or a bare domain ("abc.com", "xyz.vn",
 * "chinhphu.gov.vn/abc", "zalo.me/123") whose last label is a known top-level domain. Never a
 * decimal ("3.5", "Điều 2.1", "1.000.000 đồng"), an abbreviation ("v.v.", "TP.HCM", "Q.1"), a
 * sentence missing its space ("đồng ý.Tôi") or an e-mail address (contact details, not a link).
 * Top-level domains that are also common unaccented syllables ("co", "me", "to", "la", "do", "in",
 * "be", "ai", "so") count only with a path: "zalo.me/abc" and "t.co/xyz" are links, "toi.me" is not.
 * Not caught: spelled-out or spaced domains ("abc chấm com", "abc . com"), unknown TLDs.
 */
const SCHEME_OR_WWW = /(?:\bhttps?:\/\/|\bwww\.)[\p{L}\p{N}]/iu;
const DOMAIN_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const TLDS = [
  "com",
  "net",
  "org",
  "info",
  "biz",
  "vn",
  "gov",
  "edu",
  "int",
  "io",
  "xyz",
  "top",
  "online",
  "site",
  "website",
  "shop",
  "store",
  "club",
  "app",
  "dev",
  "asia",
  "vip",
  "live",
  "pro",
  "link",
  "click",
  "fun",
  "news",
  "blog",
  "mobi",
  "bet",
  "win",
  "tk",
  "cc",
  "tv",
  "ly",
  "gl",
  "ws",
  "us",
  "uk",
  "ru",
  "cn",
  "jp",
  "kr",
  "tw",
  "hk",
  "sg",
  "th",
  "kh",
  "fr",
  "de",
];
const TLDS_NEEDING_PATH = ["co", "me", "to", "do", "in", "be", "ai", "so", "la"];
const BARE_DOMAIN = new RegExp(
  // not inside a longer word, number, domain or e-mail address
  `(?<![\\p{L}\\p{M}\\p{N}@._-])(?:${DOMAIN_LABEL}\\.)+` +
    `(?:(?:${TLDS.join("|")})(?![\\p{L}\\p{M}\\p{N}_@-]|\\.[\\p{L}\\p{N}])` +
    `|(?:${TLDS_NEEDING_PATH.join("|")})\\/[\\p{L}\\p{N}])`,
  "iu",
);

// "iu" as BARE_DOMAIN: "ſ" (long s) and "K" (Kelvin) fold to "s" and "k" there too.
const DOT_LETTER = /\.[a-z]/iu;

/** LINK, PROFANITY, NO_DIACRITICS, VERY_SHORT and ALL_CAPS of a comment's text. */
export function textFlags(text: string, profanity: ProfanityMatcher): number {
  let flags = 0;
  if (hasLink(text)) flags |= FLAGS.LINK;
  if (profanity.matches(text)) flags |= FLAGS.PROFANITY;
  if (looksWithoutDiacritics(text)) flags |= FLAGS.NO_DIACRITICS;
  if (isVeryShort(text)) flags |= FLAGS.VERY_SHORT;
  if (isAllCaps(text)) flags |= FLAGS.ALL_CAPS;
  return flags;
}

/** The names of the flags set in `bits`, in FLAGS order; unknown bits are ignored. */
export function flagNames(bits: number): FlagName[] {
  return FLAG_NAMES.filter((name) => (bits & FLAGS[name]) !== 0);
}

export function hasLink(text: string): boolean {
  const nfc = text.normalize("NFC"); // "hợp.lý" in NFD must not leave "p.ly" looking like a domain
  // A bare domain has a dot before the letter its top-level domain starts with: most texts have none.
  return SCHEME_OR_WWW.test(nfc) || (DOT_LETTER.test(nfc) && BARE_DOMAIN.test(nfc));
}

export function isVeryShort(text: string): boolean {
  let words = 0;
  for (const syllable of sharedLowerSyllables(text)) if (hasLetter(syllable)) words++;
  return words < VERY_SHORT_SYLLABLES || countLetters(text.normalize("NFC")).letters < VERY_SHORT_LETTERS;
}

export function isAllCaps(text: string): boolean {
  const { upper, lower } = countLetters(text.normalize("NFC"));
  const cased = upper + lower;
  return cased >= ALL_CAPS_MIN_LETTERS && upper >= ALL_CAPS_MIN_SHARE * cased;
}
