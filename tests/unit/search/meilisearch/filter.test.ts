import { describe, expect, it } from "vitest";
import type { SearchQuery } from "@search/engine.ts";
import { filterExpression, quoteFilterValue } from "@search/meilisearch/filter.ts";

// The filter expression is checked against a small reader written here from Meilisearch's filter
// grammar (crates/filter-parser): a double-quoted value ends at the first `"` not preceded by `\`,
// `\` takes the next character with it, the server turns `\"` into `"` and then `\\` into `\`. The
// reader is stricter than the server: any other backslash sequence in a decoded value is an error,
// because the server would read it as an escape (\n, \u{…}) and change the value.

type Filters = SearchQuery["filters"];
type Token = { t: "word" | "string" | "op" | "punct"; v: string };

function decodeQuoted(raw: string): string {
  const quotesUnescaped = raw.includes('\\"') ? raw.replaceAll('\\"', '"') : raw;
  let out = "";
  for (let i = 0; i < quotesUnescaped.length; i++) {
    const c = quotesUnescaped[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = quotesUnescaped[i + 1];
    if (next !== "\\") throw new Error(`backslash sequence \\${next ?? ""} would be reinterpreted by the server`);
    out += "\\";
    i++;
  }
  return out;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < expression.length && expression[j] !== '"') {
        if (expression[j] === "\\") {
          if (j + 1 >= expression.length) throw new Error("dangling backslash");
          j += 2;
        } else j++;
      }
      if (j >= expression.length) throw new Error("missing closing quote");
      tokens.push({ t: "string", v: decodeQuoted(expression.slice(i + 1, j)) });
      i = j + 1;
    } else if (c === "'") {
      throw new Error("single-quoted values are never produced");
    } else if ("()[],".includes(c)) {
      tokens.push({ t: "punct", v: c });
      i++;
    } else if (/[=<>!]/.test(c)) {
      const two = expression.slice(i, i + 2);
      const op = [">=", "<=", "!="].includes(two) ? two : c;
      tokens.push({ t: "op", v: op });
      i += op.length;
    } else {
      const word = /^[\p{L}\p{N}_.-]+/u.exec(expression.slice(i));
      if (!word) throw new Error(`unexpected character ${JSON.stringify(c)} at ${i}`);
      tokens.push({ t: "word", v: word[0] });
      i += word[0].length;
    }
  }
  return tokens;
}

const word = (v: string): Token => ({ t: "word", v });
const str = (v: string): Token => ({ t: "string", v });
const op = (v: string): Token => ({ t: "op", v });
const p = (v: string): Token => ({ t: "punct", v });

function filters(extra: Partial<Filters> = {}): Filters {
  return { statuses: ["APPROVED"], ...extra };
}

const statusClause = (...statuses: string[]): Token[] => [
  p("("),
  word("kind"),
  op("!="),
  str("comment"),
  word("OR"),
  word("status"),
  word("IN"),
  p("["),
  ...statuses.flatMap((s, i) => (i === 0 ? [str(s)] : [p(","), str(s)])),
  p("]"),
  p(")"),
];

const HOSTILE_VALUES = [
  'x" OR kind = "comment',
  'x\\" OR status = "PENDING',
  "\\",
  "\\\\",
  "abc\\",
  '"',
  '""',
  '\\"',
  '\\\\"',
  '") OR ("1" = "1',
  ") OR (status = PENDING",
  "x AND NOT kind EXISTS",
  "a\nOR status = PENDING",
  "line\r\nbreak\ttab",
  "' OR '1'='1",
  "]] , [[",
  "\\u{41}",
  "\\n",
  "\\x41\\0",
  "Thành phố Hà Nội",
  "Đảng 🇻🇳 “ngoặc kép” ‘đơn’",
  "",
  " ",
  "NULL",
  "_geoRadius(1, 2, 3)",
  "x".repeat(5_000) + '"',
];

describe("quoteFilterValue", () => {
  it("wraps in double quotes and escapes only backslash and double quote", () => {
    expect(quoteFilterValue("APPROVED")).toBe('"APPROVED"');
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue("a\\b")).toBe('"a\\\\b"');
    expect(quoteFilterValue('\\"')).toBe('"\\\\\\""');
    expect(quoteFilterValue("a\nb (c) OR 'd'")).toBe("\"a\nb (c) OR 'd'\"");
  });

  it.each(HOSTILE_VALUES)("reads back as exactly one value: %j", (value) => {
    const tokens = tokenize(quoteFilterValue(value));
    expect(tokens).toEqual([str(value)]);
  });

  it("replaces a lone surrogate (the request body would not be valid JSON to the server)", () => {
    expect(tokenize(quoteFilterValue("a\uD800b"))).toEqual([str("a\uFFFDb")]);
    expect(tokenize(quoteFilterValue("\uDC00"))).toEqual([str("\uFFFD")]);
    expect(tokenize(quoteFilterValue("😀"))).toEqual([str("😀")]);
  });

  it("the reader is strict enough to catch an escaper that forgets backslashes", () => {
    const naive = (value: string) => `"${value.replace(/"/g, '\\"')}"`;
    expect(() => expect(tokenize(naive('\\" OR kind = "comment'))).toEqual([str('\\" OR kind = "comment')])).toThrow();
    expect(() => expect(tokenize(naive("a\\n"))).toEqual([str("a\\n")])).toThrow();
  });

  it("round-trips random strings made of the characters that matter to the grammar", () => {
    const alphabet = ['"', "'", "\\", " ", "\n", "(", ")", "[", "]", ",", "=", "!", "<", ">", "a", "Đ", "O", "R", "N", "D", "u", "{", "}", "0"];
    let seed = 20_261_126;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3_000; n++) {
      const length = Math.floor(random() * 24);
      let value = "";
      for (let k = 0; k < length; k++) value += alphabet[Math.floor(random() * alphabet.length)];
      expect(tokenize(quoteFilterValue(value)), JSON.stringify(value)).toEqual([str(value)]);
    }
  });
});

