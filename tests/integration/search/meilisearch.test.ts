// The Meilisearch engine against a REAL Meilisearch server: the shared SearchEngine contract plus the
// few things only a server can confirm (settings as stored, the temporary index gone after a rebuild).
// Runs only when MEILI_HOST is set (MEILI_API_KEY if the server wants a key), e.g.
//   MEILI_HOST=http://127.0.0.1:7700 npx vitest run tests/integration/search/meilisearch.test.ts
// Without it every test here is reported as skipped: no server can be installed on the CI machines,
// so there the engine is only covered by the request-shape tests in tests/unit/search/meilisearch/.
// Each engine gets its own index "gopy_test_<pid>_<time>_<n>", deleted at the end.

import { Meilisearch } from "meilisearch";
import { afterAll, describe, expect, it } from "vitest";
import { createMeilisearchEngine } from "@search/meilisearch/engine.ts";
import { indexSettings } from "@search/meilisearch/settings.ts";
import { describeSearchEngineContract } from "../../support/search/contract.ts";
import { searchDocument, searchQuery } from "../../support/search/documents.ts";

const host = process.env.MEILI_HOST?.trim() || undefined;
const apiKey = process.env.MEILI_API_KEY?.trim() || undefined;

describe.skipIf(!host)(host ? `Meilisearch engine on ${host}` : "Meilisearch engine (skipped: MEILI_HOST not set)", () => {
  const prefix = `gopy_test_${process.pid}_${Date.now()}`;
  const created: string[] = [];
  let counter = 0;
  const client = () => new Meilisearch({ host: host!, apiKey });

  function newEngine() {
    const indexUid = `${prefix}_${counter++}`;
    created.push(indexUid);
    return { indexUid, engine: createMeilisearchEngine({ host: host!, apiKey, indexUid, timeoutMs: 10_000, taskTimeoutMs: 120_000 }) };
  }

  afterAll(async () => {
    const meili = client();
    const { results } = await meili.getRawIndexes({ limit: 1_000 });
    for (const { uid } of results) {
      if (uid.startsWith(prefix)) await meili.tasks.waitForTask((await meili.deleteIndex(uid)).taskUid, { timeout: 60_000 });
    }
  });

  describeSearchEngineContract("meilisearch", async () => newEngine().engine);

  it("stores the settings the engine sends, before the first document", async () => {
    const { indexUid, engine } = newEngine();
    await engine.upsert([searchDocument({ id: "b_v1_p1", kind: "block", text: "Góp ý dự thảo" })]);
    const stored = await client().index(indexUid).getSettings();
    const sent = indexSettings();
    expect(stored.searchableAttributes).toEqual(sent.searchableAttributes);
    expect([...(stored.filterableAttributes as string[])].sort()).toEqual([...(sent.filterableAttributes as string[])].sort());
    expect(stored.sortableAttributes).toEqual(sent.sortableAttributes);
    expect(stored.rankingRules).toEqual(sent.rankingRules);
    expect(stored.localizedAttributes).toEqual(sent.localizedAttributes);
    expect(stored.typoTolerance?.enabled).toBe(true);
    expect(stored.pagination).toEqual(sent.pagination);
    expect(stored.faceting?.maxValuesPerFacet).toBe(sent.faceting?.maxValuesPerFacet);
    expect((await client().getRawIndex(indexUid)).primaryKey).toBe("id");
  });

  it("a rebuild leaves only the live index, with the new documents and the settings", async () => {
    const { indexUid, engine } = newEngine();
    await engine.upsert([searchDocument({ id: "c_1", kind: "comment", text: "cũ" })]);
    await engine.rebuild(
      (async function* () {
        yield [searchDocument({ id: "c_2", kind: "comment", text: "mới" })];
      })(),
    );
    const { results } = await client().getRawIndexes({ limit: 1_000 });
    expect(results.filter(({ uid }) => uid.startsWith(`${indexUid}_rebuild_`))).toEqual([]);
    expect((await engine.search(searchQuery(""))).hits.map((hit) => hit.id)).toEqual(["c_2"]);
    expect((await client().index(indexUid).getSettings()).localizedAttributes).toEqual(indexSettings().localizedAttributes);
  });

  it("the server accepts every quoted filter value (no 400 invalid_search_filter)", async () => {
    const { engine } = newEngine();
    await engine.upsert([searchDocument({ id: "c_1", kind: "comment", text: "một", sectionKey: 'a"b\\c\n(d) OR e' })]);
    const values = ['a"b\\c\n(d) OR e', "\\", '"', '\\\\"', "x\\n", "' OR '1'='1", "]", "NOT", "_geoRadius(1, 2, 3)", ""];
    for (const value of values) {
      const result = await engine.search(searchQuery("", { filters: { statuses: ["APPROVED"], sectionKey: value } }));
      expect(result.total, JSON.stringify(value)).toBe(value === 'a"b\\c\n(d) OR e' ? 1 : 0);
    }
  });
});
