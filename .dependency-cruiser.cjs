// Import boundaries (ADR 032), checked by `npm run lint` (dependency-cruiser). A folder is a directory:
// app/<domain>/ (and its subfolders), app/routes/, the shared building blocks, app/jobs/ and app/demo/
// above the domains, the search package's folders, server/, prisma/, tests/, bench/. Type-only imports
// count: a type from a route is still a dependency on it.

/** Shared building blocks: they may import each other, the generated Prisma clients and libraries. */
const BUILDING_BLOCKS = "app/(platform|text|ui|files|vocabulary)/";

module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      comment:
        "Folders depend on each other in one direction only. Break a cycle by moving the shared piece to a neutral home " +
        "(a building block, or the lower of the two folders), not by importing around it.",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "building-blocks-import-no-domain",
      comment:
        "app/platform, app/text, app/ui, app/files and app/vocabulary are below every domain: they import no domain, " +
        "route, job or search module. Work that needs domains (like housekeeping) belongs in app/jobs/.",
      severity: "error",
      from: { path: `^${BUILDING_BLOCKS}` },
      to: { path: "^(app|search)/", pathNot: [`^${BUILDING_BLOCKS}`, "^app/generated/"] },
    },
    {
      name: "no-route-imports",
      comment: "Routes are the top of the app: no domain, job, building block or search module imports one (tests may).",
      severity: "error",
      from: { pathNot: "^(app/routes|tests)/" },
      to: { path: "^app/routes/" },
    },
    {
      name: "search-engine-imports-no-app-domain",
      comment:
        "The search engine (search/engine.ts, embedded/, meilisearch/, text/, and its contract tests in testing/) knows " +
        "no app domain: only app/text, the shared Vietnamese text. search/*.server.ts is the glue that may.",
      severity: "error",
      from: { path: "^search/(engine\\.ts$|embedded/|meilisearch/|text/|testing/)" },
      to: { path: "^app/", pathNot: "^app/text/" },
    },
    {
      name: "search-outbox-imports-no-app-domain",
      comment:
        "Every domain announces its changes through search/outbox/: it stays below them, importing only app/platform " +
        "(the indexer and document builders, which read the domains, live beside it in search/).",
      severity: "error",
      from: { path: "^search/outbox/" },
      to: { path: "^(app|search)/", pathNot: ["^app/platform/", "^app/generated/", "^search/outbox/"] },
    },
    {
      name: "production-code-imports-no-tests-or-scripts",
      comment: "app/, search/ and server/ never import tests/, bench/ or prisma/ (the scripts there import the app, not the reverse).",
      severity: "error",
      from: { path: "^(app|search|server)/" },
      to: { path: "^(tests|bench|prisma)/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that cannot be resolved would escape every rule above.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^app/generated/"] },
    exclude: { path: "^(build|public/build)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".d.ts"],
    },
    cache: { folder: "node_modules/.cache/dependency-cruiser", strategy: "content" },
  },
};
