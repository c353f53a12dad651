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
export const meta: MetaFunction = () => [{ title: "Thêm tổ chức" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** A new organization under ?cap-tren=<id> starts one level below it, in its locality's province. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "organizations.manage");
  const db = getDb();
  const parentId = new URL(request.url).searchParams.get("cap-tren");
  const parent = parentId ? await getOrganization(db, parentId) : null;
  const below = { CENTRAL: "PROVINCE", PROVINCE: "DISTRICT", DISTRICT: "COMMUNE", COMMUNE: "COMMUNE" } as const;
  const locality = localityFields(parent?.localityCode ?? null, (code) => findCommune(code)?.provinceCode);
  const values: OrganizationFormValues = parent
    ? { parentId: parent.id, level: below[parent.level], kind: "MTTQ", provinceCode: locality.provinceCode, communeCode: locality.communeCode }
    : { kind: "MTTQ" };
  return { csrfToken: user.csrfToken, values, ...(await organizationFormOptions(db, { provinceCode: values.provinceCode ?? "" })) };
}

export const action = ({ request }: ActionFunctionArgs) => organizationFormAction(request);

export default function NewOrganizationPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section aria-labelledby="new-organization-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/to-chuc">← Cây tổ chức</Link>
      </p>
      <h1 id="new-organization-title">Thêm tổ chức</h1>
      <OrganizationForm loaded={loaded} answer={answer} submitLabel="Thêm tổ chức" />
    </section>
  );
}
