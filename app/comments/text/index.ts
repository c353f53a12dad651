export { hasInvalidText, hasMarkFlood, MAX_MARKS_PER_LETTER, normalizeText } from "./normalize.ts";
export {
  COMMON_SYLLABLES,
  MAX_MARKED_SHARE,
  MIN_COMMON_SHARE,
  MIN_WORDS,
  looksWithoutDiacritics,
} from "./diacritics.ts";
export { ANONYMOUS_NAME, publicByline, shortenName } from "./display-name.ts";
