// Passages readers commented on, marked in a block's text (issue 17, ADR 048). Offsets are in the
// block's plain text (`Block.text`, what a selection's offsets were checked against); the block's HTML
// has inline tags and entities, so the marks are placed by walking its text nodes and never span a tag.

/** A passage as stored on approved comments, with how many comments quote exactly it. */
export interface Passage {
  quote: string;
  start: number;
  end: number;
  count: number;
}

/** Overlapping passages of one block as one mark: its extent in the block's text and its comments. */
export interface PassageMark {
  start: number;
  end: number;
  count: number;
}

/** A passage still at its place in the block's text (the block may have been edited since it was quoted). */
export const passageMatches = (blockText: string, p: { quote: string; start: number; end: number }) =>
  Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.end > p.start && blockText.slice(p.start, p.end) === p.quote;

/** Passages that overlap (share a character) merged, each mark counting its comments; in text order. */
export function mergePassages(blockText: string, passages: Passage[]): PassageMark[] {
  const sorted = passages.filter((p) => passageMatches(blockText, p)).sort((a, b) => a.start - b.start || a.end - b.end);
  const marks: PassageMark[] = [];
  for (const p of sorted) {
    const last = marks.at(-1);
    if (last && p.start < last.end) {
      last.end = Math.max(last.end, p.end);
      last.count += p.count;
    } else marks.push({ start: p.start, end: p.end, count: p.count });
  }
  return marks;
}

/** Whether a passage belongs to the mark [start, end) (the comments a mark's link lists). */
export const overlaps = (p: { start: number; end: number }, range: { start: number; end: number }) => p.start < range.end && p.end > range.start;

/** What a mark becomes in the HTML: the opening and closing of its pieces, and what follows its last piece. */
export interface MarkMarkup {
  open: (mark: PassageMark) => string;
  close: string;
  after: (mark: PassageMark) => string;
}

// A tag (attribute values may hold ">"), a comment, or a run of text.
const TOKEN = /<!--[\s\S]*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+|</g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/giy;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

interface Unit {
  /** Index of the text token in the token list. */
  token: number;
  /** Where the character (or the entity spelling it) starts and ends inside that token. */
  from: number;
  to: number;
  char: string;
}

/** The characters of the HTML's text nodes (entities decoded, in UTF-16 units), each with where it is written. */
function textUnits(tokens: string[]): Unit[] {
  const units: Unit[] = [];
  tokens.forEach((token, t) => {
    if (token.startsWith("<") && token.length > 1) return;
    for (let i = 0; i < token.length;) {
      ENTITY.lastIndex = i;
      const entity = token[i] === "&" ? ENTITY.exec(token) : null;
      if (entity) {
        const code = entity[1] ? Number(entity[1]) : entity[2] ? parseInt(entity[2], 16) : null;
        const decoded = code === null ? NAMED[entity[3].toLowerCase()] : code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
        for (const char of decoded.split("")) units.push({ token: t, from: i, to: ENTITY.lastIndex, char });
        i = ENTITY.lastIndex;
      } else {
        units.push({ token: t, from: i, to: i + 1, char: token[i] });
        i += 1;
      }
    }
  });
  return units;
}

/**
 * For each character of the block's text, the index of the HTML text unit that writes it, or -1 for the
 * characters the text has and the HTML spells with tags (a line break's "\n", a table's " | " between
 * cells): the text is the HTML's text with those added, so the two are aligned in one pass. Null when they
 * do not align (the HTML is not this text's): then nothing is marked.
 */
function align(blockText: string, units: Unit[]): Int32Array | null {
  const at = new Int32Array(blockText.length).fill(-1);
  let j = 0;
  for (let i = 0; i < blockText.length; i++) {
    if (j < units.length && units[j].char === blockText[i]) at[i] = j++;
  }
  return j === units.length ? at : null;
}

/**
 * The block's HTML with each mark's text wrapped: one piece per text node it covers (so a mark across
 * <strong> or <em> never breaks the nesting), `after` written right after its last piece. Text is
 * copied as it was written (entities stay escaped); only the markup's own strings are added. Returns the
 * HTML unchanged when there is nothing to mark or the text and HTML do not align.
 */
export function markPassages(html: string, blockText: string, marks: PassageMark[], markup: MarkMarkup): string {
  if (marks.length === 0) return html;
  const tokens = html.match(TOKEN) ?? [];
  const units = textUnits(tokens);
  const at = align(blockText, units);
  if (!at) return html;
  // Each mark as a range of text units [first, last].
  const ranges: { mark: PassageMark; first: number; last: number }[] = [];
  for (const mark of marks) {
    let first = -1;
    let last = -1;
    for (let i = mark.start; i < mark.end && i < at.length; i++) {
      if (at[i] < 0) continue;
      if (first < 0) first = at[i];
      last = at[i];
    }
    if (first >= 0) ranges.push({ mark, first, last });
  }
  if (ranges.length === 0) return html;

  // Where a mark opens or closes inside a text token: token index → sorted cuts.
  const cuts = new Map<number, { offset: number; html: string; order: number }[]>();
  const cut = (token: number, offset: number, text: string, order: number) => {
    const list = cuts.get(token) ?? [];
    list.push({ offset, html: text, order });
    cuts.set(token, list);
  };
  ranges.forEach(({ mark, first, last }, r) => {
    // Every text token the range touches gets its own piece.
    let u = first;
    while (u <= last) {
      const token = units[u].token;
      let end = u;
      while (end + 1 <= last && units[end + 1].token === token) end++;
      cut(token, units[u].from, markup.open(mark), 2 * r + 1);
      cut(token, units[end].to, markup.close + (end === last ? markup.after(mark) : ""), 2 * r);
      u = end + 1;
    }
  });

  return tokens
    .map((token, t) => {
      const list = cuts.get(t);
      if (!list) return token;
      // At the same offset a mark closes before the next one opens.
      list.sort((a, b) => a.offset - b.offset || a.order - b.order);
      let out = "";
      let from = 0;
      for (const c of list) {
        out += token.slice(from, c.offset) + c.html;
        from = c.offset;
      }
      return out + token.slice(from);
    })
    .join("");
}
