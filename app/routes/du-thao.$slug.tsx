import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { getPublishedDocument } from "~/consultations/consultations.server.ts";
import { STATUS_LABEL } from "~/consultations/status.ts";
import { InlineComments } from "~/comments/ui/inline-comments.tsx";
import { SelectionComment } from "~/comments/ui/selection-comment.tsx";
import { blockAnchor, commentFormPath, commentsPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDate } from "~/platform/format.ts";
import { CACHEABLE_PAGE_HEADERS } from "~/platform/page-cache.server.ts";
import { BODY_SLOT_ID, deliverBody } from "~/platform/page-slot.ts";
import { ConsultationSearch } from "~/search/ui/consultation-search.tsx";

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });

export const headers: HeadersFunction = () => CACHEABLE_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.consultation.title} — Góp ý dự thảo` }] : [{ title: "Không tìm thấy dự thảo" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Không tìm thấy", { status: 404 });
  const page = await getPublishedDocument(getDb(), parsed.data.slug);
  if (!page) throw new Response("Không tìm thấy", { status: 404 });
  return { ...page, bodyHtml: deliverBody(context, page.bodyHtml) };
}

export default function ConsultationPage() {
  const { consultation, bodyHtml, toc, approvedComments, wholeDocumentComments } = useLoaderData<typeof loader>();
  // On the first load the body is already in the page (written by the server into the slot).
  const [bodyInPage] = useState(() =>
    typeof document === "undefined" ? null : (document.getElementById(BODY_SLOT_ID)?.innerHTML ?? null),
  );
  return (
    <article className={`consultation status-${consultation.publicStatus}`}>
      <header className="consultation-header">
        <h1>{consultation.title}</h1>
        <p className="status-line">
          <span className={`badge status-${consultation.publicStatus}`}>{STATUS_LABEL[consultation.publicStatus]}</span>{" "}
          {consultation.opensAt || consultation.closesAt ? (
            <span>
              Lấy ý kiến từ <time dateTime={consultation.opensAt?.toISOString()}>{formatDate(consultation.opensAt)}</time>{" "}
              đến <time dateTime={consultation.closesAt?.toISOString()}>{formatDate(consultation.closesAt)}</time>
            </span>
          ) : null}
        </p>
        {consultation.summary ? <p>{consultation.summary}</p> : null}
        <p className="count-line">
          {formatCount(approvedComments)} ý kiến đã được đăng, trong đó{" "}
          <Link to={commentsPath(consultation.slug)}>{formatCount(wholeDocumentComments)} ý kiến về toàn văn dự thảo</Link>.
        </p>
        {consultation.publicStatus === "open" ? (
          <p className="actions">
            <Link className="button primary" to={commentFormPath(consultation.slug)}>
              Góp ý về toàn văn dự thảo
            </Link>
            <span className="hint">hoặc bấm «Góp ý» dưới từng đoạn, hay chọn một câu để góp ý riêng câu đó.</span>
          </p>
        ) : (
          <p className="notice" role="status">
            {consultation.publicStatus === "closed"
              ? `Đợt lấy ý kiến đã kết thúc${consultation.closesAt ? ` ngày ${formatDate(consultation.closesAt)}` : ""}; không nhận thêm góp ý. Bạn vẫn có thể đọc các ý kiến đã được đăng.`
              : `Đợt lấy ý kiến chưa bắt đầu${consultation.opensAt ? `; dự kiến mở ngày ${formatDate(consultation.opensAt)}` : ""}.`}
          </p>
        )}
      </header>

      <ConsultationSearch consultationId={consultation.id} />

      {toc.length > 0 ? (
        <nav className="toc" aria-labelledby="toc-title">
          <details>
            <summary id="toc-title">Mục lục</summary>
            <ol>
              {toc.map((entry) => (
                <li key={entry.key} className={`toc-level-${entry.level}`}>
                  <a href={`#${blockAnchor(entry.key)}`}>{entry.text}</a>
                  {entry.articles.length > 0 ? (
                    <ol className="toc-articles">
                      {entry.articles.map((a) => (
                        <li key={a.key}>
                          <a href={`#${blockAnchor(a.key)}`}>{a.text}</a>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                </li>
              ))}
            </ol>
          </details>
        </nav>
      ) : null}

      <div
        id={BODY_SLOT_ID}
        className="document-body"
        dangerouslySetInnerHTML={{ __html: bodyHtml ?? bodyInPage ?? "" }}
        suppressHydrationWarning
      />
      {consultation.publicStatus === "open" ? <SelectionComment slug={consultation.slug} /> : null}
      <InlineComments />
    </article>
  );
}
