// The app's routes as the route files say they are, so that tests which must cover every route
// (the access matrix, the header walk, the hostile posts) fail when a route appears without a row.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

export type RouteFile = {
  /** The file name without its extension, as Remix names the route: "quan-tri.hoi-nghi.$id". */
  file: string;
  /** The URLs it answers (Remix's flat-routes convention). */
  pattern: RegExp;
  loader: boolean;
  action: boolean;
  /** A page (default export) rather than a resource route. */
  page: boolean;
  /** Guarded by a staff session. */
  staff: boolean;
  /** A layout other route files nest in (their rows cover it). */
  layout: boolean;
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "quan-tri.hoi-nghi.$id_.mau[.xlsx]" → /^\/quan-tri\/hoi-nghi\/[^/]+\/mau\.xlsx$/ */
export function routePattern(file: string): RegExp {
  const segments = file.match(/(?:\[[^\]]*\]|[^.])+/g) ?? [];
  const parts = segments
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => (segment.startsWith("$") ? "[^/]+" : escape(segment.replace(/\[([^\]]*)\]/g, "$1"))));
  return new RegExp(`^/${parts.join("/")}$`);
}

export function routeFiles(): RouteFile[] {
  const names = readdirSync(ROUTES_DIR).filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name));
  const files = names.map((name) => name.replace(/\.tsx?$/, ""));
  return names.map((name, i) => {
    const source = readFileSync(path.join(ROUTES_DIR, name), "utf8");
    const file = files[i];
    return {
      file,
      pattern: routePattern(file),
      loader: /export (async function|function|const|let) loader\b/.test(source),
      action: /export (async function|function|const|let) action\b/.test(source),
      page: /export default function\b/.test(source),
      staff: /\brequireStaff(Action)?\(|\borganizationFormAction\(/.test(source),
      layout: files.some((other) => other.startsWith(`${file}.`)),
    };
  });
}

/** Fails with the names of the route files the rows leave out, or of rows that name no route file. */
export function expectRowsFor(routes: RouteFile[], rows: { file: string; path: string }[], what: string) {
  const missing = routes.filter((route) => !rows.some((row) => row.file === route.file)).map((route) => route.file);
  if (missing.length > 0) throw new Error(`${what}: no row for ${missing.join(", ")}`);
  for (const row of rows) {
    const route = routes.find((r) => r.file === row.file);
    if (!route) throw new Error(`${what}: the row ${row.path} names no route file (${row.file})`);
    const pathname = row.path.split("?")[0];
    if (!route.pattern.test(pathname)) throw new Error(`${what}: ${row.path} is not an address of ${row.file}`);
  }
}
