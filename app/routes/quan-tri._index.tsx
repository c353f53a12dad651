import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDuration, queueHealth } from "~/moderation/dashboard.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { getSql } from "~/platform/sql.server.ts";
import moderationStyles from "~/styles/moderation.css";
import { requireStaff } from "~/staff/auth.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: moderationStyles }];

export const meta: MetaFunction = () => [{ title: "Tổng quan kiểm duyệt" }, { name: "robots", content: "noindex, nofollow" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "dashboard.view");
  const health = await queueHealth(getDb(), getSql());
  return {
    ...health,
    oldestPending: health.oldestPendingAgeMs === null ? null : formatDuration(health.oldestPendingAgeMs),
    medianDecision: health.medianDecisionMs === null ? null : formatDuration(health.medianDecisionMs),
  };
}

export default function Dashboard() {
  const h = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="tong-quan">
      <h1 id="tong-quan">Tổng quan kiểm duyệt</h1>
      <dl className="figures">
        <div>
          <dt>Ý kiến chờ duyệt</dt>
          <dd>{formatCount(h.totalPending)}</dd>
        </div>
        <div>
          <dt>Chờ lâu nhất</dt>
          <dd>{h.oldestPending ?? "Không có"}</dd>
        </div>
        <div>
          <dt>Nhóm trùng lặp chờ duyệt</dt>
          <dd>{formatCount(h.pendingGroups)}</dd>
        </div>
        <div>
          <dt>Đã quyết định hôm nay</dt>
          <dd>{formatCount(h.decidedToday)}</dd>
        </div>
        <div>
          <dt>Thời gian chờ trung vị (hôm nay)</dt>
          <dd>
            {h.medianDecision ?? "Chưa có"}
            {h.medianOf ? <small> tính trên {formatCount(h.medianOf)} quyết định từng ý kiến, không kể duyệt hàng loạt</small> : null}
          </dd>
        </div>
      </dl>
      <h2>Chờ duyệt theo dự thảo</h2>
      {h.perConsultation.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Dự thảo</th>
              <th scope="col">Chờ duyệt</th>
              <th scope="col">Ý kiến chờ lâu nhất nhận lúc</th>
            </tr>
          </thead>
          <tbody>
            {h.perConsultation.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/quan-tri/kiem-duyet?consultation=${c.id}`}>{c.title}</Link>
                </th>
                <td>{formatCount(c.pending)}</td>
                <td>{formatDateTime(c.oldest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Không có ý kiến nào chờ duyệt.</p>
      )}
      <h2>Quyết định hôm nay theo người kiểm duyệt</h2>
      {h.perModerator.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Người kiểm duyệt</th>
              <th scope="col">Đã duyệt</th>
              <th scope="col">Đã từ chối</th>
              <th scope="col">Trong đó hàng loạt</th>
            </tr>
          </thead>
          <tbody>
            {h.perModerator.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>{formatCount(m.approved)}</td>
                <td>{formatCount(m.rejected)}</td>
                <td>{formatCount(m.bulk)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Cộng</th>
              <td>{formatCount(h.perModerator.reduce((sum, m) => sum + m.approved, 0))}</td>
              <td>{formatCount(h.perModerator.reduce((sum, m) => sum + m.rejected, 0))}</td>
              <td>{formatCount(h.perModerator.reduce((sum, m) => sum + m.bulk, 0))}</td>
            </tr>
          </tfoot>
        </table>
      ) : (
        <p>Hôm nay chưa có quyết định nào.</p>
      )}
    </section>
  );
}
