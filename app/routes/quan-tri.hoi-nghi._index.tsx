import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CHANNELS } from "~/conferences/conference-form.ts";
import { consultationsForIntake, listConferences } from "~/conferences/conferences.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDate } from "~/platform/format.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import organizationStyles from "~/styles/organizations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizationStyles }];
export const meta: MetaFunction = () => [{ title: "Hội nghị, thư góp ý" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "conferences.manage");
  const db = getDb();
  const consultationId = new URL(request.url).searchParams.get("du-thao") || null;
  const [{ scope, rows }, consultations] = await Promise.all([listConferences(db, user, { consultationId }), consultationsForIntake(db)]);
  return {
    noOrganization: scope.kind === "none",
    consultations: consultations.map(({ id, title }) => ({ id, title })),
    conferences: rows.map((c) => ({
      id: c.id,
      title: c.title,
      channel: CHANNELS[c.channel as keyof typeof CHANNELS] ?? c.channel,
      heldOn: formatDate(c.heldOn),
      organization: c.organization.name,
      consultation: c.consultation.title,
      attendees: c.attendees,
      opinions: c._count.comments,
    })),
  };
}

export default function ConferencesPage() {
  const { conferences, consultations, noOrganization } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="conferences-title">
      <h1 id="conferences-title">Hội nghị, thư góp ý</h1>
      <p className="hint">
        Ghi nhận các hội nghị lấy ý kiến và thư, văn bản góp ý mà tổ chức đã thu thập, cùng các ý kiến trong đó (gõ từng ý kiến hoặc tải lên tệp Excel, CSV).
        Các ý kiến này được kiểm duyệt như ý kiến gửi trực tuyến và được thống kê riêng theo hình thức.
      </p>
      {noOrganization ? (
        <p className="notice" role="status">
          Tài khoản của bạn chưa gắn với tổ chức nào nên chưa ghi nhận được hội nghị. Vui lòng liên hệ quản trị viên.
        </p>
      ) : (
        <p>
          <Link to="/quan-tri/hoi-nghi/moi" className="button primary">
            Ghi nhận hội nghị hoặc thư góp ý
          </Link>
        </p>
      )}
      {consultations.length > 1 ? (
        <Form method="get" className="staff-form" aria-label="Lọc theo dự thảo">
          <div className="field">
            <label htmlFor="f-du-thao">Dự thảo</label>
            <select id="f-du-thao" name="du-thao" defaultValue={search.get("du-thao") ?? ""}>
              <option value="">Tất cả dự thảo</option>
              {consultations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            Lọc
          </button>
        </Form>
      ) : null}
      {conferences.length === 0 ? (
        <p className="notice">Chưa có hội nghị hay thư góp ý nào được ghi nhận.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="conferences-caption" tabIndex={0}>
          <table className="staff-table conference-table">
            <caption id="conferences-caption">{formatCount(conferences.length)} hội nghị, thư góp ý</caption>
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col">Tên</th>
                <th scope="col">Hình thức</th>
                <th scope="col">Tổ chức</th>
                <th scope="col">Dự thảo</th>
                <th scope="col">Số người dự</th>
                <th scope="col">Số ý kiến</th>
              </tr>
            </thead>
            <tbody>
              {conferences.map((c) => (
                <tr key={c.id}>
                  <td>{c.heldOn}</td>
                  <th scope="row">
                    <Link to={`/quan-tri/hoi-nghi/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>{c.channel}</td>
                  <td>{c.organization}</td>
                  <td>{c.consultation}</td>
                  <td>{c.attendees === null ? "—" : formatCount(c.attendees)}</td>
                  <td>{formatCount(c.opinions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
