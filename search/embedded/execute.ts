import { FACETS, type Facet, type SearchHit, type SearchQuery, type SearchResult } from "@search/engine.ts";
import { forEachWord } from "@search/text/analyze.ts";
import { parseQuery, type QueryUnit } from "@search/text/query.ts";
import { buildSnippet, type TokenMatcher } from "@search/text/snippet.ts";
import type { SearchIndex } from "./search-index.ts";
import { KINDS, STANCES, STATUSES, type DocumentStore, type InternedField } from "./store.ts";
import { topK } from "./top-k.ts";

// BM25 parameters (the usual ones).
const K1 = 1.2;
const B = 0.75;
/** How much a unit found through a longer word (search-as-you-type) or a typo counts, against the word itself. */
const PREFIX_WEIGHT = 0.7;
const TYPO_WEIGHT = [1, 0.5, 0.3];
/** Words typed without diacritics that match a word with them count a little less than the same spelling. */
const FOLDED_WEIGHT = 0.85;
/** Longer words a prefix may stand for, by the prefix's length (1, 2, 3, 4+ letters). */
const PREFIX_EXPANSIONS = [0, 0, 8, 24, 48];
/** Folded words of at least this many letters tolerate one edit, of the second two. */
export const ONE_TYPO_MIN_LETTERS = 6;
export const TWO_TYPOS_MIN_LETTERS = 9;
/** Longer "words" (no Vietnamese word is) are not worth an edit-distance scan. */
const TYPO_MAX_LETTERS = 24;
export const MAX_PER_PAGE = 100;
/**
 * The best this many matches (by the rank without proximity) are reordered with the query's words
 * next to each other in the text counting for more: "phát triển" is one word written as two syllables.
 */
const PROXIMITY_RERANK = 100;
/** Deeper pages are not served: nobody reads page 500, and each deeper page costs more. */
export const MAX_RESULT_WINDOW = 10_000;

interface Expansion {
  term: number;
  weight: number;
  idf: number;
  /** Mask bit of the query word's exact spelling (0: the word has no diacritics, or nobody spells it so). */
  exactBit: number;
}

interface ResolvedUnit {
  unit: QueryUnit;
  /** A word: its term and the longer words / near spellings it also stands for. */
  expansions: Expansion[];
  /** A phrase: the term of each word (-1: unknown word, the phrase matches nothing). */
  phraseTerms: number[];
  phraseBits: number[];
  /** Folded forms found, for highlighting. */
  folded: Set<string>;
  cost: number;
}

/** Answers one query from one index; never throws on odd input (the engine still guards it). */
export function executeSearch(index: SearchIndex, rawQuery: SearchQuery): SearchResult {
  const started = performance.now();
  const query = sanitizeQuery(rawQuery);
  const store = index.store;
  const filter = compileFilter(store, query.filters);
  const units = parseQuery(query.q).map((unit) => resolveUnit(index, unit));

  let candidates: number[] = [];
  let scored: Scored | null = null;
  try {
    if (filter !== null && units.length === 0) {
      for (let slot = 0; slot < store.slotCount; slot++) if (filter(slot)) candidates.push(slot);
    } else if (filter !== null) {
      scored = scoreUnits(index, units, filter);
      candidates = scored.candidates;
    }
    const rank = scored?.rank;
    const offset = (query.page - 1) * query.perPage;
    const createdAt = store.createdAt;
    const newer = (a: number, b: number) => createdAt[a] > createdAt[b] || (createdAt[a] === createdAt[b] && a > b);
    const before = rank ? (a: number, b: number) => rank[a] > rank[b] || (rank[a] === rank[b] && newer(a, b)) : newer;
    const wanted = offset + query.perPage;
    let ordered: number[] = [];
    if (offset < candidates.length) {
      ordered = topK(candidates, Math.max(wanted, rank ? PROXIMITY_RERANK : 0), before);
      if (rank && units.length > 1) {
        // The first PROXIMITY_RERANK (a fixed number, so that pages agree) reordered with proximity.
        const head = ordered.slice(0, PROXIMITY_RERANK);
        rerankByProximity(store, units, head, rank);
        ordered = [...head.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)), ...ordered.slice(PROXIMITY_RERANK)];
      }
    }
    const page = ordered.slice(offset, wanted);

    const matcher = snippetMatcher(units);
    const hits: SearchHit[] = page.map((slot) => {
      const document = store.document(slot);
      return { id: document.id, kind: document.kind, document, snippet: buildSnippet(document.text, matcher), score: rank ? rank[slot] : 0 };
    });
    return {
      hits,
      total: candidates.length,
      totalIsEstimate: false,
      facets: countFacets(store, candidates, query.facets),
      tookMs: performance.now() - started,
    };
  } finally {
    scored?.release();
  }
}

