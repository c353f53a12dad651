import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { DraftEditor, type DraftEditorHandle } from "~/consultations/editor/draft-editor.tsx";
import { editorAction, editorPage } from "~/consultations/editor/page.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";
import editorStyles from "~/styles/editor.css";

// The working copy in the browser editor (tiptap), saved by itself through the resource route
// quan-tri.du-thao.$id_.soan-thao_.luu.ts; publishing it (a plain form, works without JavaScript)
// renders the blocks the public page reads. Without a working copy: start one from the published
// version (same block ids: comments stay attached), an empty one, or import a file. ADR 036.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page ? `Soạn thảo: ${page.consultation.title}` : "Soạn thảo" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const NOTICES: Record<string, string> = {
  "bat-dau": "Đã tạo bản làm việc.",
  "da-co": "Bản làm việc vừa được người khác tạo trước: đây là bản đó.",
  "cong-bo": "Đã công bố bản làm việc",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "consultations.manage");
  const page = await editorPage(getDb(), params.id ?? "");
  if (!page) throw new Response("Không tìm thấy đợt lấy ý kiến này.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const search = new URL(request.url).searchParams;
  const done = search.get("xong") ?? "";
  const version = Number(search.get("phien-ban"));
  const notice = NOTICES[done]
    ? done === "cong-bo" && Number.isInteger(version)
      ? `${NOTICES[done]}: phiên bản ${version} là bản người đọc đang thấy.`
      : NOTICES[done]
    : null;
  return { ...page, csrfToken: user.csrfToken, notice, justPublished: done === "cong-bo" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "consultations.manage", db);
  const path = new URL(request.url).pathname;
  const result = await editorAction(db, { consultationId: params.id ?? "", form: formData, actorId: user.id, path });
  if (result.ok) return redirect(result.redirectTo, 303);
  return data({ message: result.message }, { status: result.httpStatus });
}

/** One way to start the working copy: a plain form (works without JavaScript). */
function StartForm(props: { from: "ban-cong-bo" | "trong"; label: string; primary?: boolean; csrfToken: string; busy: boolean; children?: React.ReactNode }) {
  return (
    <Form method="post">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value="bat-dau" />
      <input type="hidden" name="tu" value={props.from} />
      <button type="submit" className={props.primary ? "primary" : "secondary"} disabled={props.busy}>
        {props.label}
      </button>
      {props.children}
    </Form>
  );
}

