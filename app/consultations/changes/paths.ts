// Public addresses of a draft's versions and of what changed between two of them (ADR 038).
import { consultationPath } from "../urls.ts";

/** An earlier published version, read at its own permanent address: /du-thao/<slug>/ban/1. */
export const versionPath = (slug: string, number: number) => `${consultationPath(slug)}/ban/${number}`;

/** At most this many changed, new or removed blocks on one page of the changes. */
export const CHANGES_PER_PAGE = 200;

/** What changed from version `from` to version `to` (both omitted: the previous version to the current one); `page` from 1. */
export const changesPath = (slug: string, from?: number, to?: number, page?: number) => {
  const query = new URLSearchParams();
  if (from !== undefined) query.set("tu", String(from));
  if (to !== undefined) query.set("den", String(to));
  if (page && page > 1) query.set("trang", String(page));
  const q = query.toString();
  return `${consultationPath(slug)}/thay-doi${q ? `?${q}` : ""}`;
};
