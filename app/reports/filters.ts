import { z } from "zod";
import { CHANNEL_VALUES, type ChannelValue } from "~/vocabulary/vocabulary.ts";
import { DISPOSITION_LABELS, DISPOSITIONS } from "~/answers/dispositions.ts";

// The filters of the statistics page, its themes and its exports: one schema for the query string
// (the page's GET form) and for the JSON kept with a background export (ExportJob.filters).
// Anything unknown or malformed is dropped, never an error: a report link keeps working.

/** Which moderation statuses a report counts: approved opinions by default; staff may add the pending ones. */
export const STATUS_CHOICES = {
  approved: { label: "Đã duyệt", statuses: ["APPROVED"] },
  "approved-pending": { label: "Đã duyệt và chờ duyệt", statuses: ["APPROVED", "PENDING"] },
  pending: { label: "Chờ duyệt", statuses: ["PENDING"] },
} as const;
export type StatusChoice = keyof typeof STATUS_CHOICES;

/** What became of the opinions (tiếp thu, giải trình): one disposition, or not answered yet. */
export const DISPOSITION_CHOICES = [...DISPOSITIONS, "UNANSWERED"] as const;
export type DispositionChoice = (typeof DISPOSITION_CHOICES)[number];
export const DISPOSITION_CHOICE_LABELS: Record<DispositionChoice, string> = { ...DISPOSITION_LABELS, UNANSWERED: "Chưa xử lý" };

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional()).catch(undefined);

export const reportFiltersSchema = z.object({
  /** An organization: its subtree (within the viewer's scope). */
  org: optional(id),
  province: optional(z.string().regex(/^\d{1,3}$/)),
  commune: optional(z.string().regex(/^\d{1,6}$/)),
  channel: optional(z.enum(CHANNEL_VALUES as [ChannelValue, ...ChannelValue[]])),
  status: z.enum(Object.keys(STATUS_CHOICES) as [StatusChoice, ...StatusChoice[]]).catch("approved"),
  /** Days in Vietnam's time zone, inclusive. */
  from: optional(day),
  to: optional(day),
  /** Opinions written on this version (its number). */
  version: optional(z.coerce.number().int().min(1).max(100_000)),
  /** The answer's disposition, or UNANSWERED. */
  disposition: optional(z.enum(DISPOSITION_CHOICES as unknown as [DispositionChoice, ...DispositionChoice[]])),
});
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

export const DEFAULT_FILTERS: ReportFilters = { status: "approved" };

export function parseReportFilters(params: URLSearchParams | Record<string, unknown>): ReportFilters {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const filters = reportFiltersSchema.parse(raw);
  // A commune only makes sense inside its province; both are checked against the list on the server.
  if (!filters.province) delete filters.commune;
  if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from];
  return filters;
}

/** The query string of the filters (defaults left out), for links and the export's record. */
export function reportSearch(filters: ReportFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value === undefined || value === "") continue;
    if (key === "status" && value === "approved") continue;
    params.set(key, String(value));
  }
  return params.toString();
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** [start, end) in UTC of the chosen days, read in Vietnam's time zone (UTC+7, no daylight saving). */
export function dateRange(filters: Pick<ReportFilters, "from" | "to">): { start?: Date; end?: Date } {
  const start = filters.from ? new Date(Date.parse(`${filters.from}T00:00:00Z`) - VIETNAM_OFFSET_MS) : undefined;
  const end = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) - VIETNAM_OFFSET_MS + 86_400_000) : undefined;
  return { start, end };
}

/** The Vietnam day ("2026-11-26") of an instant. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
