import { afterEach, expect, it } from "vitest";
import { createDb } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { setSingleton } from "~/platform/singleton.server.ts";
import { loader } from "~/routes/healthz.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

afterEach(() => {
  setSingleton("db", undefined);
});

describeEachDatabase("GET /healthz", (ctx) => {
  it("answers 200 when the database answers", async () => {
    setSingleton("db", ctx.db);
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

it("answers 503 when the database is unreachable", async () => {
  // Nothing listens on port 1 of the loopback address.
  const db = createDb(resolveDatabaseTarget("postgresql://postgres@127.0.0.1:1/none"));
  setSingleton("db", db);
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args) => errors.push(args);
  try {
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", database: "unreachable" });
    expect(errors).toHaveLength(1);
  } finally {
    console.error = original;
    await db.$disconnect();
  }
});
