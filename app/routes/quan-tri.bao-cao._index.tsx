import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server.ts";
import { formatDate } from "~/platform/format.ts";
import { reportableConsultations } from "~/reports/document.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import reportStyles from "~/styles/reports.css";

// /quan-tri/bao-cao: choose the consultation to report on.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = () => [{ title: "Báo cáo, thống kê ý kiến" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const STATUS_LABELS: Record<string, string> = { DRAFT: "Chưa mở", OPEN: "Đang lấy ý kiến", CLOSED: "Đã kết thúc" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "reports.view");
  const consultations = await reportableConsultations(getDb());
  return { consultations: consultations.map((c) => ({ ...c, statusLabel: STATUS_LABELS[c.status] ?? c.status })) };
}

export default function ReportsIndex() {
  const { consultations } = useLoaderData<typeof loader>();
  return (
    <section className="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">Báo cáo, thống kê ý kiến</h1>
      <p className="hint">Chọn đợt lấy ý kiến để xem thống kê, chủ đề và xuất báo cáo.</p>
      {consultations.length === 0 ? (
        <p className="notice">Chưa có dự thảo nào được công bố.</p>
      ) : (
        <ul className="consultation-list">
          {consultations.map((c) => (
            <li key={c.id} className="consultation-card">
              <h2>
                <Link to={`/quan-tri/bao-cao/${encodeURIComponent(c.id)}`}>{c.title}</Link>
              </h2>
              <p className="status-line">
                <span className="badge">{c.statusLabel}</span>
                {c.opensAt ? ` · Từ ${formatDate(c.opensAt)}` : ""}
                {c.closesAt ? ` đến ${formatDate(c.closesAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
