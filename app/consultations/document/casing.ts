// A heading written in capitals ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH") becomes a label in sentence case, and
// lower case would lose its proper names. The draft itself says how it writes them: in its running
// text, away from the start of a sentence, "Ban Chấp hành Đảng bộ tỉnh", "Quốc hội", "Việt Nam",
// "UBND". Each word of the heading takes the form the body gives it next to the same neighbour (the
// pair decides "Quốc hội" against "quốc gia"), else its most frequent form alone, else lower case.

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// Where a sentence (or a quoted or bracketed part) starts again: the next word's capital says nothing.
const SENTENCE_BREAK = /[.!?:;…\n()"“”«»[\]]+/u;

type Forms = Map<string, number>;

function add(map: Map<string, Forms>, key: string, form: string) {
  let forms = map.get(key);
  if (!forms) map.set(key, (forms = new Map()));
  forms.set(form, (forms.get(form) ?? 0) + 1);
}

function addAll(total: Forms, forms: Forms | undefined) {
  for (const [form, n] of forms ?? []) total.set(form, (total.get(form) ?? 0) + n);
}

function mostFrequent(forms: Forms): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [form, n] of forms) {
    if (n > bestCount) [best, bestCount] = [form, n];
  }
  return best;
}

const lower = (word: string) => word.toLocaleLowerCase("vi");
const capitalized = (word: string) => word.charAt(0).toLocaleUpperCase("vi") + word.slice(1);

/** Whether a text has letters and none of them in lower case. */
export function isAllCapitals(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toLocaleUpperCase("vi");
}

export interface Casing {
  /** "CHỦ TỊCH QUỐC HỘI" → "Chủ tịch Quốc hội", as the body writes it; mixed-case text is returned as is. */
  sentenceCase(text: string): string;
}

/** Learns the forms of words from a draft's texts (capital-only ones are skipped: they say nothing). */
export function learnCasing(texts: Iterable<string>): Casing {
  const single = new Map<string, Forms>();
  // Per lower-case pair "a b": the forms of the second word after the first, and of the first before the second.
  const second = new Map<string, Forms>();
  const first = new Map<string, Forms>();
  for (const text of texts) {
    if (isAllCapitals(text)) continue;
    for (const sentence of text.split(SENTENCE_BREAK)) {
      const words = sentence.match(WORD) ?? [];
      for (let i = 1; i < words.length; i++) {
        const pair = `${lower(words[i - 1])} ${lower(words[i])}`;
        add(single, lower(words[i]), words[i]);
        add(second, pair, words[i]);
        if (i > 1) add(first, pair, words[i - 1]);
      }
    }
  }

  return {
    sentenceCase(text: string): string {
      if (!isAllCapitals(text)) return text;
      const parts = text.split(/([\p{L}\p{M}\p{N}]+)/u); // words at the odd indexes
      const words = parts.filter((_, i) => i % 2 === 1).map(lower);
      let w = 0;
      let startOfSentence = true;
      return parts
        .map((part, i) => {
          if (i % 2 === 0) {
            if (SENTENCE_BREAK.test(part)) startOfSentence = true;
            return part;
          }
          const word = words[w];
          const votes: Forms = new Map();
          if (w > 0) addAll(votes, second.get(`${words[w - 1]} ${word}`));
          if (w + 1 < words.length) addAll(votes, first.get(`${word} ${words[w + 1]}`));
          const form = mostFrequent(votes) ?? mostFrequent(single.get(word) ?? new Map()) ?? word;
          const numbering = /^(?:[IVXLC]+|\d+)$/u.test(part) && parts[i + 1]?.startsWith(".");
          w++;
          if (numbering) return part; // "I." or "2." before the heading's words
          const result = startOfSentence ? capitalized(form) : form;
          startOfSentence = false;
          return result;
        })
        .join("");
    },
  };
}
