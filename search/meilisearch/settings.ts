// The Meilisearch index settings, applied to an index before any document reaches it (ADR 014).
// Pure data: the engine sends exactly this object with PATCH /indexes/:uid/settings.

import type { Settings } from "meilisearch";
import { FACETS } from "@search/engine.ts";

export const DEFAULT_INDEX_UID = "gopy_documents";
export const PRIMARY_KEY = "id";

/** Most important first: the attribute rule ranks a match in `text` above one in a title. */
export const SEARCHABLE_ATTRIBUTES = ["text", "blockLabel", "sectionTitle", "consultationTitle"] as const;

/** Every facet can be filtered and counted; createdAt for the date range; currentVersion to leave out earlier versions' blocks. */
export const FILTERABLE_ATTRIBUTES = [...FACETS, "createdAt", "currentVersion"] as const;

/**
 * The classic built-in rules (the default order before Meilisearch 1.36, which still accepts
 * "attribute" as an alias), then newest first as the last tie-breaker: with an empty query every
 * relevance rule ties, so a listing is newest first.
 */
export const RANKING_RULES = ["words", "typo", "proximity", "attribute", "sort", "exactness", "createdAt:desc"] as const;

/** Exhaustive totals (page/hitsPerPage) are computed up to this many hits; beyond it the total is a floor. */
export const MAX_TOTAL_HITS = 10_000;

/** Enough distinct values for every commune of the largest province (about 170 after the 2025 reform). */
export const MAX_VALUES_PER_FACET = 300;

export function indexSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: ["createdAt"],
    rankingRules: [...RANKING_RULES],
    typoTolerance: { enabled: true },
    localizedAttributes: [{ attributePatterns: [...SEARCHABLE_ATTRIBUTES], locales: ["vie"] }],
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
  };
}
