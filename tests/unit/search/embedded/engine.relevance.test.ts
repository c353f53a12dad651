import { describe, expect, it } from "vitest";
import { createEmbeddedSearchEngine } from "@search/embedded/engine.ts";
import { RELEVANCE_QUERIES, relevanceDocuments, relevantIds, scoreRelevance } from "../../../support/search/relevance.ts";

// Measured on the embedded engine when the set was written (docs/decisions/013-embedded-search.md);
// the bounds leave room for one or two queries to move, not for a regression across the board.
const MIN_SUCCESS_AT_3 = 0.95;
const MIN_MRR = 0.9;

describe("relevance set", () => {
  it("has at least 40 queries, each naming documents that exist", () => {
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(40);
    const documents = relevanceDocuments();
    expect(documents.filter((doc) => doc.kind === "comment").length).toBeGreaterThanOrEqual(190);
    for (const query of RELEVANCE_QUERIES) expect(relevantIds(query, documents).size, query.q).toBeGreaterThan(0);
  });

  it("scores the embedded engine above the measured bounds", async () => {
    const score = await scoreRelevance(createEmbeddedSearchEngine());
    const misses = score.queries.filter((s) => s.firstRelevant === null || s.firstRelevant > 3);
    console.log(
      `embedded relevance: success@3 ${score.successAt3.toFixed(3)}, success@10 ${score.successAt10.toFixed(3)}, MRR ${score.mrr.toFixed(3)} over ${score.queries.length} queries` +
        misses
          .map(
            (s) => `\n  ${s.query.category}: ${JSON.stringify(s.query.q)} first relevant at ${s.firstRelevant ?? "none"}; top ${s.top.slice(0, 3).join(", ")}`,
          )
          .join(""),
    );
    expect(score.successAt3).toBeGreaterThanOrEqual(MIN_SUCCESS_AT_3);
    expect(score.mrr).toBeGreaterThanOrEqual(MIN_MRR);
  });
});
