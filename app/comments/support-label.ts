import { formatCount } from "~/platform/format.ts";

// Kept apart from support-form.ts (zod) for the reading page's script (ADR 045).

/** "N người đồng tình", or nothing for none. */
export function supportersLabel(count: number): string | null {
  return count > 0 ? `${formatCount(count)} người đồng tình` : null;
}
