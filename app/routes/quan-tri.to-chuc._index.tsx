import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { describeLocality } from "~/localities/localities.server.ts";
import { importOrganizations } from "~/organizations/import.server.ts";
import { IMPORT_COLUMNS } from "~/organizations/import-rows.ts";
import { isKind, isLevel, KIND_LABELS, LEVEL_LABELS, localityShape } from "~/organizations/kinds.ts";
import { listOrganizationTree } from "~/organizations/tree.server.ts";
import { RowErrors } from "~/organizations/ui/row-errors.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { formatCount } from "~/platform/format.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import organizationStyles from "~/styles/organizations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizationStyles }];
export const meta: MetaFunction = () => [{ title: "Cây tổ chức" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "organizations.manage");
  const tree = await listOrganizationTree(getDb());
  return {
    csrfToken: user.csrfToken,
    organizations: tree.map((o) => ({
      id: o.id,
      name: o.name,
      code: o.code,
      depth: o.depth,
      level: isLevel(o.level) ? LEVEL_LABELS[o.level] : o.level,
      kind: isKind(o.kind) ? KIND_LABELS[o.kind] : o.kind,
      locality: describeLocality(
        localityShape(o.localityCode) === "province" ? o.localityCode : null,
        localityShape(o.localityCode) === "commune" ? o.localityCode : null,
      ).join(", "),
      users: o.users,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "organizations.manage", db);
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return data({ ok: false as const, formError: "Vui lòng chọn tệp CSV danh sách tổ chức.", errors: [] }, { status: 400 });
  }
  const result = await importOrganizations(db, user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  return data(result, { status: result.ok ? 200 : 400 });
}

const NOTICES: Record<string, string> = { "da-tao": "Đã thêm tổ chức.", "da-luu": "Đã lưu thay đổi." };

export default function OrganizationsPage() {
  const { organizations, csrfToken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const notice = NOTICES[search.get("thong-bao") ?? ""];
  const importing = navigation.state === "submitting" && navigation.formData?.get("intent") === "nhap-csv";
  return (
    <section aria-labelledby="organizations-title" className="organizations">
      <h1 id="organizations-title">Cây tổ chức</h1>
      <p className="hint">
        Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội theo cấp: trung ương › tỉnh › huyện › xã. Đại diện của một tổ chức thấy và báo cáo các ý kiến
        do tổ chức đó và các tổ chức trực thuộc thu thập, cùng các ý kiến gửi trực tuyến từ địa bàn của tổ chức.
      </p>
      {notice ? (
        <p className="notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        <Link to="/quan-tri/to-chuc/moi" className="button primary">
          Thêm tổ chức
        </Link>
      </p>
      {organizations.length === 0 ? (
        <p className="notice">Chưa có tổ chức nào. Hãy thêm tổ chức gốc (ví dụ Ủy ban MTTQ tỉnh) hoặc nhập từ tệp CSV.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="organizations-caption" tabIndex={0}>
          <table className="staff-table org-tree">
            <caption id="organizations-caption">{formatCount(organizations.length)} tổ chức</caption>
            <thead>
              <tr>
                <th scope="col">Tên tổ chức</th>
                <th scope="col">Mã</th>
                <th scope="col">Cấp</th>
                <th scope="col">Loại</th>
                <th scope="col">Địa bàn</th>
                <th scope="col">Tài khoản</th>
                <th scope="col">
                  <span className="visually-hidden">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((o) => (
                <tr key={o.id}>
                  <th scope="row" className={`org-name org-depth-${Math.min(o.depth, 6)}`}>
                    {o.depth > 0 ? <span aria-hidden="true">└ </span> : null}
                    <Link to={`/quan-tri/to-chuc/${o.id}`}>{o.name}</Link>
                  </th>
                  <td>{o.code ?? "—"}</td>
                  <td>{o.level}</td>
                  <td>{o.kind}</td>
                  <td>{o.locality || "—"}</td>
                  <td>{o.users}</td>
                  <td>
                    <Link to={`/quan-tri/to-chuc/moi?cap-tren=${o.id}`}>
                      Thêm trực thuộc<span className="visually-hidden"> {o.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="import-title">Nhập từ tệp CSV</h2>
      <p className="hint">
        Các cột: <code>{IMPORT_COLUMNS.join(", ")}</code>. <code>cap</code>: trung-uong, tinh, huyen hoặc xa. <code>loai</code>: MTTQ, DOAN_THANH_NIEN, PHU_NU,
        CONG_DOAN, NONG_DAN, CUU_CHIEN_BINH, KHAC (hoặc tên, ví dụ «Hội Nông dân»; để trống là MTTQ). <code>ma_cap_tren</code>: mã của tổ chức cấp trên, có
        trong tệp (ở dòng nào cũng được) hoặc đã có trong cây. <code>ma_dia_ban</code>: mã tỉnh (2 chữ số) hoặc mã xã (5 chữ số). Dòng có mã đã có sẽ cập nhật
        tổ chức đó. Nếu có dòng sai, không dòng nào được lưu.{" "}
        <a href="/quan-tri/to-chuc/mau.csv" download>
          Tải tệp mẫu
        </a>
        .
      </p>
      <Form method="post" encType="multipart/form-data" className="staff-form" aria-labelledby="import-title">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="nhap-csv" />
        <div className="field">
          <label htmlFor="f-file">Tệp CSV (UTF-8)</label>
          <input id="f-file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" className="primary" disabled={importing}>
          {importing ? "Đang xử lý…" : "Nhập danh sách"}
        </button>
      </Form>
      <div role="status" aria-live="polite">
        {importing ? <p className="notice">Đang xử lý tệp…</p> : null}
        {answer?.ok ? (
          <p className="notice-ok">
            Đã nhập: {answer.created} tổ chức mới, {answer.updated} cập nhật, {answer.unchanged} không đổi.
          </p>
        ) : null}
      </div>
      {answer && !answer.ok ? <RowErrors formError={answer.formError} errors={answer.errors} nothingStored /> : null}
    </section>
  );
}
