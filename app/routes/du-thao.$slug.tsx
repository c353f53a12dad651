import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { getPublishedDocument } from "~/consultations/consultations.server.ts";
import { PeriodLine } from "~/consultations/period-line.tsx";
import { STATUS_LABEL } from "~/consultations/status.ts";
import { InlineComments } from "~/comments/ui/inline-comments.tsx";
import { SelectionComment } from "~/comments/ui/selection-comment.tsx";
import { blockAnchor, commentFormPath, commentsPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { cacheablePageHeaders, cacheUntil } from "~/platform/page-cache.server.ts";
import { BODY_SLOT_ID, deliverBody } from "~/platform/page-slot.ts";
import { ConsultationSearch } from "~/search/ui/consultation-search.tsx";

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });

export const headers: HeadersFunction = cacheablePageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.consultation.title} — Góp ý dự thảo` }] : [{ title: "Không tìm thấy dự thảo" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Không tìm thấy", { status: 404 });
  const page = await getPublishedDocument(getDb(), parsed.data.slug);
  if (!page) throw new Response("Không tìm thấy", { status: 404 });
  const { nextChange, ...shown } = page;
  // Opening or closing changes the page (state, comment links): no cached copy outlives that instant.
  return data({ ...shown, bodyHtml: deliverBody(context, page.bodyHtml) }, { headers: cacheUntil(nextChange) });
}

export default function ConsultationPage() {
  const { consultation, bodyHtml, toc, approvedComments, wholeDocumentComments } = useLoaderData<typeof loader>();
  // On the first load the body is already in the page (written by the server into the slot).
  const [bodyInPage] = useState(() => (typeof document === "undefined" ? null : (document.getElementById(BODY_SLOT_ID)?.innerHTML ?? null)));
  const takesOnline = consultation.publicStatus === "open" && consultation.acceptsOnline;
  return (
    <article className={`consultation status-${consultation.publicStatus}${consultation.acceptsOnline ? "" : " offline-only"}`}>
      <header className="consultation-header">
        <h1>{consultation.title}</h1>
        <p className="status-line">
          <span className={`badge status-${consultation.publicStatus}`}>{STATUS_LABEL[consultation.publicStatus]}</span>{" "}
          <PeriodLine opensAt={consultation.opensAt} closesAt={consultation.closesAt} timeLeft={consultation.timeLeft} />
        </p>
        {consultation.issuingBody ? <p className="issuer-line">Cơ quan chủ trì soạn thảo: {consultation.issuingBody}</p> : null}
        {consultation.summary ? <p>{consultation.summary}</p> : null}
        <p className="count-line">
          {formatCount(approvedComments)} ý kiến đã được đăng, trong đó{" "}
          <Link to={commentsPath(consultation.slug)}>{formatCount(wholeDocumentComments)} ý kiến về toàn văn dự thảo</Link>.
        </p>
        {takesOnline ? (
          <p className="actions">
            <Link className="button primary" to={commentFormPath(consultation.slug)}>
              Góp ý về toàn văn dự thảo
            </Link>
            <span className="hint">hoặc bấm «Góp ý» dưới từng đoạn, hay chọn một câu để góp ý riêng câu đó.</span>
          </p>
        ) : (
          <p className="notice" role="status">
            {consultation.publicStatus === "closed"
              ? `Đợt lấy ý kiến đã kết thúc${consultation.closesAt ? ` lúc ${formatDateTime(consultation.closesAt)}` : ""}; không nhận thêm góp ý. Bạn vẫn có thể đọc các ý kiến đã được đăng.`
              : consultation.publicStatus === "open"
                ? offlineNotice(consultation)
                : `Đợt lấy ý kiến chưa bắt đầu${consultation.opensAt ? `; dự kiến mở lúc ${formatDateTime(consultation.opensAt)}` : ""}.`}
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

      <div id={BODY_SLOT_ID} className="document-body" dangerouslySetInnerHTML={{ __html: bodyHtml ?? bodyInPage ?? "" }} suppressHydrationWarning />
      {takesOnline ? <SelectionComment slug={consultation.slug} /> : null}
      <InlineComments />
    </article>
  );
}

/** An open consultation that takes no opinions on the website: where they go instead. */
function offlineNotice(c: { acceptsConference: boolean; acceptsLetter: boolean }) {
  const ways = [c.acceptsConference ? "qua các hội nghị lấy ý kiến" : null, c.acceptsLetter ? "bằng thư, văn bản gửi cơ quan chủ trì" : null].filter(Boolean);
  return `Đợt lấy ý kiến này không nhận góp ý trực tuyến${ways.length ? `; ý kiến được nhận ${ways.join(" hoặc ")}` : ""}. Bạn vẫn có thể đọc dự thảo và các ý kiến đã được đăng.`;
}
