import { expect, it } from "vitest";
import { expectSnapshotOf } from "../../support/text/analysis-snapshot.ts";

// Stored and shown values must not change when the analysis gets faster: normalizeTonePlacement of ~300 real texts
// as the committed snapshot (tests/unit/text/__fixtures__/analysis-snapshot.json) holds them.
it("gives the outputs of the analysis snapshot", () => {
  expectSnapshotOf("app/text/tone.ts", expect);
});
