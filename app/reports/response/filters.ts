import { z } from "zod";
import type { Disposition } from "~/generated/sqlite/client.ts";
import { blockAnchor, consultationPath } from "~/consultations/urls.ts";
import { DISPOSITIONS } from "~/answers/dispositions.ts";

// The public response report's address: its filters (the version the opinions were written on, the
// disposition), the page, and the full list of one answer's opinions. Words in the address are
// Vietnamese without diacritics, as the other public addresses.

export const DISPOSITION_WORDS: Record<Disposition, string> = {
  ADOPTED: "tiep-thu",
  PARTLY_ADOPTED: "tiep-thu-mot-phan",
  EXPLAINED: "giai-trinh",
  ALREADY_IN_DRAFT: "da-co-trong-du-thao",
};

export interface ResponseReportFilters {
  /** Opinions written on version number N; null for every version. */
  version: number | null;
  disposition: Disposition | null;
}

export interface ResponseReportQuery extends ResponseReportFilters {
  page: number;
  /** The full list of one answer's opinions, instead of the report. */
  answerId: string | null;
}

const WORDS = Object.values(DISPOSITION_WORDS) as [string, ...string[]];

const querySchema = z.object({
  ban: z.coerce.number().int().min(1).max(100_000).nullable(),
  "xu-ly": z.enum(WORDS).nullable(),
  trang: z.coerce.number().int().min(1).max(100_000),
  "tra-loi": z
    .string()
    // An answer's id: recorded answers have UUIDs (answers.server.ts), older rows cuids.
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .nullable(),
});

/** The report's query from an address's search part; null when a filter is not one the page offers. */
export function parseResponseReportQuery(search: URLSearchParams): ResponseReportQuery | null {
  const value = (name: string) => {
    const v = search.get(name);
    return v === null || v.trim() === "" ? null : v.trim();
  };
  const parsed = querySchema.safeParse({ ban: value("ban"), "xu-ly": value("xu-ly"), trang: value("trang") ?? 1, "tra-loi": value("tra-loi") });
  if (!parsed.success) return null;
  const word = parsed.data["xu-ly"];
  return {
    version: parsed.data.ban,
    disposition: word ? (DISPOSITIONS.find((d) => DISPOSITION_WORDS[d] === word) ?? null) : null,
    page: parsed.data.trang,
    answerId: parsed.data["tra-loi"],
  };
}

function searchOf(filters: ResponseReportFilters, extra: { page?: number; answerId?: string | null } = {}): string {
  const query = new URLSearchParams();
  if (extra.answerId) query.set("tra-loi", extra.answerId);
  if (filters.version !== null) query.set("ban", String(filters.version));
  if (filters.disposition) query.set("xu-ly", DISPOSITION_WORDS[filters.disposition]);
  if (extra.page && extra.page > 1) query.set("trang", String(extra.page));
  const q = query.toString();
  return q ? `?${q}` : "";
}

const NO_FILTERS: ResponseReportFilters = { version: null, disposition: null };

/** The report page (a page of it, or one answer's opinions). */
export function responseReportPath(slug: string, filters: ResponseReportFilters = NO_FILTERS, extra: { page?: number; answerId?: string | null } = {}) {
  return `${consultationPath(slug)}/tiep-thu-giai-trinh${searchOf(filters, extra)}`;
}

/** The report as a file: .docx or .xlsx, with the same filters. */
export function responseReportFilePath(slug: string, extension: "docx" | "xlsx", filters: ResponseReportFilters = NO_FILTERS) {
  return `${consultationPath(slug)}/tiep-thu-giai-trinh.${extension}${searchOf(filters)}`;
}

/** A version's page and the changes page, at one block (the other public pages' anchors). */
export const versionBlockPath = (slug: string, versionNumber: number, key: string) => `${consultationPath(slug)}/ban/${versionNumber}#${blockAnchor(key)}`;
export const changesBlockPath = (slug: string, key: string) => `${consultationPath(slug)}/thay-doi#${blockAnchor(key)}`;

/** "Bản số 2, Tiếp thu": the filters in words (for the files' scope line); empty without filters. */
export function describeResponseFilters(filters: ResponseReportFilters, labels: Record<Disposition, string>): string[] {
  return [
    ...(filters.version !== null ? [`Ý kiến viết trên bản số ${filters.version}`] : []),
    ...(filters.disposition ? [`Kết quả xử lý: ${labels[filters.disposition]}`] : []),
  ];
}
