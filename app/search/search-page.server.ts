import { COMMENT_STATUSES, STANCES } from "~/vocabulary/vocabulary.ts";
import { SearchUnavailableError, type Facet, type SearchEngine, type SearchResult } from "@search/engine.ts";
import { sectionHeadings } from "~/consultations/sections.ts";
import { findCommune, findProvince, listCommunes, listProvinces } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { presentHit, type PageHit } from "./hits.ts";
import { KIND_LABELS, VERSION_LABELS } from "./labels.ts";
import {
  buildSearchQuery,
  hasCriteria,
  KINDS,
  MAX_PAGE,
  parseSearchParams,
  PER_PAGE,
  STANCE_VALUES,
  STATUS_VALUES,
  type SearchParams,
  type Viewer,
} from "./query.ts";

// The search page's data: parameters checked against what exists (a section of the chosen draft,
// a commune of the chosen province), one engine call with a deadline, and the labels and counts
// every filter shows. The engine is passed in, so tests run the same path on any engine.

/** An engine slower than this is treated as unavailable: the person gets an answer either way. */
export const SEARCH_TIMEOUT_MS = 3_000;

export interface FilterOption {
  value: string;
  label: string;
  /** Matches with this value, when the engine counted them. */
  count?: number;
  /** The engine stopped counting (too many matches): at least `count`. */
  atLeast?: boolean;
}

export interface SearchPageData {
  params: SearchParams;
  /** The query was longer than allowed and was cut. */
  truncated: boolean;
  viewer: Viewer;
  options: {
    consultations: FilterOption[];
    sections: FilterOption[];
    kinds: FilterOption[];
    /** The version filter's one choice besides every version: the current version only. */
    versions: FilterOption[];
    stances: FilterOption[];
    statuses: FilterOption[];
    provinces: FilterOption[];
    communes: FilterOption[];
    organizations: FilterOption[];
  };
  /** null: nothing was asked, or search is unavailable. */
  result: { hits: PageHit[]; total: number; totalIsEstimate: boolean; totalIsCapped: boolean; pages: number } | null;
  unavailable: boolean;
}

/** Rejects with SearchUnavailableError when the work takes longer than the deadline. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchUnavailableError(`Search took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The engine's answer, or null when it cannot answer in time (logged; the page says so). */
export async function runSearch(
  getEngine: () => Promise<SearchEngine>,
  query: ReturnType<typeof buildSearchQuery>,
  timeoutMs = SEARCH_TIMEOUT_MS,
): Promise<SearchResult | null> {
  try {
    return await withDeadline(
      getEngine().then((engine) => engine.search(query)),
      timeoutMs,
    );
  } catch (error) {
    // Anything else is a bug, but the reader still gets the "unavailable" page rather than a crash.
    if (error instanceof SearchUnavailableError) console.warn(`Tìm kiếm không khả dụng: ${error.message}`);
    else console.error(error);
    return null;
  }
}

const HEADING_KINDS = ["part", "chapter", "section", "heading"];

async function publicConsultations(db: Db) {
  return db.consultation.findMany({
    where: { status: { not: "DRAFT" }, publishedVersionId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, publishedVersionId: true },
  });
}

async function sectionsOf(db: Db, versionId: string) {
  const headings = await db.block.findMany({
    where: { versionId, kind: { in: HEADING_KINDS } },
    orderBy: { position: "asc" },
    select: { key: true, kind: true, level: true, text: true },
  });
  return sectionHeadings(headings);
}

function counted(facets: SearchResult["facets"] | undefined, facet: Facet, value: string): number | undefined {
  const counts = facets?.[facet];
  return counts ? (counts[value] ?? 0) : undefined;
}

export async function loadSearchPage(input: {
  searchParams: URLSearchParams;
  viewer: Viewer;
  db: Db;
  getEngine: () => Promise<SearchEngine>;
  timeoutMs?: number;
}): Promise<SearchPageData> {
  const { db, viewer } = input;
  const { truncated, ...params } = parseSearchParams(input.searchParams);
  if (!viewer.seesAllStatuses) params.status = [];

  // Values that do not exist are dropped, as malformed ones were: the page shows what it searched.
  const consultations = await publicConsultations(db);
  const chosen = consultations.find((c) => c.id === params.consultation);
  if (!chosen) params.consultation = params.section = undefined;
  const sections = chosen ? await sectionsOf(db, chosen.publishedVersionId!) : [];
  if (!sections.some((s) => s.key === params.section)) params.section = undefined;
  if (!findProvince(params.province)) params.province = params.commune = undefined;
  if (findCommune(params.commune)?.provinceCode !== params.province) params.commune = undefined;
  if (params.organization && !(await db.organization.findMany({ where: { id: { in: [params.organization] } }, select: { id: true } })).length) {
    params.organization = undefined;
  }

  let result: SearchResult | null = null;
  let unavailable = false;
  if (hasCriteria(params)) {
    result = await runSearch(input.getEngine, buildSearchQuery(params, viewer), input.timeoutMs);
    unavailable = result === null;
  }
  const facets = result?.facets;

  const organizationIds = new Set(Object.keys(facets?.organizationId ?? {}));
  if (params.organization) organizationIds.add(params.organization);
  const organizations = organizationIds.size
    ? await db.organization.findMany({ where: { id: { in: [...organizationIds] } }, select: { id: true, name: true } })
    : [];

  const atLeast = result?.totalIsCapped === true;
  const option = (facet: Facet, value: string, label: string): FilterOption => ({
    value,
    label,
    count: counted(facets, facet, value),
    ...(atLeast ? { atLeast } : {}),
  });
  return {
    params,
    truncated,
    viewer,
    options: {
      consultations: consultations.map((c) => option("consultationId", c.id, c.title)),
      sections: sections.map((s) => option("sectionKey", s.key, s.text)),
      kinds: KINDS.map((k) => option("kind", k, KIND_LABELS[k])),
      versions: [{ value: "current", label: VERSION_LABELS.current }],
      stances: STANCE_VALUES.map((s) => option("stance", s, STANCES[s])),
      statuses: viewer.seesAllStatuses ? STATUS_VALUES.map((s) => option("status", s, COMMENT_STATUSES[s])) : [],
      provinces: listProvinces().map((p) => option("provinceCode", p.code, p.name)),
      communes: params.province ? listCommunes(params.province).map((c) => option("communeCode", c.code, c.name)) : [],
      organizations: organizations.map((o) => option("organizationId", o.id, o.name)).sort((a, b) => a.label.localeCompare(b.label, "vi")),
    },
    result: result && {
      // The engine was asked for approved comments only; the page does not take its word for it.
      hits: result.hits.filter((hit) => viewer.seesAllStatuses || hit.kind !== "comment" || hit.document.status === "APPROVED").map(presentHit),
      total: result.total,
      totalIsEstimate: result.totalIsEstimate,
      totalIsCapped: result.totalIsCapped === true,
      pages: Math.min(MAX_PAGE, Math.max(1, Math.ceil(result.total / PER_PAGE))),
    },
    unavailable,
  };
}
