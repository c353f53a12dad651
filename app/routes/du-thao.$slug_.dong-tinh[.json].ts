import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { issueChallenge } from "~/comments/captcha.server.ts";
import { consultationForSubmission } from "~/comments/submission-cache.server.ts";
import { describeSupport } from "~/comments/support-form.ts";
import { supportOpinion } from "~/comments/supports.server.ts";
import { publicStatus } from "~/consultations/status.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";

// The "Đồng tình" button with JavaScript (ADR 046): GET gives a captcha challenge for the draft (null
// when it takes no supports now), which the browser solves in the background; POST records the support
// and answers { ok, message, count } in Vietnamese. Never cached.

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const slug = params.slug ?? "";
  const now = new Date();
  const consultation = await consultationForSubmission(db, slug, now);
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId)
    return Response.json({ challenge: null }, { status: 404, headers: NO_STORE });
  const open = publicStatus(consultation, now) === "open" && consultation.acceptsOnline;
  return Response.json({ challenge: open ? await issueChallenge(db, slug, now) : null }, { headers: NO_STORE });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const result = await supportOpinion(getDb(), params.slug ?? "", formData, { clientAddress: context.clientAddress ?? null });
  const { httpStatus, ...answer } = describeSupport(result);
  const headers = result.status === "rate-limited" ? { ...NO_STORE, "Retry-After": String(result.retryAfter) } : NO_STORE;
  return Response.json(answer, { status: httpStatus, headers });
}
