import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileStore, findStoredFile, storedFileResponse } from "~/files/stored-files.server.ts";
import { contentDisposition } from "~/reports/export/cells.ts";
import { EXPORT_FORMATS, expiredMessage, exportJobFor, isExpired } from "~/reports/export/jobs.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";

// /quan-tri/bao-cao/xuat/<job>/tai-ve: the finished file, for the person who asked for it or an administrator,
// streamed from the database by whichever server answers (ADR 052); a file made before that, from EXPORT_DIR.
const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
const GONE = "Tệp đã bị xóa khỏi máy chủ. Vui lòng xuất lại.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "reports.view");
  const files = fileStore();
  const job = await exportJobFor(files.db, params.jobId ?? "", user);
  if (!job) return text("Không tìm thấy lần xuất này.", 404);
  if (isExpired(job)) return text(expiredMessage(), 410);
  if (job.status !== "DONE") return text("Tệp chưa sẵn sàng. Vui lòng đợi xuất xong rồi tải lại.", 409);
  const format = EXPORT_FORMATS[job.format as keyof typeof EXPORT_FORMATS];
  const headers = {
    "Content-Type": format?.type ?? "application/octet-stream",
    "Content-Disposition": contentDisposition(job.fileName ?? `bao-cao.${job.format}`),
    "Cache-Control": "private, no-store",
  };
  if (job.fileId) {
    const file = await findStoredFile(files, job.fileId);
    return file ? storedFileResponse(files, file, headers) : text(GONE, 410);
  }
  let size: number;
  try {
    size = (await stat(job.filePath!)).size;
  } catch {
    return text(GONE, 410);
  }
  const body = Readable.toWeb(createReadStream(job.filePath!)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { ...headers, "Content-Length": String(size) } });
}
