import { z } from "zod";

// The filters of /quan-tri/nhat-ky and its CSV export, read from and written to the query string
// (shared by the server and the page).

/** Vietnam has no daylight saving: a calendar day there is [00:00+07:00, next 00:00+07:00). */
export const VN_OFFSET = "+07:00";
export const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00${VN_OFFSET}`)));

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), schema.optional().catch(undefined));

export const auditFiltersSchema = z.object({
  action: optional(z.string().regex(/^[a-z][a-z.-]{0,39}$/)),
  actorId: optional(z.string().max(64)),
  from: optional(isoDay),
  to: optional(isoDay),
  commentId: optional(z.string().max(64)),
  /** Keyset cursor: "<epoch ms>.<id>" of the last event of the previous page. */
  after: optional(z.string().regex(/^\d{1,16}\.[A-Za-z0-9_-]{1,64}$/)),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** Query-string names (Vietnamese, like the rest of the site's URLs). */
export const AUDIT_PARAMS = { action: "hanh-dong", actorId: "nguoi", from: "tu-ngay", to: "den-ngay", commentId: "y-kien", after: "sau" } as const;

/** Invalid values are dropped (a hand-edited URL shows the unfiltered log rather than an error). */
export function parseAuditFilters(search: URLSearchParams): AuditFilters {
  const raw = Object.fromEntries(Object.entries(AUDIT_PARAMS).map(([key, param]) => [key, search.get(param) ?? undefined]));
  return auditFiltersSchema.parse(raw);
}

export function auditSearch(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, param] of Object.entries(AUDIT_PARAMS)) {
    const value = filters[key as keyof AuditFilters];
    if (value) search.set(param, value);
  }
  return search;
}
