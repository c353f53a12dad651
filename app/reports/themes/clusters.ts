import { fingerprint, similarity, type Fingerprint } from "~/text/near-duplicate.ts";
import { runSteps, STEP_ITEMS, type Steps } from "./steps.ts";

/**
 * Clusters of similar opinions, looser than the moderation's near-duplicates: two opinions belong
 * together when the Jaccard similarity of their syllable 3-gram shingles (the same shingles as
 * app/text/near-duplicate.ts) is at least CLUSTER_MIN_SIMILARITY.
 *
 * 1. Opinions of one moderation group (Comment.groupId), and opinions identical after folding, are
 *    one unit from the start, weighted by their number.
 * 2. Units are taken heaviest first; each joins the most similar cluster leader at or above the
 *    threshold, or leads a new cluster (leader clustering: no chains of pairwise-similar texts that
 *    drift apart, and the work is bounded).
 * 3. Candidate leaders come from an inverted index of their shingles; shingles that a large share of
 *    the leaders have ("tôi đề nghị bổ") are not used to find candidates (they would make every
 *    leader a candidate), and only the MAX_CANDIDATES sharing most shingles are compared exactly.
 *
 * The caller bounds the input (themes.server.ts takes at most the 2,000 most recent opinions), so the
 * cost is at most units × MAX_CANDIDATES similarity computations plus the index look-ups.
 */

export const CLUSTER_MIN_SIMILARITY = 0.3;
const MAX_CANDIDATES = 24;
/** A shingle carried by more than this many leaders no longer proposes candidates. */
const COMMON_SHINGLE_LEADERS = 64;

export interface ClusterInput {
  id: string;
  text: string;
  stance: string;
  groupId?: string | null;
}

export interface Cluster {
  /** Number of opinions in the cluster. */
  count: number;
  /** Up to three different texts: the leader's first, then the heaviest others. */
  quotes: string[];
  stances: Record<string, number>;
  /** How many of its opinions share a moderation near-duplicate group. */
  inGroups: number;
  ids: string[];
}

interface Unit {
  text: string;
  weight: number;
  ids: string[];
  stances: Record<string, number>;
  grouped: number;
  print: Fingerprint;
}

export interface ClusterOptions {
  minSimilarity?: number;
  limit?: number;
  minCount?: number;
}

export function clusterOpinions(opinions: readonly ClusterInput[], options: ClusterOptions = {}): Cluster[] {
  return runSteps(clusterSteps(opinions, options));
}

/** clusterOpinions, yielding every STEP_ITEMS opinions and units (see steps.ts). */
export function* clusterSteps(
  opinions: readonly ClusterInput[],
  { minSimilarity = CLUSTER_MIN_SIMILARITY, limit = 10, minCount = 2 }: ClusterOptions = {},
): Steps<Cluster[]> {
  // 1. Units: moderation groups and identical folded texts.
  const units: Unit[] = [];
  const unitOf = new Map<string, Unit>();
  let seen = 0;
  for (const opinion of opinions) {
    if (++seen % STEP_ITEMS === 0) yield;
    const print = fingerprint(opinion.text);
    const key = opinion.groupId ? `g:${opinion.groupId}` : `t:${print.key}`;
    let unit = unitOf.get(key);
    if (!unit) {
      unit = { text: opinion.text, weight: 0, ids: [], stances: {}, grouped: 0, print };
      unitOf.set(key, unit);
      // An identical text outside a group joins the group's unit too.
      if (opinion.groupId && !unitOf.has(`t:${print.key}`)) unitOf.set(`t:${print.key}`, unit);
      units.push(unit);
    }
    unit.weight++;
    unit.ids.push(opinion.id);
    unit.stances[opinion.stance] = (unit.stances[opinion.stance] ?? 0) + 1;
    if (opinion.groupId) unit.grouped++;
  }
  units.sort((a, b) => b.weight - a.weight);

  // 2–3. Leader clustering over an inverted index of the leaders' shingles.
  const leaders: { unit: Unit; members: Unit[] }[] = [];
  const postings = new Map<number, number[]>();
  // Shared-shingle counts per leader: a typed array and the list of leaders touched, reset per unit.
  let shared = new Int32Array(256);
  const touched: number[] = [];
  seen = 0;
  for (const unit of units) {
    if (++seen % STEP_ITEMS === 0) yield;
    touched.length = 0;
    for (const shingle of unit.print.shingles) {
      const list = postings.get(shingle);
      if (!list || list.length > COMMON_SHINGLE_LEADERS) continue;
      for (const leader of list) if (shared[leader]++ === 0) touched.push(leader);
    }
    let best = -1;
    let bestSimilarity = minSimilarity;
    // J(a, b) ≥ t needs at least t·|a| / (1 + t) shared shingles; half of that, as common shingles were not counted.
    const need = Math.max(1, Math.floor((0.5 * minSimilarity * unit.print.shingles.length) / (1 + minSimilarity)));
    let candidates = touched.filter((leader) => shared[leader]! >= need);
    if (candidates.length > MAX_CANDIDATES) candidates = candidates.sort((a, b) => shared[b]! - shared[a]!).slice(0, MAX_CANDIDATES);
    for (const leader of touched) shared[leader] = 0;
    for (const leader of candidates) {
      const s = similarity(unit.print, leaders[leader]!.unit.print);
      if (s >= bestSimilarity) {
        best = leader;
        bestSimilarity = s;
      }
    }
    if (best >= 0) {
      leaders[best]!.members.push(unit);
      continue;
    }
    const index = leaders.length;
    leaders.push({ unit, members: [unit] });
    if (index >= shared.length) {
      const grown = new Int32Array(shared.length * 2);
      grown.set(shared);
      shared = grown;
    }
    for (const shingle of unit.print.shingles) {
      const list = postings.get(shingle);
      if (list) list.push(index);
      else postings.set(shingle, [index]);
    }
  }

  return leaders
    .map(({ unit, members }) => {
      const stances: Record<string, number> = {};
      for (const m of members) for (const [s, n] of Object.entries(m.stances)) stances[s] = (stances[s] ?? 0) + n;
      const quotes = [unit.text];
      for (const m of members.slice(1).sort((a, b) => b.weight - a.weight)) {
        if (quotes.length >= 3) break;
        if (!quotes.includes(m.text)) quotes.push(m.text);
      }
      return {
        count: members.reduce((a, m) => a + m.weight, 0),
        quotes,
        stances,
        inGroups: members.reduce((a, m) => a + m.grouped, 0),
        ids: members.flatMap((m) => m.ids),
      };
    })
    .filter((c) => c.count >= minCount)
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}