/** The query with its page, page size, filters and facets made safe (shared with the PostgreSQL engine). */
export function sanitizeQuery(query: SearchQuery): SearchQuery {
  const whole = (value: unknown, fallback: number, min: number, max: number) =>
    typeof value === "number" && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
  const perPage = whole(query?.perPage, 20, 1, MAX_PER_PAGE);
  const page = whole(query?.page, 1, 1, Math.max(1, Math.floor(MAX_RESULT_WINDOW / perPage)));
  const filters = query?.filters && typeof query.filters === "object" ? query.filters : { statuses: [] };
  return {
    q: typeof query?.q === "string" ? query.q : "",
    filters: { ...filters, statuses: Array.isArray(filters.statuses) ? filters.statuses : [] },
    page,
    perPage,
    facets: Array.isArray(query?.facets) ? query.facets.filter((facet) => (FACETS as readonly string[]).includes(facet)) : [],
  };
}

type SlotFilter = (slot: number) => boolean;

const FILTERED_FIELDS: Array<[keyof SearchQuery["filters"] & InternedField, InternedField]> = [
  ["consultationId", "consultationId"],
  ["sectionKey", "sectionKey"],
  ["provinceCode", "provinceCode"],
  ["communeCode", "communeCode"],
  ["organizationId", "organizationId"],
];

/** The filters as integer comparisons on the columns; null when no document can pass. */
function compileFilter(store: DocumentStore, filters: SearchQuery["filters"]): SlotFilter | null {
  const checks: SlotFilter[] = [];
  const { alive, kind, stance, status, createdAt, currentVersion } = store;
  if (filters.kind !== undefined) {
    const code = KINDS.indexOf(filters.kind);
    if (code < 0) return null;
    checks.push((slot) => kind[slot] === code);
  }
  for (const [name, field] of FILTERED_FIELDS) {
    const value = filters[name];
    if (value === undefined) continue;
    if (typeof value !== "string") return null;
    const code = store.strings.codeOf(value);
    if (code < 0) return null;
    const column = store.interned[field];
    checks.push((slot) => column[slot] === code);
  }
  if (filters.stance !== undefined) {
    const code = STANCES.indexOf(filters.stance);
    if (code <= 0) return null;
    checks.push((slot) => stance[slot] === code);
  }
  // Blocks have no status and always pass; a comment passes when its status is listed.
  const allowed = new Uint8Array(STATUSES.length);
  for (const value of filters.statuses) {
    const code = STATUSES.indexOf(value);
    if (code > 0) allowed[code] = 1;
  }
  const commentKind = KINDS.indexOf("comment");
  checks.push((slot) => kind[slot] !== commentKind || allowed[status[slot]] === 1);
  // Blocks of earlier versions (2) are left out; current blocks (1) and everything else (0) pass.
  if (filters.currentOnly === true) checks.push((slot) => currentVersion[slot] !== 2);
  const from = typeof filters.from === "number" && !Number.isNaN(filters.from) ? filters.from : -Infinity;
  const to = typeof filters.to === "number" && !Number.isNaN(filters.to) ? filters.to : Infinity;
  if (from > to) return null;
  if (from !== -Infinity || to !== Infinity) checks.push((slot) => createdAt[slot] >= from && createdAt[slot] <= to);
  return (slot) => {
    if (alive[slot] !== 1) return false;
    for (let i = 0; i < checks.length; i++) if (!checks[i](slot)) return false;
    return true;
  };
}

