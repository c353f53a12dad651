import { data, redirect } from "@remix-run/node";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";
import { requireStaffAction } from "~/staff/auth.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { ORGANIZATION_FIELDS, organizationFormSchema } from "./organization-form.ts";
import { createOrganization, listOrganizationTree, updateOrganization, type Actor } from "./tree.server.ts";
import type { OrganizationFormValues } from "./ui/organization-fields.tsx";

// What the create and edit pages share: the lists their form offers, and handling a post.

/** Parents to choose from (never the organization itself or one below it), provinces, and the chosen province's communes. */
export async function organizationFormOptions(db: Db, { provinceCode, excludePath }: { provinceCode: string; excludePath?: string }) {
  const tree = await listOrganizationTree(db);
  return {
    parents: tree.filter((o) => !excludePath || !o.path.startsWith(excludePath)).map(({ id, name, depth }) => ({ id, name, depth })),
    provinces: listProvinces().map(({ code, name }) => ({ code, name })),
    communes: provinceCode ? listCommunes(provinceCode).map(({ code, name }) => ({ code, name })) : [],
  };
}

export type OrganizationFormAnswer =
  | { saved: true; id: string }
  | { saved: false; status: 400 | 404 | 409 | 200; values: OrganizationFormValues; fieldErrors: Record<string, string>; formError: string | null };

/** A post of the form: "chon-tinh" only refreshes the commune list; otherwise the organization is created (no id) or updated. */
export async function handleOrganizationForm(db: Db, actor: Actor, formData: FormData, id?: string): Promise<OrganizationFormAnswer> {
  const values = formFields(formData, ORGANIZATION_FIELDS) as OrganizationFormValues;
  if (formData.get("intent") === "chon-tinh") return { saved: false, status: 200, values: { ...values, communeCode: "" }, fieldErrors: {}, formError: null };
  const parsed = organizationFormSchema.safeParse(values);
  if (!parsed.success) return { saved: false, status: 400, values, fieldErrors: fieldErrorsOf(parsed.error), formError: null };
  const result = id === undefined ? await createOrganization(db, actor, parsed.data) : await updateOrganization(db, actor, id, parsed.data);
  if (result === null)
    return { saved: false, status: 404, values, fieldErrors: {}, formError: "Không tìm thấy tổ chức này: có thể nó vừa bị thay đổi. Vui lòng tải lại trang." };
  if (!result.ok) return { saved: false, status: result.formError ? 409 : 400, values, fieldErrors: result.fieldErrors, formError: result.formError ?? null };
  return { saved: true, id: result.id };
}

/** The create (no id) and edit pages' action: saved → back to the tree with a notice; else the form again with its errors. */
export async function organizationFormAction(request: Request, id?: string) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "organizations.manage", db);
  const answer = await handleOrganizationForm(db, user, formData, id);
  if (answer.saved) throw redirect(`/quan-tri/to-chuc?thong-bao=${id === undefined ? "da-tao" : "da-luu"}`, 303);
  const options = await organizationFormOptions(db, { provinceCode: answer.values.provinceCode ?? "" });
  return data({ ...answer, communes: options.communes }, { status: answer.status });
}
