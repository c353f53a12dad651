import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server.ts";
import { parseReportFilters } from "~/reports/filters.ts";
import { reportSql } from "~/reports/report-sql.server.ts";
import { parseThemeTarget, themesPage } from "~/reports/themes-page.server.ts";
import { ThemesView } from "~/reports/ui/themes-view.tsx";
import { requireStaff } from "~/staff/auth.server.ts";
import reportStyles from "~/styles/reports.css";

// /quan-tri/bao-cao/<consultation>/chu-de?block=…|section=…|whole=1 (+ the statistics filters).
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = () => [{ title: "Chủ đề của ý kiến" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "reports.view");
  const search = new URL(request.url).searchParams;
  const target = parseThemeTarget(search);
  const page = target ? await themesPage(getDb(), reportSql(), user, params.consultationId ?? "", parseReportFilters(search), target) : null;
  if (!page) throw new Response("Không tìm thấy phần hoặc đoạn này của dự thảo.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return page;
}

export default function ThemesPage() {
  return <ThemesView {...useLoaderData<typeof loader>()} />;
}
