import type { ActionFunctionArgs } from "@remix-run/node";
import { saveFromEditor } from "~/consultations/editor/save.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { requireStaffAction } from "~/staff/auth.server.ts";

// The editor's autosave (app/consultations/editor/draft-editor.tsx posts here): a multipart form with
// the CSRF token, the working copy's id, the revision it was loaded from and the document JSON.
// Answers JSON: saved (the new revision), conflict (who saved, when), missing or invalid. ADR 036.

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "consultations.manage", db);
  const { httpStatus, answer } = await saveFromEditor(db, { consultationId: params.id ?? "", form: formData, actorId: user.id });
  return Response.json(answer, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
}
