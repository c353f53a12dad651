import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server.ts";
import { contentDisposition } from "~/reports/export/cells.ts";
import { EXPORT_FORMATS, expiredMessage, exportJobFor, isExpired } from "~/reports/export/jobs.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";

// /quan-tri/bao-cao/xuat/<job>/tai-ve: the finished file, for the person who asked for it or an administrator.
const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "reports.view");
  const job = await exportJobFor(getDb(), params.jobId ?? "", user);
  if (!job) return text("Không tìm thấy lần xuất này.", 404);
  if (isExpired(job)) return text(expiredMessage(), 410);
  if (job.status !== "DONE" || !job.filePath) return text("Tệp chưa sẵn sàng. Vui lòng đợi xuất xong rồi tải lại.", 409);
  const format = EXPORT_FORMATS[job.format as keyof typeof EXPORT_FORMATS];
  let size: number;
  try {
    size = (await stat(job.filePath)).size;
  } catch {
    return text("Tệp đã bị xóa khỏi máy chủ. Vui lòng xuất lại.", 410);
  }
  const body = Readable.toWeb(createReadStream(job.filePath)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": format?.type ?? "application/octet-stream",
      "Content-Length": String(size),
      "Content-Disposition": contentDisposition(job.fileName ?? `bao-cao.${job.format}`),
      "Cache-Control": "private, no-store",
    },
  });
}
