import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listConsultationsForStaff } from "~/consultations/drafting/consultations.server.ts";
import { draftingLinks } from "~/consultations/drafting/ui/styles.ts";
import { STAFF_STATUS_LABEL } from "~/consultations/status.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import { CONSULTATION_KINDS } from "~/vocabulary/vocabulary.ts";

export const links: LinksFunction = draftingLinks;
export const meta: MetaFunction = () => [{ title: "Dự thảo và đợt lấy ý kiến" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "consultations.manage");
  return { consultations: await listConsultationsForStaff(getDb()) };
}

export default function ConsultationsAdminPage() {
  const { consultations } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="drafts-title">
      <h1 id="drafts-title">Dự thảo và đợt lấy ý kiến</h1>
      <p className="hint">
        Mỗi đợt lấy ý kiến bắt đầu là bản nháp (không công khai): nhập hoặc soạn bản dự thảo, công bố, rồi lên lịch. Đợt lấy ý kiến tự mở và tự kết thúc theo
        thời gian đã đặt (giờ Việt Nam).
      </p>
      <p>
        <Link to="/quan-tri/du-thao/moi" className="button primary">
          Tạo đợt lấy ý kiến
        </Link>
      </p>
      {consultations.length === 0 ? (
        <p className="notice">Chưa có đợt lấy ý kiến nào.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="drafts-caption" tabIndex={0}>
          <table className="staff-table draft-table">
            <caption id="drafts-caption">{formatCount(consultations.length)} đợt lấy ý kiến</caption>
            <thead>
              <tr>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Thời gian lấy ý kiến</th>
                <th scope="col">Ý kiến</th>
                <th scope="col">Bản dự thảo</th>
              </tr>
            </thead>
            <tbody>
              {consultations.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/quan-tri/du-thao/${c.id}`}>{c.title}</Link>
                    <br />
                    <span className="hint">
                      {CONSULTATION_KINDS[c.kind]} · /du-thao/{c.slug}
                    </span>
                  </td>
                  <td>
                    <span className={`badge status-${c.state}`}>{STAFF_STATUS_LABEL[c.state]}</span>
                  </td>
                  <td>
                    {c.opensAt || c.closesAt ? (
                      <>
                        {formatDateTime(c.opensAt) || "—"} đến {formatDateTime(c.closesAt) || "—"}
                      </>
                    ) : (
                      "Chưa đặt"
                    )}
                  </td>
                  <td className="numbers">
                    {formatCount(c.comments.pending)} chờ duyệt
                    <br />
                    {formatCount(c.comments.approved)} đã duyệt
                    {c.comments.rejected ? (
                      <>
                        <br />
                        {formatCount(c.comments.rejected)} bị từ chối
                      </>
                    ) : null}
                  </td>
                  <td>
                    {c.publishedVersion ? `Bản số ${c.publishedVersion.number} đã công bố: ${formatCount(c.publishedVersion.blocks)} đoạn` : "Chưa công bố"}
                    <br />
                    <span className="hint">{c.hasWorkingCopy ? "Có bản làm việc chưa công bố" : "Không có bản làm việc"}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
