import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { getDb } from "~/platform/db.server.ts";
import { contentDisposition } from "~/reports/export/cells.ts";
import { reportSql } from "~/reports/report-sql.server.ts";
import { parseResponseReportQuery } from "./filters.ts";
import { RESPONSE_FORMATS, responseReportFile, type ResponseFormat } from "./files.server.ts";
import { filterVersionId, reportConsultationBySlug } from "./report.server.ts";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The response of a public file download: the cached file (built when needed), or a Vietnamese refusal. */
export async function serveResponseReportFile(slug: string, search: URLSearchParams, format: ResponseFormat): Promise<Response> {
  const query = parseResponseReportQuery(search);
  if (!query) return text("Bộ lọc không hợp lệ: chọn bản dự thảo và kết quả xử lý trong danh sách.", 400);
  const db = getDb();
  const consultation = await reportConsultationBySlug(db, slug);
  if (!consultation) return text("Không tìm thấy", 404);
  const filters = { version: query.version, disposition: query.disposition };
  if (filterVersionId(consultation, filters.version) === undefined) return text("Dự thảo không có bản số này.", 404);
  const { file, name } = await responseReportFile(db, reportSql(), consultation, filters, format);
  const size = (await stat(file)).size;
  return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": RESPONSE_FORMATS[format].type,
      "Content-Length": String(size),
      "Content-Disposition": contentDisposition(name),
      "Cache-Control": "public, max-age=60",
    },
  });
}
