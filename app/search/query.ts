import { z } from "zod";
import type { CommentStatusValue, DocumentKind, Facet, SearchQuery, StanceValue } from "@search/engine.ts";
import { normalizeText } from "~/text/normalize.ts";

// The search page's query string: what a person (or anyone crafting a URL) may ask for, read
// through one zod schema where every malformed value is dropped, never an error. Shared by the
// loader (parsing, the engine query) and the page (links that change one filter).

export const SEARCH_PATH = "/tim-kiem";
/** Characters of the query kept; longer input is cut and the page says so. */
export const MAX_QUERY_LENGTH = 200;
export const PER_PAGE = 20;
/** Deep pages cost the engine more and nobody reads them; Meilisearch stops at 1,000 hits anyway. */
export const MAX_PAGE = 50;

export const KINDS = ["block", "comment"] as const satisfies readonly DocumentKind[];
export const STANCE_VALUES = ["AGREE", "DISAGREE", "OTHER"] as const satisfies readonly StanceValue[];
export const STATUS_VALUES = ["PENDING", "APPROVED", "REJECTED"] as const satisfies readonly CommentStatusValue[];
/** Which versions' paragraphs: absent = every version (the current one first on equal relevance), "current" = the current version only. */
export const VERSION_VALUES = ["current"] as const;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const blockKey = z.string().regex(/^[a-z0-9]{1,40}$/);
const localityCode = z.string().regex(/^\d{1,6}$/);

/** A day as a person types it (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy) or as a date input sends it (yyyy-mm-dd), back as yyyy-mm-dd. */
export function parseDay(input: string): string | undefined {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y || !m || !d) return undefined;
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (year < 2000 || year > 2100) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over into March: not a day that exists.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Viet Nam keeps UTC+7 all year: a day there starts at 17:00 UTC the day before. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS;
export const dayEnd = (day: string) => dayStart(day) + DAY_MS - 1;

const day = z
  .string()
  .max(20)
  .transform((v, ctx) => parseDay(v) ?? (ctx.addIssue({ code: z.ZodIssueCode.custom }), z.NEVER));

/** Control characters, invisible and direction marks removed, NFC, spaces collapsed, trimmed; lone surrogates dropped. */
export function cleanQuery(raw: string): { q: string; truncated: boolean } {
  // A cheap first cut so that a huge parameter costs nothing to normalize.
  const text = normalizeText(raw.slice(0, MAX_QUERY_LENGTH * 4).replace(/[\uD800-\uDFFF]/gu, ""), { multiline: false });
  const chars = Array.from(text);
  if (chars.length <= MAX_QUERY_LENGTH && raw.length <= MAX_QUERY_LENGTH * 4) return { q: text, truncated: false };
  return { q: chars.slice(0, MAX_QUERY_LENGTH).join("").trimEnd(), truncated: true };
}

const filtersSchema = z.object({
  consultation: id.optional().catch(undefined),
  section: blockKey.optional().catch(undefined),
  kind: z.enum(KINDS).optional().catch(undefined),
  version: z.enum(VERSION_VALUES).optional().catch(undefined),
  stance: z.enum(STANCE_VALUES).optional().catch(undefined),
  province: localityCode.optional().catch(undefined),
  commune: localityCode.optional().catch(undefined),
  organization: id.optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});

export type SearchParams = z.infer<typeof filtersSchema> & {
  q: string;
  /** Statuses asked for in the URL; whether they are honoured depends on who asks (buildSearchQuery). */
  status: CommentStatusValue[];
};

/** The search page's parameters from the query string. The first value of a repeated parameter counts (statuses: all). */
export function parseSearchParams(params: URLSearchParams): SearchParams & { truncated: boolean } {
  const first = (name: string) => params.get(name) || undefined;
  const filters = filtersSchema.parse({
    consultation: first("consultation"),
    section: first("section"),
    kind: first("kind"),
    version: first("version"),
    stance: first("stance"),
    province: first("province"),
    commune: first("commune"),
    organization: first("organization"),
    from: first("from"),
    to: first("to"),
    page: first("page"),
  });
  // A section belongs to one consultation, a commune to one province: alone they mean nothing.
  if (!filters.consultation) filters.section = undefined;
  if (!filters.province) filters.commune = undefined;
  // "From 20/10 to 10/10" means the days between them.
  if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
  const status = STATUS_VALUES.filter((s) => params.getAll("status").includes(s));
  const { q, truncated } = cleanQuery(params.get("q") ?? "");
  return { ...filters, q, status, truncated };
}

/** Whether anything was asked: an empty page shows only the form. */
export function hasCriteria(p: SearchParams): boolean {
  return Boolean(p.q || p.consultation || p.kind || p.version || p.stance || p.province || p.organization || p.from || p.to || p.status.length);
}

export interface Viewer {
  /** Staff with moderation.view: may search pending and rejected comments. */
  seesAllStatuses: boolean;
}

/** The engine query for these parameters. The public always gets approved comments only, whatever the URL says. */
export function buildSearchQuery(p: SearchParams, viewer: Viewer): SearchQuery {
  const statuses: CommentStatusValue[] = viewer.seesAllStatuses ? (p.status.length ? p.status : [...STATUS_VALUES]) : ["APPROVED"];
  const facets: Facet[] = ["kind", "consultationId", "stance", "provinceCode", "organizationId"];
  if (p.consultation) facets.push("sectionKey");
  if (p.province) facets.push("communeCode");
  if (viewer.seesAllStatuses) facets.push("status");
  return {
    q: p.q,
    filters: {
      kind: p.kind,
      consultationId: p.consultation,
      sectionKey: p.section,
      stance: p.stance,
      currentOnly: p.version === "current" || undefined,
      statuses,
      provinceCode: p.province,
      communeCode: p.commune,
      organizationId: p.organization,
      from: p.from ? dayStart(p.from) : undefined,
      to: p.to ? dayEnd(p.to) : undefined,
    },
    page: p.page,
    perPage: PER_PAGE,
    facets,
  };
}

type Change = Partial<{ [K in keyof SearchParams]: SearchParams[K] | undefined }>;

/**
 * The page's address for these parameters with some changed; the page goes back to 1 unless it is
 * the change. Changing the consultation drops the section, changing the province drops the commune.
 */
export function searchHref(p: SearchParams, change: Change = {}): string {
  const next: Partial<SearchParams> = { ...p, page: undefined, ...change };
  if ("consultation" in change && change.consultation !== p.consultation && !("section" in change)) next.section = undefined;
  if ("province" in change && change.province !== p.province && !("commune" in change)) next.commune = undefined;
  const query = new URLSearchParams();
  const order = ["q", "consultation", "section", "kind", "version", "stance", "province", "commune", "organization", "from", "to"] as const;
  for (const name of order) {
    const value = next[name];
    if (value) query.set(name, value);
  }
  for (const s of next.status ?? []) query.append("status", s);
  if (next.page && next.page > 1) query.set("page", String(next.page));
  const qs = query.toString();
  return qs ? `${SEARCH_PATH}?${qs}` : SEARCH_PATH;
}