function idf(index: SearchIndex, df: number): number {
  const n = Math.max(index.size, df);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function resolveUnit(index: SearchIndex, unit: QueryUnit): ResolvedUnit {
  const resolved: ResolvedUnit = { unit, expansions: [], phraseTerms: [], phraseBits: [], folded: new Set(), cost: 0 };
  const df = index.postings.df;
  if (unit.phrase) {
    resolved.cost = Infinity;
    for (const word of unit.words) {
      const term = index.termId(word.folded);
      resolved.phraseTerms.push(term);
      resolved.phraseBits.push(word.accented ? index.exactBit(word.exact) : 0);
      resolved.folded.add(word.folded);
      resolved.cost = Math.min(resolved.cost, term < 0 ? 0 : df[term]);
    }
    return resolved;
  }
  const word = unit.words[0];
  const add = (term: number, weight: number, exactBit: number) => {
    resolved.expansions.push({ term, weight, idf: idf(index, df[term]), exactBit });
    resolved.folded.add(index.terms[term]);
    resolved.cost += df[term];
  };
  const term = index.termId(word.folded);
  const known = term >= 0 && df[term] > 0;
  if (known) add(term, 1, word.accented ? index.exactBit(word.exact) : 0);
  if (unit.prefix) {
    const limit = PREFIX_EXPANSIONS[Math.min(4, word.folded.length)];
    for (const longer of index.prefixTerms(word.folded, limit)) if (longer !== term) add(longer, PREFIX_WEIGHT, 0);
  }
  const letters = word.folded.length;
  if (!known && resolved.expansions.length === 0 && letters >= ONE_TYPO_MIN_LETTERS && letters <= TYPO_MAX_LETTERS) {
    // Only an unknown word is taken for a typo: a real word is searched as typed.
    const maxEdits = letters >= TWO_TYPOS_MIN_LETTERS ? 2 : 1;
    for (const near of index.termsWithinEdits(word.folded, maxEdits)) add(near.term, TYPO_WEIGHT[near.edits], 0);
  }
  return resolved;
}

/**
 * BM25 per unit (the best of its expansions), units ANDed; when no document has them all (and there
 * are several), documents with the most units. Rank = (units matched, units found with the query's
 * exact diacritics, units found as typed rather than as a longer word or a typo, BM25) as one number;
 * the first documents then get a proximity tier before BM25 (rerankByProximity).
 */
function scoreUnits(index: SearchIndex, units: ResolvedUnit[], filter: SlotFilter): Scored {
  // Rarest first: with AND, later units only visit documents still in the running.
  const order = units.map((_, i) => i).sort((a, b) => units[a].cost - units[b].cost);
  let result = scorePass(index, units, order, filter, true);
  if (result.candidates.length === 0 && units.length > 1) {
    result.release();
    result = scorePass(index, units, order, filter, false);
  }
  return result;
}

interface Scored {
  candidates: number[];
  rank: Float64Array;
  /** Gives the per-document arrays back, zeroed; `rank` is not to be read after. */
  release(): void;
}

/**
 * Per-document arrays for scoring, one set per index, reused by every query (a query runs to its end
 * without yielding): allocating them per query would cost megabytes of garbage each time at 200,000
 * documents. Everything written is zeroed again by `release`; the filter cache is stamped instead.
 */
class Scratch {
  size = 0;
  score = new Float64Array(0);
  best = new Float64Array(0);
  matched = new Uint8Array(0);
  exact = new Uint8Array(0);
  whole = new Uint8Array(0);
  bestExact = new Uint8Array(0);
  bestWhole = new Uint8Array(0);
  filterStamp = new Uint32Array(0);
  filterPass = new Uint8Array(0);
  stamp = 0;

  ensure(size: number): void {
    if (size <= this.size) return;
    const capacity = Math.ceil(size * 1.25) + 64;
    this.score = new Float64Array(capacity);
    this.best = new Float64Array(capacity);
    this.matched = new Uint8Array(capacity);
    this.exact = new Uint8Array(capacity);
    this.whole = new Uint8Array(capacity);
    this.bestExact = new Uint8Array(capacity);
    this.bestWhole = new Uint8Array(capacity);
    this.filterStamp = new Uint32Array(capacity);
    this.filterPass = new Uint8Array(capacity);
    this.stamp = 0;
    this.size = capacity;
  }

  nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.filterStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

const scratches = new WeakMap<SearchIndex, Scratch>();

function scorePass(index: SearchIndex, units: ResolvedUnit[], order: number[], filter: SlotFilter, all: boolean): Scored {
  const store = index.store;
  let scratch = scratches.get(index);
  if (!scratch) scratches.set(index, (scratch = new Scratch()));
  scratch.ensure(store.slotCount);
  const { score, matched, exact, whole, best, bestExact, bestWhole, filterStamp, filterPass } = scratch;
  const stamp = scratch.nextStamp();
  const lengths = store.length;
  const averageLength = index.averageLength;
  const touched: number[] = [];

  for (let step = 0; step < order.length; step++) {
    const unit = units[order[step]];
    const mustHave = all ? step : -1;
    const unitTouched: number[] = [];
    const visit = (slot: number, tf: number, weightedIdf: number, isExact: boolean, isWhole: boolean) => {
      if (mustHave > 0 && matched[slot] !== mustHave) return;
      if (filterStamp[slot] !== stamp) {
        filterStamp[slot] = stamp;
        filterPass[slot] = filter(slot) ? 1 : 0;
      }
      if (filterPass[slot] === 0) return;
      const norm = K1 * (1 - B + (B * lengths[slot]) / averageLength);
      const value = (weightedIdf * (tf * (K1 + 1))) / (tf + norm);
      if (best[slot] === 0) unitTouched.push(slot);
      if (value > best[slot]) best[slot] = value;
      if (isExact) bestExact[slot] = 1;
      if (isWhole) bestWhole[slot] = 1;
    };
    if (unit.unit.phrase) visitPhrase(index, unit, visit);
    else {
      for (const expansion of unit.expansions) {
        const cursor = index.postings.cursor(expansion.term);
        const full = expansion.weight * expansion.idf;
        const folded = full * FOLDED_WEIGHT;
        const bit = expansion.exactBit;
        const isWhole = expansion.weight === 1;
        while (cursor.next()) {
          const isExact = bit !== 0 && (cursor.mask & bit) !== 0;
          visit(cursor.slot, cursor.tf, bit === 0 || isExact ? full : folded, isExact, isWhole);
        }
      }
    }
    // With AND, a unit that no remaining document has ends the pass: nothing can match them all.
    if (all && unitTouched.length === 0) break;
    for (const slot of unitTouched) {
      if (matched[slot] === 0) touched.push(slot);
      score[slot] += best[slot];
      matched[slot]++;
      exact[slot] += bestExact[slot];
      whole[slot] += bestWhole[slot];
      best[slot] = 0;
      bestExact[slot] = bestWhole[slot] = 0;
    }
  }
  const candidates = all ? touched.filter((slot) => matched[slot] === units.length) : touched;
  const rank = score;
  for (const slot of candidates) rank[slot] = ((matched[slot] * 33 + exact[slot]) * 33 + whole[slot]) * 10_000 + Math.min(9_999, score[slot]);
  const release = () => {
    for (const slot of touched) score[slot] = matched[slot] = exact[slot] = whole[slot] = 0;
  };
  return { candidates, rank, release };
}

/** Documents where the phrase's words stand next to each other in order, with the number of occurrences. */
function visitPhrase(
  index: SearchIndex,
  unit: ResolvedUnit,
  visit: (slot: number, tf: number, weightedIdf: number, isExact: boolean, isWhole: boolean) => void,
): void {
  if (unit.phraseTerms.some((term) => term < 0)) return;
  const cursors = unit.phraseTerms.map((term) => index.postings.cursor(term));
  const phraseIdf = unit.phraseTerms.reduce((sum, term) => sum + idf(index, index.postings.df[term]), 0);
  if (!cursors.every((cursor) => cursor.next())) return;
  for (;;) {
    let target = 0;
    for (const cursor of cursors) if (cursor.slot > target) target = cursor.slot;
    let aligned = true;
    for (const cursor of cursors) {
      if (!cursor.advanceTo(target)) return;
      if (cursor.slot !== target) aligned = false;
    }
    if (!aligned) continue;
    const occurrences = countPhrase(cursors.map((cursor) => cursor.positions()));
    if (occurrences > 0) {
      const isExact = unit.phraseBits.every((bit, i) => bit === 0 || (cursors[i].mask & bit) !== 0) && unit.phraseBits.some((bit) => bit !== 0);
      visit(target, occurrences, phraseIdf, isExact, true);
    }
    if (!cursors[0].next()) return;
  }
}

function countPhrase(positions: number[][]): number {
  const rest = positions.slice(1).map((list) => new Set(list));
  let count = 0;
  for (const start of positions[0]) if (rest.every((set, i) => set.has(start + i + 1))) count++;
  return count;
}

/**
 * Adds a tier to the rank, below the others and above BM25: how many pairs of units that follow each
 * other in the query also follow each other in the text. Reads the texts again: only for the few
 * documents near the top, which are then sorted among themselves (their ranks are on a larger scale
 * than the rest's, and all of them come first anyway).
 */
function rerankByProximity(store: DocumentStore, units: ResolvedUnit[], slots: number[], rank: Float64Array): void {
  const unitOf = new Map<string, number>();
  units.forEach((unit, i) => {
    for (const folded of unit.folded) if (!unitOf.has(folded)) unitOf.set(folded, i);
  });
  for (const slot of slots) {
    const found = new Set<number>();
    let previous = -1;
    forEachWord(store.text(slot), (forms) => {
      const unit = unitOf.get(forms.folded) ?? -1;
      if (unit > 0 && unit === previous + 1) found.add(unit);
      previous = unit;
    });
    const tiers = Math.floor(rank[slot] / 10_000);
    const bm25 = rank[slot] - tiers * 10_000;
    rank[slot] = (tiers * 33 + found.size) * 10_000 + bm25;
  }
}

/** Highlighting: tokens whose folded form a unit matched; the query's exact spelling weighs more. */
function snippetMatcher(units: ResolvedUnit[]): TokenMatcher {
  const byFolded = new Map<string, { key: string; exact: Set<string> }>();
  units.forEach((unit, i) => {
    const exact = new Set(unit.unit.words.filter((word) => word.accented).map((word) => word.exact));
    for (const folded of unit.folded) if (!byFolded.has(folded)) byFolded.set(folded, { key: String(i), exact });
  });
  return (token) => {
    const found = byFolded.get(token.folded);
    if (!found) return null;
    return { key: found.key, weight: found.exact.has(token.exact) ? 2 : 1 };
  };
}

function countFacets(store: DocumentStore, slots: number[], facets: Facet[]): SearchResult["facets"] {
  const out: SearchResult["facets"] = {};
  for (const facet of facets) {
    const column = facetColumn(store, facet);
    // Codes are small integers (interned strings, enum positions): count in an array, name afterwards.
    const counts = new Int32Array(facet === "kind" || facet === "stance" || facet === "status" ? 8 : store.strings.size);
    for (const slot of slots) counts[column[slot]]++;
    const named: Record<string, number> = {};
    for (let code = 0; code < counts.length; code++) {
      if (counts[code] === 0) continue;
      const name = facetValue(store, facet, code);
      if (name !== null) named[name] = counts[code];
    }
    out[facet] = named;
  }
  return out;
}

function facetColumn(store: DocumentStore, facet: Facet): ArrayLike<number> {
  if (facet === "kind") return store.kind;
  if (facet === "stance") return store.stance;
  if (facet === "status") return store.status;
  return store.interned[facet];
}

function facetValue(store: DocumentStore, facet: Facet, code: number): string | null {
  if (facet === "kind") return KINDS[code] ?? null;
  if (facet === "stance") return STANCES[code] ?? null;
  if (facet === "status") return STATUSES[code] ?? null;
  return store.strings.valueOf(code);
}
