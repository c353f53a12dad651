// SearchQuery.filters → a Meilisearch filter expression, with every value quoted so that nothing a
// person typed (or a crafted URL parameter) can change the expression's structure. Pure: no I/O.
//
// The quoting rule (ADR 014), from Meilisearch's filter grammar (crates/filter-parser, Meilisearch ≥ 1.4):
// a double-quoted value runs until the first double quote that is not preceded by a backslash; a
// backslash escapes the character after it; the server then turns `\"` into `"` and `\\` into `\`.
// So a value is written as `"` + value with `\` → `\\` and `"` → `\"` + `"`, and nothing inside the
// quotes (AND, OR, NOT, parentheses, brackets, single quotes, newlines) is read as syntax. Attribute
// names are constants of this module, never input. Numbers are written as plain integers (no
// exponent), and a non-finite bound is refused.

import type { SearchQuery } from "@search/engine.ts";

type Filters = SearchQuery["filters"];

/** The attributes compared for equality, in the order they appear in the expression. */
const EQUALITY_ATTRIBUTES = [
  "kind",
  "consultationId",
  "sectionKey",
  "stance",
  "provinceCode",
  "communeCode",
  "organizationId",
] as const satisfies readonly (keyof Filters)[];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The string with each lone UTF-16 surrogate replaced by U+FFFD. JSON.stringify writes a lone
 * surrogate as "\udXXX", which the server's JSON parser refuses, failing the whole request.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/** A string value as a double-quoted Meilisearch filter literal. */
export function quoteFilterValue(value: string): string {
  const text = wellFormed(String(value));
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** An epoch-ms bound as a plain integer literal: `from` rounds up, `to` rounds down (createdAt is whole ms). */
function integerLiteral(value: number, round: "up" | "down", name: string): string {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`search filter ${name} must be a finite number`);
  }
  const whole = round === "up" ? Math.ceil(value) : Math.floor(value);
  // BigInt never prints an exponent (String(1e21) is "1e+21", which the grammar would split).
  return BigInt(whole).toString();
}

/**
 * The filter for a query: an array of conditions Meilisearch ANDs together (an empty array means no
 * filter). The statuses rule: a document passes when it is not a comment (blocks and answers have no
 * status) or its status is one of `filters.statuses`; with no statuses, no comment passes.
 */
export function filterExpression(filters: Filters): string[] {
  const conditions: string[] = [];
  for (const attribute of EQUALITY_ATTRIBUTES) {
    const value = filters[attribute];
    if (value === undefined || value === null) continue;
    conditions.push(`${attribute} = ${quoteFilterValue(value)}`);
  }

  const statuses = [...new Set(filters.statuses ?? [])];
  conditions.push(
    statuses.length === 0
      ? `kind != ${quoteFilterValue("comment")}`
      : `(kind != ${quoteFilterValue("comment")} OR status IN [${statuses.map(quoteFilterValue).join(", ")}])`,
  );

  // Blocks of earlier versions carry currentVersion false; every other document passes (!= also
  // matches documents without the attribute).
  if (filters.currentOnly === true) conditions.push(`currentVersion != false`);

  if (filters.from !== undefined && filters.from !== null) {
    conditions.push(`createdAt >= ${integerLiteral(filters.from, "up", "from")}`);
  }
  if (filters.to !== undefined && filters.to !== null) {
    conditions.push(`createdAt <= ${integerLiteral(filters.to, "down", "to")}`);
  }
  return conditions;
}
