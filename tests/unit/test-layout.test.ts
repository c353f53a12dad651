import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

// ADR 033: tests mirror the code they test. A unit test tests/unit/<path>/<name>.test.ts tests the module
// <name> of app/<path>/ (or of search/, server/, prisma/, scripts/, bench/ for code there): app/comments/contact.ts is tested
// by tests/unit/comments/contact.test.ts, search/meilisearch/engine.ts by
// tests/unit/search/meilisearch/engine.test.ts. A second file for one module names an aspect
// (localities.lazy-load.test.ts); a test of a whole subfolder is named after it (search/text.test.ts).
// Integration tests sit in tests/integration/<folder>/, browser tests in tests/e2e/ (by user flow).

const ROOT = join(import.meta.dirname, "../..");
const UNIT = "tests/unit";
const INTEGRATION = "tests/integration";
/** Folders at the repository root whose code is tested under tests/unit/<folder>/ as it is. */
const ROOT_CODE = ["search", "server", "prisma", "scripts", "bench"];
const EXTENSIONS = [".ts", ".tsx", ".js", ".server.ts", ".server.tsx"];
const TEST_FILE = /\.test\.(ts|tsx|js|mjs)$/;

/** Unit tests that test no one module, each with why. */
const CROSS_CUTTING: Record<string, string> = {
  "table-owners.test.ts": "reads every source file of app/ and search/ for writes to the hot tables (ADR 008)",
  "test-layout.test.ts": "this file: checks where every test sits",
  "docs/adr-paths.test.ts": "reads the ADRs and READMEs for paths and routes that no longer exist",
};

const posix = (path: string) => path.split(sep).join("/");
const isFile = (path: string) => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile();
const isFolder = (path: string) => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isDirectory();

/** The code folders a path under tests/unit or tests/integration may stand for. */
function codeRoots(path: string): string[] {
  const first = path.split("/")[0];
  return ROOT_CODE.includes(first) ? [path, `app/${path}`] : [`app/${path}`];
}

/** The source file or folder a unit test (path relative to tests/unit) mirrors, or null when none exists. */
export function mirroredSource(testPath: string): string | null {
  const base = testPath.replace(TEST_FILE, "");
  const dot = base.lastIndexOf(".");
  const names = dot > base.lastIndexOf("/") ? [base, base.slice(0, dot)] : [base];
  for (const name of names) {
    for (const candidate of codeRoots(name)) {
      const file = EXTENSIONS.map((ext) => candidate + ext).find(isFile);
      if (file) return file;
      // A whole folder, but never a top-level one: tests/unit/reports.test.ts would say nothing.
      if (name.includes("/") && isFolder(candidate)) return `${candidate}/`;
    }
  }
  return null;
}

/** The code folder an integration test (path relative to tests/integration) sits in, or null. */
export function integrationFolder(testPath: string): string | null {
  const folder = testPath.split("/").slice(0, -1).join("/");
  if (folder === "") return null;
  return codeRoots(folder).find(isFolder) ?? null;
}

function filesUnder(folder: string, keep: (path: string) => boolean): string[] {
  if (!isFolder(folder)) return [];
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix(relative(ROOT, join(entry.parentPath, entry.name))))
    .filter((path) => !path.includes("node_modules/") && !path.startsWith("app/generated/") && keep(path))
    .sort();
}

const testsUnder = (folder: string) => filesUnder(folder, (path) => TEST_FILE.test(path)).map((path) => path.slice(folder.length + 1));

describe("test layout (ADR 033)", () => {
  it("puts every unit test beside the mirror of the module it tests", () => {
    const tests = testsUnder(UNIT);
    expect(tests.length).toBeGreaterThan(50);
    const lost = tests.filter((path) => !(path in CROSS_CUTTING) && mirroredSource(path) === null);
    expect(lost, `no source in app/, search/, server/, prisma/, scripts/ or bench/ for tests/unit/${lost.join(", tests/unit/")}`).toEqual([]);
  });

  it("puts every integration test in a folder named after the code it runs", () => {
    const tests = testsUnder(INTEGRATION);
    expect(tests.length).toBeGreaterThan(10);
    const lost = tests.filter((path) => integrationFolder(path) === null);
    expect(lost, `not in tests/integration/<code folder>/: ${lost.join(", ")}`).toEqual([]);
  });

  it("runs every test file: none beside the code or outside the three layers vitest looks in", () => {
    const layers = [UNIT, INTEGRATION, "tests/e2e"];
    const elsewhere = ["app", "search", "server", "prisma", "scripts", "bench", "tests"]
      .flatMap((folder) => filesUnder(folder, (path) => TEST_FILE.test(path)))
      .filter((path) => !layers.some((layer) => path.startsWith(`${layer}/`)));
    const atRoot = readdirSync(ROOT).filter((name) => TEST_FILE.test(name));
    expect([...elsewhere, ...atRoot]).toEqual([]);
    // vitest's include globs take *.test.ts only.
    const unread = layers.flatMap((layer) =>
      testsUnder(layer)
        .filter((path) => !path.endsWith(".test.ts"))
        .map((path) => `${layer}/${path}`),
    );
    expect(unread).toEqual([]);
  });

  it("keeps its allow-list short and true: each entry exists and mirrors no module", () => {
    expect(Object.keys(CROSS_CUTTING).length).toBeLessThanOrEqual(4);
    for (const [path, reason] of Object.entries(CROSS_CUTTING)) {
      expect(isFile(`${UNIT}/${path}`), path).toBe(true);
      expect(mirroredSource(path), path).toBeNull();
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it("refuses the places tests used to sit, and accepts their new ones", () => {
    // Flat files and folders that mirror nothing, as before this rule.
    for (const old of [
      "captcha.test.ts",
      "consultations.test.ts",
      "document/blocks.test.ts",
      "staff/csv.test.ts",
      "search/meilisearch-engine.test.ts",
      "files/detect-csv.test.ts",
    ]) {
      expect(mirroredSource(old), old).toBeNull();
    }
    expect(mirroredSource("comments/captcha.test.ts")).toBe("app/comments/captcha.server.ts");
    expect(mirroredSource("consultations/document/blocks.test.ts")).toBe("app/consultations/document/blocks.ts");
    expect(mirroredSource("audit/csv.test.ts")).toBe("app/audit/csv.ts");
    expect(mirroredSource("search/meilisearch/engine.test.ts")).toBe("search/meilisearch/engine.ts");
    expect(mirroredSource("search/query.test.ts")).toBe("app/search/query.ts");
    expect(mirroredSource("server/page-cache.test.ts")).toBe("server/page-cache.js");
    expect(mirroredSource("localities/localities.lazy-load.test.ts")).toBe("app/localities/localities.server.ts");
    expect(mirroredSource("search/text.test.ts")).toBe("search/text/");
    expect(mirroredSource("background.test.ts")).toBe("app/background.server.ts");
    expect(integrationFolder("comments.test.ts")).toBeNull();
    expect(integrationFolder("search-indexer.test.ts")).toBeNull();
    expect(integrationFolder("nowhere/comments.test.ts")).toBeNull();
    expect(integrationFolder("search/indexer.test.ts")).toBe("search");
    expect(integrationFolder("moderation/moderation.test.ts")).toBe("app/moderation");
    expect(integrationFolder("server/database-outage.test.ts")).toBe("server");
  });
});
