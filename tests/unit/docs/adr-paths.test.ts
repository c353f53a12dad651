import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../support/source-files.ts";

// The ADRs and the READMEs name files and folders of the repository in backticks (`app/text/fold.ts`,
// or a file of the folder being described, `decisions.server.ts`); a moved or deleted file must take its
// mentions along. Placeholders name a family of paths rather than one (`tests/unit/<folder>/…`,
// `prisma/<db>/migrations`, `app/routes/quan-tri.*.tsx`): for those the part before the first
// placeholder must exist.

const TOP_FOLDERS = ["app", "search", "server", "prisma", "tests", "bench", "docs", "scripts", "public", ".ci"];
const PATH = new RegExp(`^(?:${TOP_FOLDERS.map((f) => f.replace(".", "\\.")).join("|")})/\\S*$`);
/** A segment that stands for many: `<name>`, `…`, a glob star, a template's NNN. */
const PLACEHOLDER = /<[^>]*>|…|\*|\bNNN\b/;

/** Named as history (what a decision replaced), so they must stay gone; or files the app writes, not the repository's. */
const NOT_IN_REPOSITORY: Record<string, string> = {
  "server/env.js": "ADR 028: the second schema the one configuration replaced",
  "app/platform/env.server.ts": "ADR 028: the first schema it replaced",
  "manifest.json": "written into each backup folder by db:backup (ADR 026)",
};

/** The code spans of a Markdown text, with trailing punctuation removed. */
function codeSpans(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim().replace(/[.,:;)]+$/, ""));
}

/** The repository paths a Markdown text names in backticks (`app/…`, `search/…`, …). */
export function namedPaths(markdown: string): string[] {
  return codeSpans(markdown).filter((span) => PATH.test(span));
}

/** The other file names it names (`decisions.server.ts`, `document/casing.ts`): each must end some file's path. */
export function namedFiles(markdown: string): string[] {
  return codeSpans(markdown).filter((span) => !PATH.test(span) && /^[\w-][\w./-]*\.(?:tsx?|m?js|json|md|sql|prisma|sh)$/.test(span));
}

/** Every file of the repository (relative paths), without installed packages, builds and data. */
function repositoryFiles(): string[] {
  const skip = new Set(["node_modules", ".git", "build", "data", "generated"]);
  const walk = (folder: string): string[] =>
    readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return skip.has(entry.name) || path === "public/build" ? [] : walk(path);
      return [path];
    });
  return walk("");
}

/** The part of a path that must exist: all of it, or the folders before its first placeholder. */
export function existingPart(path: string): string {
  const segments = path.replace(/\/$/, "").split("/");
  const first = segments.findIndex((segment) => PLACEHOLDER.test(segment));
  return (first === -1 ? segments : segments.slice(0, first)).join("/");
}

const documents = [
  ...readdirSync(join(ROOT, "docs/decisions"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/decisions/${name}`),
  "README.md",
  "search/README.md",
];

describe("paths named by the ADRs and the READMEs", () => {
  it("reads code spans as paths, and placeholders as their folder", () => {
    expect(namedPaths("see `app/text/fold.ts`, `npm test`, `search/README.md`. and `tests/unit/<folder>/…`")).toEqual([
      "app/text/fold.ts",
      "search/README.md",
      "tests/unit/<folder>/…",
    ]);
    expect(namedPaths("`app/routes/`, `server/index.js`:")).toEqual(["app/routes/", "server/index.js"]);
    expect(namedFiles("`decisions.server.ts`, `document/casing.ts`, `app/text/fold.ts`, `npm run x.ts --y`, `../shared/a.md`")).toEqual([
      "decisions.server.ts",
      "document/casing.ts",
    ]);
    expect(existingPart("tests/unit/<folder>/…")).toBe("tests/unit");
    expect(existingPart("prisma/<db>/migrations/<ts>_<name>/migration.sql")).toBe("prisma");
    expect(existingPart("app/routes/quan-tri.*.tsx")).toBe("app/routes");
    expect(existingPart("app/text/")).toBe("app/text");
  });

  it("every path they name exists", () => {
    const missing = documents.flatMap((document) =>
      namedPaths(readFileSync(join(ROOT, document), "utf8"))
        .filter((path) => !(path in NOT_IN_REPOSITORY) && !existsSync(join(ROOT, existingPart(path))))
        .map((path) => `${document}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it("every other file name they give is a file of the repository", () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(300);
    const missing = documents.flatMap((document) =>
      namedFiles(readFileSync(join(ROOT, document), "utf8"))
        .filter((name) => !(name in NOT_IN_REPOSITORY) && !files.some((file) => file === name || file.endsWith(`/${name}`)))
        .map((name) => `${document}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("what they name as gone is gone", () => {
    for (const path of Object.keys(NOT_IN_REPOSITORY)) expect(existsSync(join(ROOT, path)), path).toBe(false);
  });
});

describe("the README's map", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const map = readme.slice(readme.indexOf("## Where things are"));
  const spans = new Set(codeSpans(map));

  it("names every folder of app/", () => {
    const folders = readdirSync(join(ROOT, "app"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.length).toBeGreaterThan(15);
    expect(folders.map((entry) => `app/${entry.name}/`).filter((folder) => !spans.has(folder))).toEqual([]);
  });

  it("has a row for every route file, with its address", () => {
    const routes = readdirSync(join(ROOT, "app/routes"));
    expect(routes.length).toBeGreaterThan(30);
    const rows = new Map([...map.matchAll(/^\| `([^`]+)` \| `([^`]+)`/gm)].map((match) => [match[1]!, match[2]!] as const));
    expect(routes.filter((file) => !rows.has(file))).toEqual([]);
    // The address is the file name read as Remix reads it: dots are slashes, `$x` is `:x`, `_` ends nesting, `[.]` is a dot.
    for (const [file, address] of rows) {
      if (!routes.includes(file)) continue;
      const path = file
        .replace(/\.(tsx?)$/, "")
        .replace(/^_index$/, "")
        .replace(/\._index$/, "")
        .split(/\.(?![^[]*\])/)
        .map((segment) =>
          segment
            .replace(/_$/, "")
            .replace(/^\$/, ":")
            .replace(/\[(.*)\]/, "$1"),
        )
        .join("/");
      expect(address.replace(/\/…$/, ""), file).toBe(`/${path}`);
    }
  });
});
