import { CHANNELS } from "~/vocabulary/vocabulary.ts";
import { findCommune, findProvince } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { DISPOSITION_CHOICE_LABELS, STATUS_CHOICES } from "../filters.ts";
import type { ReportQuery } from "../query.server.ts";
import { dayLabel } from "./tables.ts";

/** What a report counts, in words, for its reader: "Ý kiến đã duyệt", "Tổ chức: … và các tổ chức trực thuộc", … */
export async function describeFilters(db: Db, query: ReportQuery): Promise<string[]> {
  const { filters } = query;
  const lines = [`Ý kiến ${STATUS_CHOICES[filters.status].label.toLocaleLowerCase("vi")}`];
  const organizationIds = [query.scope, query.organizationScope].flatMap((s) => (s?.kind === "subtree" ? [s.organizationId] : []));
  const names = new Map(
    (organizationIds.length ? await db.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, name: true } }) : []).map((o) => [
      o.id,
      o.name,
    ]),
  );
  if (query.scope.kind === "subtree") lines.push(`Trong phạm vi của ${names.get(query.scope.organizationId) ?? "tổ chức"} và các tổ chức trực thuộc`);
  if (query.scope.kind === "none") lines.push("Tài khoản chưa gắn với tổ chức nào: không có ý kiến trong phạm vi");
  if (
    query.organizationScope?.kind === "subtree" &&
    query.organizationScope.organizationId !== (query.scope.kind === "subtree" ? query.scope.organizationId : null)
  ) {
    lines.push(`Tổ chức: ${names.get(query.organizationScope.organizationId) ?? "?"} và các tổ chức trực thuộc`);
  }
  if (filters.province) lines.push(`Tỉnh, thành phố: ${findProvince(filters.province)?.name ?? filters.province}`);
  if (filters.commune) lines.push(`Xã, phường: ${findCommune(filters.commune)?.name ?? filters.commune}`);
  if (filters.channel) lines.push(`Hình thức: ${CHANNELS[filters.channel].toLocaleLowerCase("vi")}`);
  if (filters.from && filters.to) lines.push(`Từ ngày ${dayLabel(filters.from)} đến ngày ${dayLabel(filters.to)}`);
  else if (filters.from) lines.push(`Từ ngày ${dayLabel(filters.from)}`);
  else if (filters.to) lines.push(`Đến ngày ${dayLabel(filters.to)}`);
  if (filters.version !== undefined) lines.push(`Ý kiến viết trên bản số ${filters.version}`);
  if (filters.disposition) lines.push(`Kết quả xử lý: ${DISPOSITION_CHOICE_LABELS[filters.disposition]}`);
  return lines;
}
