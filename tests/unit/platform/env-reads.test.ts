import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT, sourceFiles } from "../../support/source-files.ts";

// ADR 028: the configuration is read from the environment in one place, app/platform/config.server.ts,
// and checked there once at start; everything else takes config(). The other mentions of process.env
// in the app, the search engine and the server, each for a reason that is not reading a setting:
const ALLOWED: Record<string, string> = {
  "app/platform/config.server.ts": "the one reader",
  "app/backup/postgres-tools.server.ts": "hands the environment (PATH, locale) on to pg_dump and pg_restore, with libpq's variables added",
  "server/index.js": "sets NODE_ENV's default before React and Remix are loaded (they read it when imported)",
};

it("no module but the configuration reads process.env in app/, search/ or server/", () => {
  const files = [...sourceFiles("app"), ...sourceFiles("search"), ...sourceFiles("server")];
  expect(files.length).toBeGreaterThan(100);
  const readers = files.filter((path) => /\bprocess\.env\b/.test(readFileSync(join(ROOT, path), "utf8")));
  expect(readers.sort()).toEqual(Object.keys(ALLOWED).sort());
});
