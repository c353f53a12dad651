import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { answersAction, answersPage } from "~/answers/page.server.ts";
import { AnswersPage, type ActionView, type AnswersPageData } from "~/answers/ui/answers-page.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { getSql } from "~/platform/sql.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import answerStyles from "~/styles/answers.css";

// /quan-tri/tiep-thu/:consultationId: progress per section, the opinions to answer, the answer forms.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: answerStyles }];
export const meta: MetaFunction = () => [{ title: "Tiếp thu, giải trình ý kiến" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "answers.view");
  const page = await answersPage(getDb(), getSql(), user, params.consultationId ?? "", new URL(request.url).searchParams);
  if (!page) throw new Response("Không tìm thấy dự thảo", { status: 404 });
  return { page, csrfToken: user.csrfToken };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "answers.manage", db);
  const result = await answersAction(db, getSql(), user, params.consultationId ?? "", formData);
  if (!result) return new Response("Yêu cầu không hợp lệ.", { status: 400 });
  return result;
}

export default function AnswersConsultation() {
  const { page, csrfToken } = useLoaderData<typeof loader>();
  const action = useActionData<typeof action>() as ActionView | undefined;
  const location = useLocation();
  return <AnswersPage data={page as unknown as AnswersPageData} action={action ?? null} csrfToken={csrfToken} search={location.search} />;
}
