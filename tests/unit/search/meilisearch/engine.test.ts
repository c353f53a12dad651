// Request shapes of the Meilisearch engine, against a TEST DOUBLE of the server.
//
// The server below is a few dozen lines of node:http on loopback that records every request the
// official `meilisearch` client makes and answers as Meilisearch's API reference documents: 202 with an
// enqueued task summary for every write, GET /tasks/:uid → "processing" then "succeeded" or "failed"
// with an error object, 404 `index_not_found`, POST /indexes/:uid/search → hits, _formatted,
// facetDistribution, totalHits. It does not index, rank, tokenize or filter anything: it checks what
// the engine SENDS (settings before documents, batch sizes, filter strings, swap) and how the engine
// treats the answers (failed task → Error, refused connection and timeout → SearchUnavailableError).
// Search behaviour on a real server is the contract suite, run by
// tests/integration/search/meilisearch.test.ts when MEILI_HOST is set.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SearchUnavailableError, type SearchDocument, type SearchQuery } from "@search/engine.ts";
import { createMeilisearchEngine, hitToDocument, MeilisearchTaskError } from "@search/meilisearch/engine.ts";
import { indexSettings } from "@search/meilisearch/settings.ts";
import { searchDocument } from "../../../support/search/documents.ts";

type Json = Record<string, unknown>;
interface Recorded {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}
interface FakeIndex {
  primaryKey: string | null;
  settings: Json;
  docs: Map<string, Json>;
}
interface TaskError {
  message: string;
  code: string;
  type: string;
  link: string;
}

function apiError(message: string, code: string): TaskError {
  return { message, code, type: "invalid_request", link: `https://docs.meilisearch.com/errors#${code}` };
}

class FakeMeilisearch {
  requests: Recorded[] = [];
  indexes = new Map<string, FakeIndex>();
  private tasks: Json[] = [];
  private polls = new Map<number, number>();
  /** The next task of this type fails with this error instead of being applied. */
  failNext = new Map<string, TaskError>();
  /** Answers POST /indexes/:uid/search; default: every stored document, no highlight. */
  onSearch: ((uid: string, body: Json) => { status: number; body: unknown }) | null = null;
  /** Called for each request before it is answered (a test can act in the middle of a flow). */
  onRequest: ((req: Recorded) => void) | null = null;
  server: http.Server;
  url = "";

  constructor() {
    this.server = http.createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (raw += chunk));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://fake");
        const recorded: Recorded = {
          method: req.method ?? "GET",
          path: url.pathname,
          body: raw === "" ? undefined : JSON.parse(raw),
          authorization: req.headers.authorization,
        };
        this.requests.push(recorded);
        this.onRequest?.(recorded);
        const { status, body } = this.route(recorded);
        res.writeHead(status, { "content-type": "application/json" });
        res.end(body === undefined ? "" : JSON.stringify(body));
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Requests other than task polling, as "METHOD /path". */
  calls(): string[] {
    return this.requests.filter((r) => !r.path.startsWith("/tasks/")).map((r) => `${r.method} ${r.path}`);
  }

  private enqueue(type: string, indexUid: string | null, apply: () => TaskError | null): { status: number; body: unknown } {
    const uid = this.tasks.length;
    const injected = this.failNext.get(type);
    if (injected) this.failNext.delete(type);
    const error = injected ?? apply();
    const now = new Date().toISOString();
    this.tasks.push({
      uid,
      batchUid: uid,
      indexUid,
      status: error ? "failed" : "succeeded",
      type,
      canceledBy: null,
      details: {},
      error,
      duration: "PT0.001S",
      enqueuedAt: now,
      startedAt: now,
      finishedAt: now,
    });
    return { status: 202, body: { taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: now } };
  }

  private index(uid: string): FakeIndex {
    let index = this.indexes.get(uid);
    if (!index) {
      index = { primaryKey: null, settings: {}, docs: new Map() };
      this.indexes.set(uid, index);
    }
    return index;
  }

