import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { reportConsultation } from "~/reports/document.server.ts";
import { isExportFormat, requestExport } from "~/reports/export/jobs.server.ts";
import { parseReportFilters } from "~/reports/filters.ts";
import { reportSql } from "~/reports/report-sql.server.ts";
import { statisticsPage } from "~/reports/page.server.ts";
import { reportQuery } from "~/reports/query.server.ts";
import { StatisticsPage } from "~/reports/ui/statistics-page.tsx";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import reportStyles from "~/styles/reports.css";

// /quan-tri/bao-cao/<consultation>: statistics with filters (GET), and export requests (POST).
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = () => [{ title: "Thống kê ý kiến" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const notFound = () => new Response("Không tìm thấy đợt lấy ý kiến.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "reports.view");
  const search = new URL(request.url).searchParams;
  const page = await statisticsPage(getDb(), reportSql(), user, params.consultationId ?? "", parseReportFilters(search), { fresh: search.get("moi") === "1" });
  if (!page) throw notFound();
  return { ...page, canExport: user.permissions.has("reports.export"), csrfToken: user.csrfToken };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const user = await requireStaffAction(request, formData, "reports.export");
  const db = getDb();
  const consultation = await reportConsultation(db, params.consultationId ?? "");
  if (!consultation) throw notFound();
  const format = formData.get("format");
  if (!isExportFormat(format)) return data({ error: "Vui lòng chọn định dạng tệp: Word, Excel hoặc CSV." }, { status: 400 });
  // The filters are checked against the user's scope now; the job checks them again when it runs.
  const fields = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
  const { filters } = await reportQuery(db, user, consultation.id, parseReportFilters(fields));
  const jobId = await requestExport(db, user, { consultationId: consultation.id, format, filters });
  throw redirect(`/quan-tri/bao-cao/xuat/${jobId}`);
}

export default function ReportPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return <StatisticsPage {...loaded} exportError={answer?.error ?? null} />;
}