export default function DraftEditorPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const editor = useRef<DraftEditorHandle>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const messages = useFocusOn(answer ?? publishError);
  const copy = page.workingCopy;
  const importPath = `/quan-tri/du-thao/${page.consultation.id}/nhap`;
  const busy = navigation.state !== "idle" || publishing;

  // With the editor on the page, what is typed is saved first, then the revision saved is published.
  const onPublish = async (event: FormEvent<HTMLFormElement>) => {
    if (!editor.current) return;
    event.preventDefault();
    const form = event.currentTarget;
    setPublishing(true);
    setPublishError(null);
    try {
      const saved = await editor.current.flush();
      if (!saved.saved) {
        setPublishError(`Chưa công bố: phần vừa sửa chưa được lưu. ${saved.message}`);
        return;
      }
      const body = new FormData(form);
      body.set("baseRevision", String(saved.revision));
      submit(body, { method: "post" });
    } finally {
      setPublishing(false);
    }
  };

  return (
    <section aria-labelledby="soan-thao-title" className="draft-editor-page">
      <p className="breadcrumb">
        <Link to={`/quan-tri/du-thao/${page.consultation.id}`}>← {page.consultation.title}</Link>
      </p>
      <h1 id="soan-thao-title">Soạn thảo bản làm việc</h1>
      <p className="status-line">
        {page.consultation.title} · <span className="badge">{page.consultation.status}</span>
        {page.published
          ? ` · Đang công bố: phiên bản ${page.published.number} (${page.published.publishedAt}, ${page.published.blocks} khối)`
          : " · Chưa công bố phiên bản nào"}
      </p>
      {page.notice ? (
        <p role="status" className="notice-ok">
          {page.notice} {page.justPublished && page.consultation.publicPath ? <a href={page.consultation.publicPath}>Xem trang công khai</a> : null}
          {page.justPublished && !page.consultation.publicPath ? "Đợt lấy ý kiến còn là bản nháp: trang công khai chưa hiện cho người đọc." : null}
        </p>
      ) : null}
      <FormMessages formError={answer?.message ?? publishError} errorCount={0} focusRef={messages} failed="Chưa thực hiện được" />

      {copy ? (
        <>
          <p className="hint">
            Bản làm việc (phiên bản {copy.number}, lần lưu thứ {copy.revision}). {copy.lastSaved} Người đọc chỉ thấy nội dung này sau khi bạn công bố.{" "}
            <a href={importPath}>Thay bằng bản nhập từ tệp</a>
            {copy.revises ? (
              <>
                {" · "}
                <a href={`/quan-tri/du-thao/${page.consultation.id}/doi-chieu`}>Đối chiếu với bản đang công bố</a>
              </>
            ) : null}
          </p>
          <DraftEditor
            key={copy.versionId}
            handle={editor}
            versionId={copy.versionId}
            revision={copy.revision}
            title={copy.title}
            contentJson={copy.contentJson}
            readOnlyHtml={copy.readOnlyHtml}
            saveUrl={`/quan-tri/du-thao/${page.consultation.id}/soan-thao/luu`}
            csrfToken={page.csrfToken}
            importPath={importPath}
          />
          <details className="draft-publish">
            <summary>Công bố bản làm việc</summary>
            <Form method="post" onSubmit={onPublish}>
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="intent" value="cong-bo" />
              <input type="hidden" name="versionId" value={copy.versionId} />
              <input type="hidden" name="baseRevision" value={copy.revision} />
              <p>
                {page.published
                  ? `Phiên bản ${copy.number} sẽ thay phiên bản ${page.published.number} trên trang người đọc. Ý kiến đã gửi vẫn gắn với các đoạn được giữ nguyên mã.`
                  : `Phiên bản ${copy.number} sẽ là bản người đọc thấy khi đợt lấy ý kiến mở.`}{" "}
                Sau khi công bố, muốn sửa tiếp phải tạo bản làm việc mới.
              </p>
              {copy.needsReview ? (
                <p>
                  <label>
                    <input type="checkbox" name="daXemDoiChieu" value="on" required /> Tôi đã xem lại đối chiếu
                  </label>{" "}
                  (<a href={`/quan-tri/du-thao/${page.consultation.id}/doi-chieu`}>xem trang đối chiếu</a>: đoạn giữ nguyên, sửa, mới và bỏ)
                </p>
              ) : null}
              <button type="submit" className="primary" disabled={busy}>
                {busy ? "Đang công bố…" : "Xác nhận công bố"}
              </button>
            </Form>
          </details>
        </>
      ) : (
        <div className="draft-start">
          <p>Đợt lấy ý kiến này chưa có bản làm việc. Chọn cách bắt đầu:</p>
          <ul className="draft-start-choices">
            {page.published ? (
              <li>
                <StartForm from="ban-cong-bo" label="Bắt đầu từ bản đang công bố" primary csrfToken={page.csrfToken} busy={busy}>
                  <p className="hint">Chép phiên bản {page.published.number}: các đoạn giữ nguyên mã, nên ý kiến đã gửi vẫn gắn với chúng.</p>
                </StartForm>
              </li>
            ) : null}
            <li>
              <a className="button" href={importPath}>
                Nhập từ tệp (.docx, Markdown, văn bản)
              </a>
            </li>
            <li>
              <StartForm from="trong" label="Bắt đầu với văn bản trống" csrfToken={page.csrfToken} busy={busy} />
            </li>
          </ul>
          <noscript>
            <p className="hint">Trình soạn thảo cần JavaScript; không có JavaScript, hãy nhập bản dự thảo từ tệp.</p>
          </noscript>
        </div>
      )}
    </section>
  );
}
