import type { LoaderFunctionArgs } from "@remix-run/node";
import { getConference, versionBlocks } from "~/conferences/conferences.server.ts";
import { buildTemplate } from "~/conferences/template.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";

// The opinions template of a conference's consultation: the block labels of its published version.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "conferences.manage");
  const db = getDb();
  const conference = await getConference(db, user, params.id ?? "");
  const versionId = conference?.consultation.publishedVersionId;
  if (!conference || !versionId) {
    return new Response("Không tìm thấy hội nghị này, hoặc hội nghị không thuộc tổ chức của bạn.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const file = await buildTemplate({
    consultationTitle: conference.consultation.title,
    blocks: await versionBlocks(db, versionId),
    charLimit: conference.consultation.commentCharLimit,
  });
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="mau-y-kien-${conference.consultation.slug}.xlsx"; filename*=UTF-8''mau-y-kien-${encodeURIComponent(conference.consultation.slug)}.xlsx`,
      "Cache-Control": "private, no-store",
    },
  });
}
