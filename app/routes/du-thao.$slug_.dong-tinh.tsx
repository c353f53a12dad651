import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { issueChallenge } from "~/comments/captcha.server.ts";
import { getCommentTarget } from "~/comments/comment-target.server.ts";
import { getPublishedComment } from "~/comments/public.server.ts";
import { describeSupport, supportersLabel } from "~/comments/support-form.ts";
import { supportOpinion } from "~/comments/supports.server.ts";
import { CaptchaField } from "~/comments/ui/captcha-field.tsx";
import { CommentList } from "~/comments/ui/comment-list.tsx";
import { commentsPath, consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";

// Supporting (đồng tình) an opinion without JavaScript (ADR 046): the lists' "Đồng tình" button posts
// here and the answer says what happened; opened with ?y-kien=<id>, the page shows the opinion and the
// form, with an optional email or phone. With JavaScript the lists use dong-tinh.json instead.

export const meta: MetaFunction = () => [{ title: "Đồng tình với ý kiến — Góp ý dự thảo" }, { name: "robots", content: "noindex" }];

// A one-time captcha: never cached.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const idSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

async function loadPage(slug: string, commentId: string | null) {
  const db = getDb();
  const target = await getCommentTarget(db, slug, null);
  if (!target) throw new Response("Không tìm thấy", { status: 404 });
  const id = idSchema.safeParse(commentId);
  const comment = id.success ? await getPublishedComment(db, target.consultation.id, id.data) : null;
  const open = target.consultation.publicStatus === "open" && target.consultation.acceptsOnline;
  return {
    consultation: { slug: target.consultation.slug, title: target.consultation.title },
    comment,
    open,
    challenge: open && comment ? await issueChallenge(db, slug) : null,
  };
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const page = await loadPage(params.slug ?? "", new URL(request.url).searchParams.get("y-kien"));
  if (!page.comment) throw new Response("Không tìm thấy ý kiến này", { status: 404 });
  return data(page, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const slug = params.slug ?? "";
  const result = await supportOpinion(getDb(), slug, formData, { clientAddress: context.clientAddress ?? null });
  const answer = describeSupport(result);
  const page = await loadPage(slug, typeof formData.get("comment") === "string" ? (formData.get("comment") as string) : null);
  const contact = typeof formData.get("contact") === "string" ? (formData.get("contact") as string) : "";
  return data(
    { ...page, answer, contact },
    { status: answer.httpStatus, headers: result.status === "rate-limited" ? { "Retry-After": String(result.retryAfter) } : undefined },
  );
}

export default function SupportPage() {
  const loaded = useLoaderData<typeof loader>() as Awaited<ReturnType<typeof loadPage>> | undefined;
  const acted = useActionData<typeof action>();
  const { consultation, comment, open, challenge } = acted ?? loaded!;
  const answer = acted?.answer;
  const count = answer?.count ?? comment?.supporters ?? 0;
  return (
    <article className="support-page">
      <p className="breadcrumb">
        <Link to={commentsPath(consultation.slug)}>← Các ý kiến đã đăng</Link>
      </p>
      <h1>Đồng tình với ý kiến</h1>
      <p className="consultation-name">
        <Link to={consultationPath(consultation.slug)}>{consultation.title}</Link>
      </p>
      {answer ? (
        <p className={answer.ok ? "notice" : "notice error"} role={answer.ok ? "status" : "alert"} tabIndex={-1}>
          {answer.message}
        </p>
      ) : null}
      {comment ? (
        <>
          <CommentList comments={[{ ...comment, supporters: count }]} support={{ slug: consultation.slug, open: false }} />
          {open && !answer?.ok ? (
            <Form method="post" className="support-form">
              <input type="hidden" name="comment" value={comment.id} />
              <p className="hint">Mỗi người chỉ được tính một lần cho mỗi ý kiến. Không cần tài khoản; địa chỉ mạng của bạn chỉ được lưu dưới dạng mã băm.</p>
              <label htmlFor="contact">Thư điện tử hoặc số điện thoại (không bắt buộc)</label>
              <input id="contact" name="contact" type="text" inputMode="email" autoComplete="email" maxLength={254} defaultValue={acted?.contact ?? ""} />
              <div className="honeypot" aria-hidden="true">
                <label htmlFor="f-website">Để trống ô này</label>
                <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
              </div>
              {challenge ? <CaptchaField challenge={challenge} /> : null}
              <button type="submit" className="button">
                Đồng tình
              </button>
            </Form>
          ) : null}
          {answer?.ok ? <p>{supportersLabel(count)}</p> : null}
        </>
      ) : null}
      <p>
        <Link to={commentsPath(consultation.slug)}>Xem các ý kiến đã đăng</Link>
      </p>
    </article>
  );
}