  private route({ method, path, body }: Recorded): { status: number; body: unknown } {
    let m: RegExpExecArray | null;
    if (method === "GET" && path === "/health") return { status: 200, body: { status: "available" } };
    if (method === "GET" && (m = /^\/tasks\/(\d+)$/.exec(path))) {
      const uid = Number(m[1]);
      const task = this.tasks[uid];
      if (!task) return { status: 404, body: apiError(`Task \`${uid}\` not found.`, "task_not_found") };
      const seen = this.polls.get(uid) ?? 0;
      this.polls.set(uid, seen + 1);
      // The first poll sees the task still processing, as a real server often does.
      return { status: 200, body: seen === 0 ? { ...task, status: "processing", error: null, finishedAt: null } : task };
    }
    if (method === "POST" && path === "/indexes") {
      const { uid, primaryKey } = body as { uid: string; primaryKey?: string };
      return this.enqueue("indexCreation", uid, () => {
        if (this.indexes.has(uid)) return apiError(`Index \`${uid}\` already exists.`, "index_already_exists");
        this.indexes.set(uid, { primaryKey: primaryKey ?? null, settings: {}, docs: new Map() });
        return null;
      });
    }
    if (method === "POST" && path === "/swap-indexes") {
      const [{ indexes }] = body as [{ indexes: [string, string] }];
      return this.enqueue("indexSwap", null, () => {
        const [a, b] = indexes;
        const first = this.indexes.get(a);
        const second = this.indexes.get(b);
        if (!first || !second) return apiError(`Indexes ${!first ? a : b} not found.`, "index_not_found");
        this.indexes.set(a, second);
        this.indexes.set(b, first);
        return null;
      });
    }
    if ((m = /^\/indexes\/([^/]+)(\/.*)?$/.exec(path))) {
      const uid = decodeURIComponent(m[1]!);
      const rest = m[2] ?? "";
      const missing = { status: 404, body: apiError(`Index \`${uid}\` not found.`, "index_not_found") };
      if (method === "GET" && rest === "") {
        const index = this.indexes.get(uid);
        if (!index) return missing;
        const at = "2026-11-26T00:00:00Z";
        return { status: 200, body: { uid, primaryKey: index.primaryKey, createdAt: at, updatedAt: at } };
      }
      if (method === "DELETE" && rest === "") {
        return this.enqueue("indexDeletion", uid, () => (this.indexes.delete(uid) ? null : apiError(`Index \`${uid}\` not found.`, "index_not_found")));
      }
      if (method === "PATCH" && rest === "") {
        return this.enqueue("indexUpdate", uid, () => {
          this.index(uid).primaryKey = (body as { primaryKey: string }).primaryKey;
          return null;
        });
      }
      if (method === "PATCH" && rest === "/settings") {
        return this.enqueue("settingsUpdate", uid, () => {
          Object.assign(this.index(uid).settings, body);
          return null;
        });
      }
      if (method === "POST" && rest === "/documents") {
        return this.enqueue("documentAdditionOrUpdate", uid, () => {
          const index = this.index(uid);
          for (const doc of body as Json[]) index.docs.set(String(doc.id), doc);
          return null;
        });
      }
      if (method === "POST" && rest === "/documents/delete-batch") {
        return this.enqueue("documentDeletion", uid, () => {
          for (const id of body as string[]) this.indexes.get(uid)?.docs.delete(id);
          return null;
        });
      }
      if (method === "POST" && rest === "/search") {
        if (this.onSearch) return this.onSearch(uid, body as Json);
        const index = this.indexes.get(uid);
        if (!index) return missing;
        const hits = [...index.docs.values()];
        return { status: 200, body: { hits, query: "", processingTimeMs: 1, hitsPerPage: 20, page: 1, totalPages: 1, totalHits: hits.length } };
      }
    }
    return { status: 404, body: apiError(`Not found: ${method} ${path}`, "not_found") };
  }
}

function doc(n: number, extra: Partial<SearchDocument> = {}): SearchDocument {
  return searchDocument({
    id: `c_${n}`,
    kind: "comment",
    text: `Ý kiến số ${n}`,
    provinceCode: "01",
    stance: "AGREE",
    createdAt: 1_764_000_000_000 + n,
    ...extra,
  });
}

const docs = (count: number, from = 0) => Array.from({ length: count }, (_, i) => doc(from + i));

