import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseAction, parseContact } from "~/personal-data/request-form.ts";
import { handleRequest } from "~/personal-data/requests.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { getSql } from "~/platform/sql.server.ts";
import { contentDisposition } from "~/reports/export/cells.ts";
import { vietnamDay } from "~/reports/filters.ts";
import { requireStaffAction } from "~/staff/auth.server.ts";

// The export of a personal-data request as a download: a resource route, since a page's action
// cannot answer with a file. A refused export goes back to the page, which names the fields to fix
// (`loi`). The form lives on /quan-tri/du-lieu-ca-nhan (ADR 027).

const PAGE = "/quan-tri/du-lieu-ca-nhan";

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const user = await requireStaffAction(request, formData, "personal-data.manage");
  formData.set("intent", "export");
  const parsed = parseAction(formData);
  const back = (errors: string[]) => {
    const contact = parseContact(String(formData.get("contact") ?? ""));
    return redirect(`${PAGE}?${new URLSearchParams({ ...(contact ? { "lien-he": contact.value } : {}), loi: errors.join(",") })}#xuat`, 303);
  };
  if (!parsed.ok) return back(Object.keys(parsed.fieldErrors));
  const now = new Date();
  const result = await handleRequest(getSql(), user, parsed.request, now);
  if (!result.ok || !result.document) return back(["form"]);
  return new Response(JSON.stringify(result.document, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": contentDisposition(`Dữ liệu cá nhân - ${vietnamDay(now)}.json`),
      "Cache-Control": "private, no-store",
    },
  });
}
