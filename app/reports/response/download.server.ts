import { fileStore, storedFileResponse } from "~/files/stored-files.server.ts";
import { contentDisposition } from "~/reports/export/cells.ts";
import { reportSql } from "~/reports/report-sql.server.ts";
import { parseResponseReportQuery } from "./filters.ts";
import { responseReportFile, type ResponseFormat } from "./files.server.ts";
import { filterVersionId, reportConsultationBySlug } from "./report.server.ts";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The response of a public file download: the cached file (built when needed), or a Vietnamese refusal. */
export async function serveResponseReportFile(slug: string, search: URLSearchParams, format: ResponseFormat): Promise<Response> {
  const query = parseResponseReportQuery(search);
  if (!query) return text("Bộ lọc không hợp lệ: chọn bản dự thảo và kết quả xử lý trong danh sách.", 400);
  const files = fileStore();
  const { db } = files;
  const consultation = await reportConsultationBySlug(db, slug);
  if (!consultation) return text("Không tìm thấy", 404);
  const filters = { version: query.version, disposition: query.disposition };
  if (filterVersionId(consultation, filters.version) === undefined) return text("Dự thảo không có bản số này.", 404);
  const { file, name } = await responseReportFile(files, reportSql(), consultation, filters, format);
  return storedFileResponse(files, file, { "Content-Disposition": contentDisposition(name), "Cache-Control": "public, max-age=60" });
}
