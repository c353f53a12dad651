import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { findCommune } from "~/localities/localities.server.ts";
import { organizationFormAction, organizationFormOptions } from "~/organizations/form.server.ts";
import { localityFields } from "~/organizations/organization-form.ts";
import { getOrganization } from "~/organizations/tree.server.ts";
import type { OrganizationFormValues } from "~/organizations/ui/organization-fields.tsx";
import { OrganizationForm } from "~/organizations/ui/organization-form.tsx";
import { getDb } from "~/platform/db.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import organizationStyles from "~/styles/organizations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizationStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Tổ chức: ${data.name}` : "Tổ chức" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const NOT_FOUND = () => new Response("Không tìm thấy tổ chức.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "organizations.manage");
  const db = getDb();
  const organization = await getOrganization(db, params.id ?? "");
  if (!organization) throw NOT_FOUND();
  const locality = localityFields(organization.localityCode, (code) => findCommune(code)?.provinceCode);
  const values: OrganizationFormValues = {
    name: organization.name,
    code: organization.code ?? "",
    level: organization.level,
    kind: organization.kind,
    parentId: organization.parentId ?? "",
    ...locality,
  };
  const options = await organizationFormOptions(db, { provinceCode: locality.provinceCode, excludePath: organization.path });
  return { csrfToken: user.csrfToken, id: organization.id, name: organization.name, values, ...options };
}

export const action = ({ request, params }: ActionFunctionArgs) => organizationFormAction(request, params.id ?? "");

export default function OrganizationPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section aria-labelledby="organization-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/to-chuc">← Cây tổ chức</Link>
      </p>
      <h1 id="organization-title">{loaded.name}</h1>
      <p className="hint">Đổi tên, mã, cấp, loại, địa bàn, hoặc chuyển tổ chức (cùng các tổ chức trực thuộc) sang tổ chức cấp trên khác.</p>
      <OrganizationForm loaded={loaded} answer={answer} submitLabel="Lưu thay đổi" />
      <p>
        <Link to={`/quan-tri/to-chuc/moi?cap-tren=${loaded.id}`}>Thêm tổ chức trực thuộc</Link>
      </p>
    </section>
  );
}