function query(extra: Partial<SearchQuery> = {}): SearchQuery {
  return { q: "quyền", filters: { statuses: ["APPROVED"] }, page: 1, perPage: 20, facets: [], ...extra };
}

let fake: FakeMeilisearch;
beforeEach(async () => {
  fake = new FakeMeilisearch();
  await fake.start();
});
afterEach(async () => {
  await fake.stop();
});

const engineFor = (extra: Partial<Parameters<typeof createMeilisearchEngine>[0]> = {}) => createMeilisearchEngine({ host: fake.url, taskPollMs: 1, ...extra });

describe("index preparation", () => {
  it("creates the index with primary key id, applies the settings and waits for them before any document", async () => {
    const engine = engineFor({ apiKey: "khoa-bi-mat" });
    expect(engine.name).toBe("meilisearch");
    await engine.upsert(docs(3));

    expect(fake.calls()).toEqual([
      "GET /indexes/gopy_documents",
      "POST /indexes",
      "PATCH /indexes/gopy_documents/settings",
      "POST /indexes/gopy_documents/documents",
    ]);
    expect(fake.requests.find((r) => r.path === "/indexes" && r.method === "POST")!.body).toEqual({ uid: "gopy_documents", primaryKey: "id" });
    const settings = fake.requests.find((r) => r.path.endsWith("/settings"))!;
    expect(settings.body).toEqual(indexSettings());

    // Between the settings request and the first document request, the settings task was polled to success.
    const settingsAt = fake.requests.indexOf(settings);
    const documentsAt = fake.requests.findIndex((r) => r.path.endsWith("/documents"));
    const polls = fake.requests.slice(settingsAt + 1, documentsAt).map((r) => r.path);
    expect(polls.length).toBeGreaterThanOrEqual(2); // "processing", then "succeeded"
    expect(new Set(polls)).toEqual(new Set(["/tasks/1"]));

    expect(fake.requests.every((r) => r.authorization === "Bearer khoa-bi-mat")).toBe(true);
    expect(fake.indexes.get("gopy_documents")!.docs.size).toBe(3);
  });

  it("an existing index keeps its documents; settings are applied once per engine", async () => {
    fake.indexes.set("gopy_documents", { primaryKey: "id", settings: {}, docs: new Map() });
    const engine = engineFor();
    await engine.upsert(docs(1));
    await engine.upsert(docs(1, 1));
    await engine.remove(["c_0"]);
    expect(fake.calls()).toEqual([
      "GET /indexes/gopy_documents",
      "PATCH /indexes/gopy_documents/settings",
      "POST /indexes/gopy_documents/documents",
      "POST /indexes/gopy_documents/documents",
      "POST /indexes/gopy_documents/documents/delete-batch",
    ]);
  });

  it("an existing index without a primary key gets id; another primary key is refused", async () => {
    fake.indexes.set("gopy_documents", { primaryKey: null, settings: {}, docs: new Map() });
    await engineFor().upsert(docs(1));
    expect(fake.calls().slice(0, 2)).toEqual(["GET /indexes/gopy_documents", "PATCH /indexes/gopy_documents"]);
    expect(fake.indexes.get("gopy_documents")!.primaryKey).toBe("id");

    fake.indexes.set("other", { primaryKey: "uuid", settings: {}, docs: new Map() });
    await expect(engineFor({ indexUid: "other" }).upsert(docs(1))).rejects.toThrow(/primary key "uuid"/);
  });

  it("a failed settings task is an Error with the server's message, no document is sent, and the next call tries again", async () => {
    fake.failNext.set("settingsUpdate", apiError("Attribute `createdAt` is not valid.", "invalid_settings_filterable_attributes"));
    const engine = engineFor();
    const failure = await engine.upsert(docs(2)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MeilisearchTaskError);
    expect(failure).not.toBeInstanceOf(SearchUnavailableError);
    expect((failure as Error).message).toContain("Attribute `createdAt` is not valid.");
    expect((failure as Error).message).toContain("invalid_settings_filterable_attributes");
    expect(fake.calls()).not.toContain("POST /indexes/gopy_documents/documents");

    await engine.upsert(docs(2));
    expect(fake.calls().filter((c) => c.endsWith("/settings"))).toHaveLength(2);
    expect(fake.indexes.get("gopy_documents")!.docs.size).toBe(2);
  });

  it("another process creating the live index at the same moment is not an error", async () => {
    // The GET says "missing", the creation task says "already exists": the engine goes on to the settings.
    fake.failNext.set("indexCreation", apiError("Index `gopy_documents` already exists.", "index_already_exists"));
    await engineFor().upsert(docs(1));
    expect(fake.calls()).toContain("PATCH /indexes/gopy_documents/settings");
  });
});

