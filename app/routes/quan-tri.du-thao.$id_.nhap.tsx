import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { findConsultation, handleImportAction, loadImportPage } from "~/consultations/import/import-page.server.ts";
import { IMPORT_LIMITS } from "~/consultations/import/import.server.ts";
import { previewStore } from "~/consultations/import/preview-store.server.ts";
import { PreviewSummary, SaveForm, UploadForm, WorkingCopyStatus } from "~/consultations/import/ui/import-preview.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Nhập dự thảo — ${data.consultation.title}` : "Nhập dự thảo" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const NOT_FOUND = () => new Response("Không tìm thấy dự thảo này.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "consultations.manage");
  const db = getDb();
  const consultation = await findConsultation(db, params.id ?? "");
  if (!consultation) throw NOT_FOUND();
  const page = await loadImportPage(db, previewStore(), user, consultation, new URL(request.url));
  return { ...page, csrfToken: user.csrfToken, maxBytes: IMPORT_LIMITS.maxFileBytes };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "consultations.manage", db);
  const consultation = await findConsultation(db, params.id ?? "");
  if (!consultation) throw NOT_FOUND();
  const outcome = await handleImportAction(db, previewStore(), user, consultation, formData);
  if ("redirect" in outcome) return redirect(outcome.redirect, 303);
  return data(outcome.answer, { status: outcome.status });
}

/** After a conflict the page must show the working copy as it is now (Remix skips loaders after a 4xx by default). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { conflict?: boolean } | undefined)?.conflict ? true : defaultShouldRevalidate;

export default function DraftImportPage() {
  const { consultation, workingCopy, preview, previewGone, csrfToken, maxBytes } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const saved = answer ? null : search.get("da-luu");
  const upload = answer?.intent === "tai-len" ? answer : null;
  const save = answer?.intent === "luu" ? answer : null;
  const base = `/quan-tri/du-thao/${consultation.id}`;
  return (
    <section aria-labelledby="import-title">
      <p className="breadcrumb">
        <Link to={base}>← {consultation.title}</Link>
      </p>
      <h1 id="import-title">Nhập dự thảo từ tệp</h1>
      <div role="status" aria-live="polite">
        {saved ? (
          <p className="notice-ok">
            Đã lưu bản nhập làm bản làm việc (lần sửa {saved}). <Link to={`${base}/soan-thao`}>Mở trình soạn thảo</Link> để sửa tiếp hoặc công bố.
          </p>
        ) : null}
        {previewGone && !saved ? (
          <p className="warning">Bản xem trước này không còn (đã được lưu, đã quá một giờ, hoặc của người khác). Hãy tải tệp lên lại.</p>
        ) : null}
      </div>
      <WorkingCopyStatus workingCopy={workingCopy} />
      {preview ? (
        <>
          <PreviewSummary fileName={preview.fileName} format={preview.format} preview={preview.preview} />
          <SaveForm csrfToken={csrfToken} token={preview.token} workingCopy={workingCopy} error={save?.error ?? null} fieldErrors={save?.fieldErrors ?? {}} />
        </>
      ) : null}
      <UploadForm csrfToken={csrfToken} maxBytes={maxBytes} error={upload?.error ?? null} fileName={upload?.fileName ?? null} />
    </section>
  );
}
