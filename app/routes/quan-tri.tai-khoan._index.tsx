import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/platform/db.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import { listAccounts } from "~/staff/accounts.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import { ROLE_LABELS } from "~/staff/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Tài khoản quản trị" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "users.manage");
  const now = new Date();
  const accounts = await listAccounts(getDb());
  return {
    accounts: accounts.map((a) => ({
      id: a.id,
      email: a.email,
      name: a.name,
      role: ROLE_LABELS[a.role],
      organization: a.organization?.name ?? null,
      status: !a.active ? "Đã vô hiệu hóa" : a.lockedUntil && a.lockedUntil > now ? `Tạm khóa đến ${formatDateTime(a.lockedUntil)}` : "Đang hoạt động",
      active: a.active,
    })),
  };
}

const NOTICES: Record<string, string> = { "da-tao": "Đã tạo tài khoản." };

export default function AccountsPage() {
  const { accounts } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const notice = NOTICES[search.get("thong-bao") ?? ""];
  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">Tài khoản</h1>
      {notice ? (
        <p className="notice-ok" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        <Link to="/quan-tri/tai-khoan/moi" className="button primary">
          Tạo tài khoản
        </Link>
      </p>
      <div className="table-scroll" role="region" aria-labelledby="accounts-caption" tabIndex={0}>
        <table className="staff-table">
          <caption id="accounts-caption">{accounts.length} tài khoản</caption>
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Thư điện tử</th>
              <th scope="col">Vai trò</th>
              <th scope="col">Tổ chức</th>
              <th scope="col">Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} className={a.active ? undefined : "inactive"}>
                <th scope="row">
                  <Link to={`/quan-tri/tai-khoan/${a.id}`}>{a.name}</Link>
                </th>
                <td>{a.email}</td>
                <td>{a.role}</td>
                <td>{a.organization ?? "—"}</td>
                <td>{a.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
