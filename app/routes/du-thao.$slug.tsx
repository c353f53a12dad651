import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BodySlot } from "~/consultations/body-slot.tsx";
import { DraftDownloads } from "~/reports/draft-files/ui/draft-downloads.tsx";
import { TocNav } from "~/consultations/toc-nav.tsx";
import { readerAssets } from "~/consultations/reader/script.server.ts";
import { loadAsDocument, UNHYDRATED } from "~/consultations/reader/unhydrated.ts";
import { readDraft } from "~/consultations/changes/versions.server.ts";
import { GoneBlocks, VersionSwitcher } from "~/consultations/changes/version-switcher.tsx";
import { PeriodLine } from "~/consultations/period-line.tsx";
import { STATUS_LABEL } from "~/consultations/status.ts";
import { SELECTION_BAR_CLASS, SELECTION_WORDS } from "~/comments/ui/selection-comment.ts";
import { COMMENT_ON_BLOCK, commentFormPath, commentsPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { cacheablePageHeaders, cacheUntil } from "~/platform/page-cache.server.ts";
import { deliverBody } from "~/platform/page-slot.ts";
import { ConsultationSearch } from "~/search/ui/consultation-search.tsx";

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });
/** `?gop-y=K`: a block's "Góp ý" link (ADR 045); a key is what blockAnchor makes ids of. */
const blockKeySchema = z.string().regex(/^[a-z0-9]{1,40}$/);

// Not hydrated: the page's script is the reader's (ADR 045). A client-side navigation here (from a hydrated
// page's <Link>) becomes a document load, so the page always comes with that script.
export const handle = UNHYDRATED;
export const clientLoader = loadAsDocument;

export const headers: HeadersFunction = cacheablePageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.consultation.title} — Góp ý dự thảo` }] : [{ title: "Không tìm thấy dự thảo" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Không tìm thấy", { status: 404 });
  const commentOn = new URL(request.url).searchParams.get(COMMENT_ON_BLOCK);
  if (commentOn !== null) {
    const key = blockKeySchema.safeParse(commentOn);
    if (!key.success) throw new Response("Không tìm thấy đoạn văn", { status: 404 });
    throw redirect(commentFormPath(parsed.data.slug, key.data), 303);
  }
  const page = await readDraft(getDb(), parsed.data.slug);
  if (!page) throw new Response("Không tìm thấy", { status: 404 });
  const { nextChange, ...shown } = page;
  // Opening or closing changes the page (state, comment links): no cached copy outlives that instant.
  return data({ ...shown, bodyHtml: deliverBody(context, page.bodyHtml), ...readerAssets() }, { headers: cacheUntil(nextChange) });
}

export default function ConsultationPage() {
  const { consultation, bodyHtml, toc, approvedComments, wholeDocumentComments, version, versions, gone } = useLoaderData<typeof loader>();
  const takesOnline = consultation.publicStatus === "open" && consultation.acceptsOnline;
  return (
    <article className={`consultation reading status-${consultation.publicStatus}${consultation.acceptsOnline ? "" : " offline-only"}`}>
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
        <DraftDownloads slug={consultation.slug} number={version.number} />
        {takesOnline ? (
          <p className="actions">
            <Link className="button primary" to={commentFormPath(consultation.slug)}>
              Góp ý về toàn văn dự thảo
            </Link>
            <span className="hint">{SELECTION_WORDS.hint}</span>
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

      <GoneBlocks slug={consultation.slug} gone={gone} readingNumber={version.number} numbers={versions.map((v) => v.number)} />
      <VersionSwitcher slug={consultation.slug} versions={versions} readingId={version.id} currentId={version.id} />

      <ConsultationSearch consultationId={consultation.id} />

      <TocNav toc={toc} />

      <BodySlot html={bodyHtml} />
      {/* Filled by the page's script when a passage is selected (selection-comment.ts); empty, it takes no room. */}
      {takesOnline ? (
        <div className={`${SELECTION_BAR_CLASS} is-empty`} data-slug={consultation.slug}>
          <p className="selection-refusal" role="status" />
        </div>
      ) : null}
    </article>
  );
}

/** An open consultation that takes no opinions on the website: where they go instead. */
function offlineNotice(c: { acceptsConference: boolean; acceptsLetter: boolean }) {
  const ways = [c.acceptsConference ? "qua các hội nghị lấy ý kiến" : null, c.acceptsLetter ? "bằng thư, văn bản gửi cơ quan chủ trì" : null].filter(Boolean);
  return `Đợt lấy ý kiến này không nhận góp ý trực tuyến${ways.length ? `; ý kiến được nhận ${ways.join(" hoặc ")}` : ""}. Bạn vẫn có thể đọc dự thảo và các ý kiến đã được đăng.`;
}
