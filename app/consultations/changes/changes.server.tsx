// The changes page's data (/du-thao/<slug>/thay-doi?tu=1&den=2): which two published versions, the
// counts, and the page's body HTML, rendered once per pair of versions and page (published versions never
// change) and kept in memory, bounded (ADR 038).
import { renderToStaticMarkup } from "react-dom/server";
import { z } from "zod";
import type { Db } from "~/platform/db.server.ts";
import { paginateChanges } from "./block-diff.ts";
import { ChangesBody } from "./changes-view.tsx";
import { CHANGES_PER_PAGE } from "./paths.ts";
import { listPublishedVersions, versionDiff } from "./versions.server.ts";

const number = z.coerce.number().int().min(1).max(100_000);

/** `tu`, `den` (version numbers) and `trang` of the address; anything else than whole numbers is not found. */
export const changesQuerySchema = z.object({ tu: number.optional(), den: number.optional(), trang: number.default(1) });
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

export function parseChangesQuery(search: URLSearchParams) {
  const value = (name: string) => search.get(name) ?? undefined;
  return changesQuerySchema.safeParse({ tu: value("tu"), den: value("den"), trang: value("trang") });
}

const MAX_PAGES = 64;
const pages = new Map<string, string>();

/**
 * What changed between two published versions of a public consultation. `den` defaults to the version
 * readers comment on, `tu` to the published version before `den`. Null (not found) for an unknown
 * consultation, version number or page, or the same version twice; `from` null when `den` is the first.
 */
export async function loadChanges(db: Db, slug: string, query: ChangesQuery) {
  const consultation = await db.consultation.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, status: true, publishedVersionId: true },
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId) return null;
  const versions = await listPublishedVersions(db, consultation.id);
  const to = versions.find((v) => (query.den === undefined ? v.id === consultation.publishedVersionId : v.number === query.den));
  if (!to) return null;
  const from = query.tu === undefined ? versions.filter((v) => v.number < to.number).at(-1) : versions.find((v) => v.number === query.tu);
  if (query.tu !== undefined && !from) return null;
  const current = versions.find((v) => v.id === consultation.publishedVersionId)!;
  const base = { consultation: { id: consultation.id, slug: consultation.slug, title: consultation.title }, versions, to, current };
  if (!from) return query.trang === 1 ? { ...base, from: null, counts: null, page: 1, pages: 1, bodyHtml: "" } : null;
  if (from.id === to.id) return null;
  const diff = await versionDiff(db, from.id, to.id);
  const split = paginateChanges(diff.shown, CHANGES_PER_PAGE);
  if (query.trang > split.length) return null;
  const key = `${from.id}>${to.id}:${query.trang}:${to.id === current.id}`;
  let bodyHtml = pages.get(key);
  if (bodyHtml === undefined) {
    bodyHtml = renderToStaticMarkup(
      <ChangesBody slug={consultation.slug} from={from.number} to={to.number} toIsCurrent={to.id === current.id} items={split[query.trang - 1]} />,
    );
    pages.set(key, bodyHtml);
    if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  }
  return { ...base, from, counts: diff.counts, page: query.trang, pages: split.length, bodyHtml };
}