describe("filterExpression", () => {
  it("public search: blocks and approved comments only", () => {
    expect(filterExpression(filters())).toEqual(['(kind != "comment" OR status IN ["APPROVED"])']);
  });

  it("every filter, in a fixed order, each value quoted", () => {
    const expression = filterExpression({
      kind: "comment",
      consultationId: "c1",
      sectionKey: "s-2",
      stance: "AGREE",
      statuses: ["APPROVED", "PENDING"],
      provinceCode: "01",
      communeCode: "00004",
      organizationId: "org_1",
      from: 1_700_000_000_000,
      to: 1_800_000_000_000,
    });
    expect(expression).toEqual([
      'kind = "comment"',
      'consultationId = "c1"',
      'sectionKey = "s-2"',
      'stance = "AGREE"',
      'provinceCode = "01"',
      'communeCode = "00004"',
      'organizationId = "org_1"',
      '(kind != "comment" OR status IN ["APPROVED", "PENDING"])',
      "createdAt >= 1700000000000",
      "createdAt <= 1800000000000",
    ]);
  });

  it("no statuses: only blocks pass; repeated statuses are listed once", () => {
    expect(filterExpression({ statuses: [] })).toEqual(['kind != "comment"']);
    expect(filterExpression({ statuses: ["APPROVED", "APPROVED", "REJECTED"] })).toEqual(['(kind != "comment" OR status IN ["APPROVED", "REJECTED"])']);
  });

  it.each(HOSTILE_VALUES)("a hostile value stays one value in each attribute: %j", (value) => {
    const attributes = ["consultationId", "sectionKey", "provinceCode", "communeCode", "organizationId"] as const;
    for (const attribute of attributes) {
      const expression = filterExpression(filters({ [attribute]: value }));
      expect(expression).toHaveLength(2);
      expect(tokenize(expression[0]!)).toEqual([word(attribute), op("="), str(value)]);
      expect(tokenize(expression[1]!)).toEqual(statusClause("APPROVED"));
    }
  });

  it("hostile kind, stance and statuses (the types say otherwise; a URL may not) stay values too", () => {
    const value = 'comment" OR status = "PENDING';
    const expression = filterExpression({
      kind: value as never,
      stance: value as never,
      statuses: [value as never, "APPROVED"],
    });
    expect(tokenize(expression[0]!)).toEqual([word("kind"), op("="), str(value)]);
    expect(tokenize(expression[1]!)).toEqual([word("stance"), op("="), str(value)]);
    expect(tokenize(expression[2]!)).toEqual(statusClause(value, "APPROVED"));
  });

  it("date bounds are plain integers, rounded inwards, never an exponent", () => {
    expect(filterExpression({ statuses: [], from: 1.2, to: 9.8 })).toEqual(['kind != "comment"', "createdAt >= 2", "createdAt <= 9"]);
    expect(filterExpression({ statuses: [], from: -5.5 })).toEqual(['kind != "comment"', "createdAt >= -5"]);
    expect(filterExpression({ statuses: [], to: 1e21 })).toEqual(['kind != "comment"', "createdAt <= 1000000000000000000000"]);
    expect(filterExpression({ statuses: [], from: 0 })).toEqual(['kind != "comment"', "createdAt >= 0"]);
  });

  it("refuses a non-finite or non-numeric bound instead of writing it into the expression", () => {
    expect(() => filterExpression({ statuses: [], from: Number.NaN })).toThrow(RangeError);
    expect(() => filterExpression({ statuses: [], to: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => filterExpression({ statuses: [], from: "1 OR kind = comment" as never })).toThrow(RangeError);
  });

  it("current version only: leaves out the blocks of earlier versions (false), lets everything else through", () => {
    expect(filterExpression({ statuses: [], currentOnly: true })).toEqual(['kind != "comment"', "currentVersion != false"]);
    expect(tokenize("currentVersion != false")).toEqual([word("currentVersion"), op("!="), word("false")]);
    expect(filterExpression({ statuses: [], currentOnly: false })).toEqual(['kind != "comment"']);
    expect(filterExpression({ statuses: [], currentOnly: "true OR kind = comment" as never })).toEqual(['kind != "comment"']);
  });

  it("undefined and null filters are left out", () => {
    expect(filterExpression({ statuses: ["APPROVED"], consultationId: undefined, sectionKey: null as never, from: undefined })).toEqual([
      '(kind != "comment" OR status IN ["APPROVED"])',
    ]);
  });
});
