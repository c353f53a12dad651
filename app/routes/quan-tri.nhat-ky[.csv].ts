import type { LoaderFunctionArgs } from "@remix-run/node";
import { appendAudit } from "~/audit/audit.server.ts";
import { auditSearch, parseAuditFilters } from "~/audit/audit-filters.ts";
import { auditCsvStream } from "~/audit/audit-log.server.ts";
import { auditSentenceText } from "~/audit-log/sentences.ts";
import { getDb } from "~/platform/db.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";

// /quan-tri/nhat-ky.csv: the log page's filters, every matching row, streamed.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "audit.export");
  const db = getDb();
  const { after: _after, ...filters } = parseAuditFilters(new URL(request.url).searchParams);
  const query = auditSearch(filters).toString();
  await appendAudit(db, { action: "export", actorId: user.id, subject: "audit-log", note: query ? `Bộ lọc: ${query}` : "Toàn bộ nhật ký" });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(db, filters, auditSentenceText), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nhat-ky-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
