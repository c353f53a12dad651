import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { getPublishedDocument } from "~/consultations/consultations.server.ts";
import { STATUS_LABEL } from "~/consultations/status.ts";
import { blockAnchor } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDate } from "~/platform/format.ts";
import { CACHEABLE_PAGE_HEADERS } from "~/platform/page-cache.server.ts";
import { BODY_SLOT_ID, deliverBody } from "~/platform/page-slot.ts";

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
    <article className="consultation">
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
          {formatCount(approvedComments)} ý kiến đã được đăng, trong đó {formatCount(wholeDocumentComments)} ý kiến
          về toàn văn dự thảo.
        </p>
      </header>

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
    </article>
  );
}
