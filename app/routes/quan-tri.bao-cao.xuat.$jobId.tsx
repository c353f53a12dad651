import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { reportConsultation } from "~/reports/document.server.ts";
import { EXPORT_FORMATS, expiredMessage, exportJobFor, isExpired, wakeExportWorker } from "~/reports/export/jobs.server.ts";
import { parseReportFilters, reportSearch } from "~/reports/filters.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import reportStyles from "~/styles/reports.css";

// /quan-tri/bao-cao/xuat/<job>: an export's progress, then its download link. Without JavaScript the
// page refreshes itself (a meta refresh inside <noscript>); with it, the loader is polled every second.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = () => [{ title: "Xuất báo cáo" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const STATUS = { QUEUED: "Đang chờ đến lượt", RUNNING: "Đang xuất", DONE: "Đã xong", FAILED: "Không thành công" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "reports.view");
  const db = getDb();
  const job = await exportJobFor(db, params.jobId ?? "", user);
  if (!job) throw new Response("Không tìm thấy lần xuất này.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  // A queued job: wakes this process's worker if it is the one running exports (the others poll).
  if (job.status === "QUEUED") wakeExportWorker();
  const consultation = await reportConsultation(db, job.consultationId);
  let filters = "";
  try {
    filters = reportSearch(parseReportFilters(JSON.parse(job.filters) as Record<string, unknown>));
  } catch {
    filters = "";
  }
  return {
    id: job.id,
    status: job.status,
    formatLabel: EXPORT_FORMATS[job.format as keyof typeof EXPORT_FORMATS]?.label ?? job.format,
    unit: job.format === "docx" ? "bước" : "ý kiến",
    done: job.done,
    total: job.total,
    error: job.error,
    fileName: job.fileName,
    /** Finished, but the file was deleted after the retention period. */
    expired: isExpired(job) ? expiredMessage() : null,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    consultation: consultation ? { id: consultation.id, title: consultation.title } : null,
    back: consultation ? `/quan-tri/bao-cao/${encodeURIComponent(consultation.id)}${filters ? `?${filters}` : ""}` : "/quan-tri/bao-cao",
  };
}

export default function ExportProgress() {
  const job = useLoaderData<typeof loader>();
  const finished = job.status === "DONE" || job.status === "FAILED";
  const revalidator = useRevalidator();
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [finished, revalidator]);
  const max = Math.max(job.total, 1);
  const value = job.status === "DONE" ? max : Math.min(job.done, max);
  return (
    <section className="reports" aria-labelledby="export-title">
      {finished ? null : (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      )}
      <p className="breadcrumb">
        <Link to="/quan-tri/bao-cao">Báo cáo</Link> › <Link to={job.back}>Thống kê</Link> ›
      </p>
      <h1 id="export-title">Xuất báo cáo</h1>
      {job.consultation ? <p className="consultation-name">{job.consultation.title}</p> : null}
      <p>
        {job.formatLabel} · yêu cầu lúc {formatDateTime(job.createdAt)}
      </p>
      <div className="export-progress" aria-live="polite">
        <p>
          <strong data-testid="export-status">{STATUS[job.status as keyof typeof STATUS] ?? job.status}</strong>
          {job.total > 0 && job.status !== "FAILED"
            ? ` · ${formatCount(job.status === "DONE" ? job.total : Math.min(job.done, job.total))} / ${formatCount(job.total)} ${job.unit}`
            : ""}
        </p>
        <progress max={max} value={job.status === "QUEUED" ? undefined : value} aria-label="Tiến độ xuất tệp">
          {Math.round((100 * value) / max)}%
        </progress>
      </div>
      {job.expired ? (
        <p className="hint" data-testid="export-expired">
          {job.expired}
        </p>
      ) : job.status === "DONE" ? (
        <p className="success">
          <a className="button primary" href={`/quan-tri/bao-cao/xuat/${job.id}/tai-ve`} download={job.fileName ?? undefined}>
            Tải về {job.fileName}
          </a>
        </p>
      ) : null}
      {job.status === "FAILED" ? (
        <p className="form-error" role="alert">
          {job.error ?? "Không xuất được tệp."}
        </p>
      ) : null}
      {!finished ? <p className="hint">Trang tự cập nhật. Bạn có thể rời trang này; tệp vẫn được tạo và có trong mục “Các lần xuất gần đây”.</p> : null}
      <p>
        <Link to={job.back}>Quay lại thống kê</Link>
      </p>
    </section>
  );
}
