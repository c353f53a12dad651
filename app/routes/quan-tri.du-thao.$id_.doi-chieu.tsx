import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { publishOutcome } from "~/consultations/editor/page.server.ts";
import { loadReview, METHOD_LABELS, reviewAction, type ReviewItem } from "~/consultations/versions/review.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";
import { DiffText } from "~/ui/diff-text.tsx";

// Đối chiếu: the working copy against the published version it revises, block by block (kept,
// changed with the word diff, new, removed), comments per block, how an import was matched; correct
// a match, then publish. Plain forms: works without JavaScript. ADR 037.

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page ? `Đối chiếu: ${page.consultation.title}` : "Đối chiếu" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const NOTICES: Record<string, string> = {
  tach: "Đã tách đoạn: đoạn này là đoạn mới, đoạn cũ cùng mã được tính là bị bỏ.",
  gan: "Đã gắn đoạn mới vào đoạn cũ: đoạn này giữ mã và ý kiến của đoạn cũ.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "consultations.manage");
  const page = await loadReview(getDb(), params.id ?? "");
  if (!page) throw new Response("Không tìm thấy đợt lấy ý kiến này.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const search = new URL(request.url).searchParams;
  const imported = search.get("da-nhap");
  const notice =
    NOTICES[search.get("xong") ?? ""] ??
    (imported ? "Đã lưu bản nhập làm bản làm việc và đối chiếu với bản đang công bố. Hãy xem lại trước khi công bố." : null);
  return { ...page, csrfToken: user.csrfToken, notice, showKept: search.get("tat-ca") === "1" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "consultations.manage", db);
  const consultationId = params.id ?? "";
  const result = await reviewAction(db, { consultationId, form: formData, actorId: user.id });
  if (result.ok === "publish") {
    const outcome = await publishOutcome(db, result.result, `/quan-tri/du-thao/${consultationId}/soan-thao`);
    if (outcome.ok) return redirect(outcome.redirectTo, 303);
    return data({ message: outcome.message }, { status: outcome.httpStatus });
  }
  if (result.ok) return redirect(result.redirectTo, 303);
  return data({ message: result.message }, { status: result.httpStatus });
}

const STATUS_LABELS: Record<ReviewItem["status"], string> = { kept: "Giữ nguyên", changed: "Sửa", new: "Mới", removed: "Bỏ" };

function Hidden({ copy }: { copy: { versionId: string; revision: number } }) {
  return (
    <>
      <input type="hidden" name="versionId" value={copy.versionId} />
      <input type="hidden" name="baseRevision" value={copy.revision} />
    </>
  );
}

export default function RevisionReviewPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const messages = useFocusOn(answer?.message ?? null);
  const base = `/quan-tri/du-thao/${page.consultation.id}`;
  const copy = page.copy;
  const shown = page.showKept ? page.items : page.items.filter((item) => item.status !== "kept");
  return (
    <section aria-labelledby="doi-chieu-title" className="revision-review">
      <p className="breadcrumb">
        <Link to={base}>← {page.consultation.title}</Link>
      </p>
      <h1 id="doi-chieu-title">Đối chiếu bản làm việc với bản đang công bố</h1>
      {page.notice ? (
        <p role="status" className="notice-ok">
          {page.notice}
        </p>
      ) : null}
      <FormMessages formError={answer?.message ?? null} errorCount={0} focusRef={messages} failed="Chưa thực hiện được" />
      {!copy || !page.basedOn ? (
        <p>
          Chưa có gì để đối chiếu: đối chiếu cần một bản làm việc sửa từ bản đang công bố. <Link to={`${base}/soan-thao`}>Mở trình soạn thảo</Link> hoặc{" "}
          <Link to={`${base}/nhap`}>nhập bản sửa đổi từ tệp</Link>.
        </p>
      ) : (
        <>
          <p className="status-line">
            Bản làm việc (bản số {copy.number}, lần lưu thứ {copy.revision}, {copy.updatedAt}) so với bản số {page.basedOn.number}
            {page.basedOn.current ? " đang công bố" : ""}.
          </p>
          {!page.basedOn.current ? (
            <p className="warning">Đã có bản mới hơn được công bố sau khi bản làm việc này được tạo: bản này không thể công bố nữa.</p>
          ) : null}
          <p className="review-summary">
            <strong>{page.summary}</strong>
          </p>
          <p>
            {page.showKept ? (
              <Link to="?">Chỉ hiện các đoạn sửa, mới và bỏ</Link>
            ) : (
              <Link to="?tat-ca=1">Hiện cả {page.counts.kept.toLocaleString("vi-VN")} đoạn giữ nguyên</Link>
            )}
          </p>

          <h2>Các đoạn của bản làm việc</h2>
          {shown.length === 0 ? <p>Không có đoạn nào sửa hay mới.</p> : null}
          <ol className="review-list">
            {shown.map((item) => (
              <li key={item.key} className={`review-item review-${item.status}`} id={`doan-${item.key}`}>
                <p className="review-meta">
                  <strong>{STATUS_LABELS[item.status]}</strong> · {item.label} · {item.comments.toLocaleString("vi-VN")} ý kiến
                  {item.method
                    ? ` · ghép: ${METHOD_LABELS[item.method]}${item.score !== null && item.method !== "exact" ? ` (độ giống ${item.score.toFixed(2)})` : ""}`
                    : ""}
                </p>
                {item.diff ? (
                  <p className="review-diff">
                    <DiffText segments={item.diff} />
                  </p>
                ) : (
                  <p className="review-text">{item.text}</p>
                )}
                {item.status === "changed" || (item.status === "kept" && item.method && item.method !== "exact") ? (
                  <Form method="post" className="inline-form">
                    <CsrfField token={page.csrfToken} />
                    <Hidden copy={copy} />
                    <input type="hidden" name="intent" value="tach" />
                    <input type="hidden" name="key" value={item.key} />
                    <button type="submit" className="secondary">
                      Không phải cùng đoạn: tách ra
                    </button>
                  </Form>
                ) : null}
                {item.status === "new" && page.removed.length > 0 ? (
                  <Form method="post" className="inline-form">
                    <CsrfField token={page.csrfToken} />
                    <Hidden copy={copy} />
                    <input type="hidden" name="intent" value="gan" />
                    <input type="hidden" name="key" value={item.key} />
                    <label>
                      Là đoạn cũ:{" "}
                      <select name="oldKey" required>
                        {page.removed.map((old) => (
                          <option key={old.key} value={old.key}>
                            {old.label}: {old.text.slice(0, 60)}
                          </option>
                        ))}
                      </select>
                    </label>{" "}
                    <button type="submit" className="secondary">
                      Gắn vào đoạn cũ
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>

          <h2>Các đoạn bị bỏ ({page.removed.length.toLocaleString("vi-VN")})</h2>
          {page.removed.length === 0 ? <p>Không có đoạn nào bị bỏ.</p> : null}
          {page.removed.length > 0 ? (
            <p className="hint">Ý kiến trên các đoạn bị bỏ không mất: chúng ở lại bản số {page.basedOn.number}, vẫn có trong báo cáo và tìm kiếm.</p>
          ) : null}
          <ol className="review-list">
            {page.removed.map((item) => (
              <li key={item.key} className="review-item review-removed">
                <p className="review-meta">
                  <strong>Bỏ</strong> · {item.label} · {item.comments.toLocaleString("vi-VN")} ý kiến
                </p>
                <p className="review-text">
                  <del>{item.text}</del>
                </p>
              </li>
            ))}
          </ol>

          {page.basedOn.current ? (
            <>
              <h2>Công bố</h2>
              <Form method="post">
                <CsrfField token={page.csrfToken} />
                <Hidden copy={copy} />
                <input type="hidden" name="intent" value="cong-bo" />
                <p>
                  Bản số {copy.number} sẽ thay bản số {page.basedOn.number} trên trang người đọc: {page.summary}.
                </p>
                <button type="submit" className="primary">
                  Đã xem lại đối chiếu: công bố bản số {copy.number}
                </button>
              </Form>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