describe("writes", () => {
  it("sends documents in batches of batchSize (default 1,000) with addDocuments (POST = replace)", async () => {
    await engineFor().upsert(docs(2_500));
    const batches = fake.requests.filter((r) => r.path.endsWith("/documents"));
    expect(batches.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    expect(batches.map((r) => (r.body as unknown[]).length)).toEqual([1_000, 1_000, 500]);
    expect((batches[0]!.body as SearchDocument[])[0]).toEqual(doc(0));
    expect(fake.indexes.get("gopy_documents")!.docs.size).toBe(2_500);
  });

  it("enqueues every request of a batch before waiting, so the server may index them together", async () => {
    await engineFor({ batchSize: 2 }).upsert(docs(5));
    const paths = fake.requests.map((r) => r.path);
    const documentRequests = paths.flatMap((path, i) => (path.endsWith("/documents") ? [i] : []));
    expect(documentRequests).toHaveLength(3);
    expect(paths.slice(documentRequests[0], documentRequests[2]! + 1).every((path) => path.endsWith("/documents"))).toBe(true);
  });

  it("a lone surrogate in a document or a query is replaced, not sent as JSON the server would refuse", async () => {
    let sentQuery: unknown;
    fake.onSearch = (_uid, body) => {
      sentQuery = body.q;
      return { status: 200, body: { hits: [], query: "", processingTimeMs: 0, hitsPerPage: 20, page: 1, totalPages: 0, totalHits: 0 } };
    };
    const engine = engineFor();
    await engine.upsert([doc(1, { text: "lẻ \uD800 cặp" })]);
    expect(fake.indexes.get("gopy_documents")!.docs.get("c_1")!.text).toBe("lẻ \uFFFD cặp");
    await engine.search(query({ q: "\uDC00 ho\u0300a" }));
    expect(sentQuery).toBe("\uFFFD hòa"); // and NFC
  });

  it("removes with deleteDocuments in batches; empty calls send nothing", async () => {
    const engine = engineFor({ batchSize: 2 });
    await engine.upsert([]);
    await engine.remove([]);
    expect(fake.requests).toEqual([]);
    await engine.upsert(docs(5));
    await engine.remove(["c_0", "c_1", "c_2", "missing"]);
    const deletions = fake.requests.filter((r) => r.path.endsWith("/documents/delete-batch"));
    expect(deletions.map((r) => r.body)).toEqual([
      ["c_0", "c_1"],
      ["c_2", "missing"],
    ]);
    expect([...fake.indexes.get("gopy_documents")!.docs.keys()]).toEqual(["c_3", "c_4"]);
  });

  it("a failed document task is an Error naming the reason", async () => {
    const engine = engineFor();
    await engine.upsert(docs(1));
    fake.failNext.set("documentAdditionOrUpdate", apiError("Document identifier `c 1` is invalid.", "invalid_document_id"));
    await expect(engine.upsert([doc(1, { id: "c 1" })])).rejects.toThrow(/Document identifier `c 1` is invalid\. \(invalid_document_id\)/);
  });
});

describe("search", () => {
  it("sends the quoted filter, facets, exhaustive pagination, highlight and crop; maps the answer", async () => {
    let sent: Json = {};
    fake.onSearch = (_uid, body) => {
      sent = body;
      const pre = body.highlightPreTag as string;
      const post = body.highlightPostTag as string;
      const stored = doc(7, { text: 'Về <quyền> & "nghĩa vụ"' });
      return {
        status: 200,
        body: {
          hits: [{ ...stored, _formatted: { ...stored, text: `Về <${pre}quyền${post}> & "nghĩa vụ"` }, _rankingScore: 0.875 }],
          query: body.q,
          processingTimeMs: 2,
          hitsPerPage: 10,
          page: 2,
          totalPages: 4,
          totalHits: 31,
          facetDistribution: { stance: { AGREE: 20, OTHER: 11 }, provinceCode: { "01": 31 } },
        },
      };
    };
    const result = await engineFor().search(
      query({
        q: "quyền",
        page: 2,
        perPage: 10,
        facets: ["stance", "provinceCode", "communeCode"],
        filters: { statuses: ["APPROVED"], consultationId: 'x" OR kind = "comment', from: 5 },
      }),
    );

    expect(fake.calls()).toEqual(["POST /indexes/gopy_documents/search"]); // searching never creates the index
    expect(sent).toMatchObject({
      q: "quyền",
      filter: ['consultationId = "x\\" OR kind = \\"comment"', '(kind != "comment" OR status IN ["APPROVED"])', "createdAt >= 5"],
      facets: ["stance", "provinceCode", "communeCode"],
      page: 2,
      hitsPerPage: 10,
      attributesToHighlight: ["text"],
      attributesToCrop: ["text"],
      cropLength: 48,
      matchingStrategy: "last",
      showRankingScore: true,
      locales: ["vie"],
    });
    expect(sent).not.toHaveProperty("offset");
    expect(sent).not.toHaveProperty("limit");
    expect(sent.highlightPreTag).not.toBe(sent.highlightPostTag);

    expect(result.total).toBe(31);
    expect(result.totalIsEstimate).toBe(false);
    expect(result.facets).toEqual({ stance: { AGREE: 20, OTHER: 11 }, provinceCode: { "01": 31 }, communeCode: {} });
    expect(result.hits).toHaveLength(1);
    const [hit] = result.hits;
    expect(hit!.id).toBe("c_7");
    expect(hit!.kind).toBe("comment");
    expect(hit!.score).toBe(0.875);
    expect(hit!.document).toEqual(doc(7, { text: 'Về <quyền> & "nghĩa vụ"' }));
    expect(hit!.snippet).toBe("Về &lt;<mark>quyền</mark>&gt; &amp; &quot;nghĩa vụ&quot;");
    expect(result.tookMs).toBeGreaterThanOrEqual(0);
  });

  it("no filter beyond statuses, no facets: the facets parameter is left out", async () => {
    let sent: Json = {};
    fake.onSearch = (_uid, body) => {
      sent = body;
      return { status: 200, body: { hits: [], query: "", processingTimeMs: 0, hitsPerPage: 20, page: 1, totalPages: 0, totalHits: 0 } };
    };
    const result = await engineFor().search(query({ q: "", filters: { statuses: [] } }));
    expect(sent.filter).toEqual(['kind != "comment"']);
    expect(sent).not.toHaveProperty("facets");

    // A facet name that is not one of ours (from a URL) is dropped rather than refused by the server.
    await engineFor().search(query({ facets: ["kind", "byline" as never, "kind"] }));
    expect(sent.facets).toEqual(["kind"]);
    expect(result).toMatchObject({ hits: [], total: 0, totalIsEstimate: false, facets: {} });
  });

  it("a total at maxTotalHits is flagged as an estimate", async () => {
    fake.onSearch = () => ({
      status: 200,
      body: { hits: [], query: "", processingTimeMs: 0, hitsPerPage: 20, page: 1, totalPages: 500, totalHits: indexSettings().pagination!.maxTotalHits },
    });
    expect((await engineFor().search(query())).totalIsEstimate).toBe(true);
  });

  it("an index that does not exist yet answers no results, with the requested facets empty", async () => {
    const result = await engineFor().search(query({ facets: ["kind"] }));
    expect(result).toMatchObject({ hits: [], total: 0, totalIsEstimate: false, facets: { kind: {} } });
    expect(fake.indexes.size).toBe(0);
  });

  it("a refused query (4xx) is an Error, a server error (5xx) is SearchUnavailableError", async () => {
    fake.onSearch = () => ({ status: 400, body: apiError("Attribute `byline` is not filterable.", "invalid_search_filter") });
    const refused = await engineFor()
      .search(query())
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(SearchUnavailableError);
    expect((refused as Error).message).toMatch(/not filterable.*invalid_search_filter/);

    fake.onSearch = () => ({ status: 503, body: { message: "overloaded", code: "internal", type: "internal", link: "" } });
    await expect(engineFor().search(query())).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it("a hit without _formatted still gets an escaped snippet; Meilisearch's own and unknown fields are dropped", async () => {
    fake.onSearch = () => ({
      status: 200,
      body: { hits: [{ ...doc(1, { text: "a < b" }), extra: "x" }], query: "", processingTimeMs: 0, hitsPerPage: 20, page: 1, totalPages: 1, totalHits: 1 },
    });
    const [hit] = (await engineFor().search(query())).hits;
    expect(hit!.snippet).toBe("a &lt; b");
    expect(hit!.score).toBe(0);
    expect(hit!.document).toEqual(doc(1, { text: "a < b" }));
    expect(hitToDocument({ ...doc(2), _rankingScore: 1, _formatted: {}, extra: "x" })).toEqual(doc(2));
  });
});

describe("rebuild", () => {
  async function* stream(...sizes: number[]): AsyncGenerator<SearchDocument[]> {
    let n = 0;
    for (const size of sizes) {
      yield docs(size, n);
      n += size;
    }
  }

  it("creates the live index if needed, fills a temporary index (settings first) in batches, swaps, deletes the old one", async () => {
    const progress: number[] = [];
    const started = Date.now();
    await engineFor().rebuild(stream(700, 2_300), (done) => progress.push(done));

    const calls = fake.calls();
    const temporary = /\/indexes\/(gopy_documents_rebuild_\d+)\//.exec(calls.find((c) => c.includes("_rebuild_"))!)![1]!;
    expect(Number(temporary.split("_").pop())).toBeGreaterThanOrEqual(started);
    expect(calls).toEqual([
      "GET /indexes/gopy_documents",
      "POST /indexes",
      "PATCH /indexes/gopy_documents/settings",
      "POST /indexes",
      `PATCH /indexes/${temporary}/settings`,
      `POST /indexes/${temporary}/documents`,
      `POST /indexes/${temporary}/documents`,
      `POST /indexes/${temporary}/documents`,
      `POST /indexes/${temporary}/documents`,
      "POST /swap-indexes",
      `DELETE /indexes/${temporary}`,
    ]);
    const creations = fake.requests.filter((r) => r.method === "POST" && r.path === "/indexes").map((r) => r.body);
    expect(creations).toEqual([
      { uid: "gopy_documents", primaryKey: "id" },
      { uid: temporary, primaryKey: "id" },
    ]);
    expect(fake.requests.find((r) => r.path === `/indexes/${temporary}/settings`)!.body).toEqual(indexSettings());
    const batches = fake.requests.filter((r) => r.path === `/indexes/${temporary}/documents`);
    // Each incoming batch is cut into requests of at most batchSize; progress counts whole incoming batches.
    expect(batches.map((r) => (r.body as unknown[]).length)).toEqual([700, 1_000, 1_000, 300]);
    // `rename` is left out on purpose (servers before 1.18 refuse unknown fields).
    expect(fake.requests.find((r) => r.path === "/swap-indexes")!.body).toEqual([{ indexes: ["gopy_documents", temporary] }]);
    expect(progress).toEqual([700, 3_000]);

    expect([...fake.indexes.keys()]).toEqual(["gopy_documents"]);
    expect(fake.indexes.get("gopy_documents")!.docs.size).toBe(3_000);
  });

  it("replaces the live documents: what the stream no longer has is gone after the swap", async () => {
    const engine = engineFor();
    await engine.upsert(docs(3, 100));
    await engine.rebuild(stream(2));
    expect([...fake.indexes.get("gopy_documents")!.docs.keys()].sort()).toEqual(["c_0", "c_1"]);
  });

  it("a failed batch leaves the live index as it was, deletes the temporary index and surfaces the error", async () => {
    const engine = engineFor();
    await engine.upsert(docs(2, 50));
    fake.onRequest = (req) => {
      if (req.path.includes("_rebuild_") && req.path.endsWith("/documents")) {
        fake.failNext.set("documentAdditionOrUpdate", apiError("The document payload is invalid.", "malformed_payload"));
      }
    };
    await expect(engine.rebuild(stream(3))).rejects.toThrow(/malformed_payload/);
    expect(fake.calls()).not.toContain("POST /swap-indexes");
    expect(fake.calls().at(-1)).toMatch(/^DELETE \/indexes\/gopy_documents_rebuild_\d+$/);
    expect([...fake.indexes.keys()]).toEqual(["gopy_documents"]);
    expect([...fake.indexes.get("gopy_documents")!.docs.keys()]).toEqual(["c_50", "c_51"]);
  });

  it("writes made while the rebuild runs are applied again to the new live index after the swap", async () => {
    const engine = engineFor();
    await engine.upsert([doc(1, { text: "cũ" }), doc(9)]);
    async function* withWritesInTheMiddle(): AsyncGenerator<SearchDocument[]> {
      yield [doc(1, { text: "đọc trước khi sửa" }), doc(2), doc(9)];
      // Meanwhile the app edits comment 1 and deletes comment 9 (the rebuild read them before).
      await engine.upsert([doc(1, { text: "đã sửa" })]);
      await engine.remove(["c_9"]);
      yield [doc(3)];
    }
    await engine.rebuild(withWritesInTheMiddle());
    const live = fake.indexes.get("gopy_documents")!.docs;
    expect([...live.keys()].sort()).toEqual(["c_1", "c_2", "c_3"]);
    expect(live.get("c_1")!.text).toBe("đã sửa");
    const swapAt = fake.calls().indexOf("POST /swap-indexes");
    expect(fake.calls().slice(swapAt + 1, swapAt + 3)).toEqual([
      "POST /indexes/gopy_documents/documents",
      "POST /indexes/gopy_documents/documents/delete-batch",
    ]);
  });

  it("one rebuild at a time per engine", async () => {
    const engine = engineFor();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncGenerator<SearchDocument[]> {
      await gate;
      yield docs(1);
    }
    const first = engine.rebuild(slow());
    await expect(engine.rebuild(stream(1))).rejects.toThrow(/already running/);
    release();
    await first;
  });
});

describe("unreachable server", () => {
  it("a refused connection is SearchUnavailableError for every operation; health says so without throwing", async () => {
    const url = fake.url;
    await fake.stop();
    const engine = createMeilisearchEngine({ host: url, timeoutMs: 1_000 });
    await expect(engine.search(query())).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.upsert(docs(1))).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.remove(["c_1"])).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.rebuild(stream())).rejects.toBeInstanceOf(SearchUnavailableError);
    const health = await engine.health();
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/unavailable/i);
    fake = new FakeMeilisearch(); // afterEach stops a server
    await fake.start();

    async function* stream(): AsyncGenerator<SearchDocument[]> {
      yield docs(1);
    }
  });

  it("a server that does not answer in time is SearchUnavailableError; health gives up within its short timeout", async () => {
    const silent = http.createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const host = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const engine = createMeilisearchEngine({ host, timeoutMs: 300 });
      const started = Date.now();
      await expect(engine.search(query())).rejects.toBeInstanceOf(SearchUnavailableError);
      const health = await engine.health();
      expect(health.ok).toBe(false);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("health is ok when the server says available", async () => {
    expect(await engineFor().health()).toEqual({ ok: true });
  });

  it("a task that never finishes in taskTimeoutMs is SearchUnavailableError", async () => {
    const engine = engineFor({ taskTimeoutMs: 100 });
    // Every poll of the settings task says "processing".
    const route = fake.server.listeners("request")[0] as http.RequestListener;
    fake.server.removeAllListeners("request");
    fake.server.on("request", (req, res) => {
      if (req.url === "/tasks/1") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ uid: 1, batchUid: 1, indexUid: "gopy_documents", status: "processing", type: "settingsUpdate", error: null }));
        return;
      }
      route(req, res);
    });
    await expect(engine.upsert(docs(1))).rejects.toBeInstanceOf(SearchUnavailableError);
  });
});
