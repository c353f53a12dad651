import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveResponseReportFile } from "~/reports/response/download.server.ts";

// /du-thao/<slug>/tiep-thu-giai-trinh.docx: the public response report as a file, with the page's filters (ADR 040).
export async function loader({ params, request }: LoaderFunctionArgs) {
  return serveResponseReportFile(params.slug ?? "", new URL(request.url).searchParams, "docx");
}
