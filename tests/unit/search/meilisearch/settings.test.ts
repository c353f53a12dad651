import { describe, expect, it } from "vitest";
import { FACETS } from "@search/engine.ts";
import { DEFAULT_INDEX_UID, MAX_TOTAL_HITS, SEARCHABLE_ATTRIBUTES, indexSettings } from "@search/meilisearch/settings.ts";

describe("Meilisearch index settings", () => {
  it("are exactly what ADR 014 describes", () => {
    expect(DEFAULT_INDEX_UID).toBe("gopy_documents");
    expect(indexSettings()).toEqual({
      searchableAttributes: ["text", "blockLabel", "sectionTitle", "consultationTitle"],
      filterableAttributes: [
        "kind",
        "consultationId",
        "sectionKey",
        "stance",
        "status",
        "provinceCode",
        "communeCode",
        "organizationId",
        "createdAt",
        "currentVersion",
      ],
      sortableAttributes: ["createdAt"],
      rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "createdAt:desc"],
      typoTolerance: { enabled: true },
      localizedAttributes: [{ attributePatterns: ["text", "blockLabel", "sectionTitle", "consultationTitle"], locales: ["vie"] }],
      pagination: { maxTotalHits: MAX_TOTAL_HITS },
      faceting: { maxValuesPerFacet: 300 },
    });
  });

  it("every facet of the contract is filterable (facet counts need it), and so is createdAt", () => {
    const filterable = indexSettings().filterableAttributes as string[];
    for (const facet of FACETS) expect(filterable).toContain(facet);
    expect(filterable).toContain("createdAt");
  });

  it("the Vietnamese locale covers every searchable attribute, text first", () => {
    const settings = indexSettings();
    expect(settings.searchableAttributes?.[0]).toBe("text");
    expect(settings.localizedAttributes?.[0]?.attributePatterns).toEqual([...SEARCHABLE_ATTRIBUTES]);
  });

  it("a fresh object each call (a caller cannot change the next index's settings)", () => {
    const a = indexSettings();
    (a.searchableAttributes as string[]).push("byline");
    expect(indexSettings().searchableAttributes).toEqual([...SEARCHABLE_ATTRIBUTES]);
  });
});
