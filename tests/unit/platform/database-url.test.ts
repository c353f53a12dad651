import { expect, it } from "vitest";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";

it("selects the database from DATABASE_URL, SQLite by default", () => {
  expect(resolveDatabaseTarget(undefined)).toMatchObject({ provider: "sqlite", url: "file:./data/app.db" });
  expect(resolveDatabaseTarget("file:/tmp/x.db")).toEqual({ provider: "sqlite", url: "file:/tmp/x.db", filename: "/tmp/x.db" });
  expect(resolveDatabaseTarget("postgresql://u@h:5432/d").provider).toBe("postgresql");
  expect(resolveDatabaseTarget("postgres://u@h/d").provider).toBe("postgresql");
  expect(() => resolveDatabaseTarget("mysql://u@h/d")).toThrow(/DATABASE_URL/);
});
