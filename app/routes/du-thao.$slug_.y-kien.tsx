import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getCommentTarget } from "~/comments/comment-target.server.ts";
import { listPublishedComments } from "~/comments/public.server.ts";
import { CommentList, OrderSwitch } from "~/comments/ui/comment-list.tsx";
import { QuotedText } from "~/comments/ui/quoted-text.tsx";
import { blockPath, commentFormPath, commentOrderOf, commentsPath, consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDate } from "~/platform/format.ts";
import { nextStatusChange } from "~/consultations/status.ts";
import { cacheablePageHeaders, cacheUntil } from "~/platform/page-cache.server.ts";
import { Pagination } from "~/ui/pagination.tsx";

const querySchema = z.object({
  doan: z
    .string()
    .regex(/^[a-z0-9]{1,40}$/)
    .nullable(),
  trang: z.coerce.number().int().min(1).max(100_000).catch(1),
  // An unknown order is the default one, as an unknown page number is the first.
  order: z.string().nullable().transform(commentOrderOf),
  // A marked passage (ADR 048): its offsets in the block's text; a malformed pair is ignored.
  tu: z.coerce.number().int().min(0).max(1_000_000).nullable().catch(null),
  den: z.coerce.number().int().min(1).max(1_000_000).nullable().catch(null),
});

export const headers: HeadersFunction = cacheablePageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ý kiến về ${data.block?.label ?? "toàn văn dự thảo"} — ${data.consultation.title}` : "Ý kiến góp ý" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const query = querySchema.safeParse({
    doan: search.get("doan"),
    trang: search.get("trang") ?? 1,
    order: search.get("sap-xep"),
    tu: search.get("tu"),
    den: search.get("den"),
  });
  if (!query.success) throw new Response("Không tìm thấy", { status: 404 });
  const db = getDb();
  const target = await getCommentTarget(db, params.slug ?? "", query.data.doan, undefined, { earlierVersions: true });
  if (!target) throw new Response("Không tìm thấy", { status: 404 });
  const { tu, den } = query.data;
  const passage = target.block && tu !== null && den !== null && den > tu ? { start: tu, end: den, blockText: target.block.text } : null;
  const list = await listPublishedComments(db, target.consultation.id, target.block?.key ?? null, query.data.trang, query.data.order, passage);
  if (query.data.trang > list.pages) throw new Response("Không tìm thấy", { status: 404 });
  // The "Góp ý" and "Đồng tình" buttons come and go with the period: no cached copy outlives its opening or closing.
  const support = { slug: target.consultation.slug, open: target.consultation.publicStatus === "open" && target.consultation.acceptsOnline };
  return data(
    { consultation: target.consultation, block: target.block, blockGone: target.blockGone, page: query.data.trang, order: query.data.order, support, ...list },
    { headers: cacheUntil(nextStatusChange(target.consultation)) },
  );
}

export default function PublishedComments() {
  const { consultation, block, blockGone, comments, total, stances, page, pages, order, passage, support } = useLoaderData<typeof loader>();
  const slug = consultation.slug;
  return (
    // data-total, data-pages: read by the reading page's comments panel, which takes this page's list (ADR 045).
    <article className="comments-page" data-total={total} data-pages={pages}>
      <p className="breadcrumb">
        <Link to={block ? blockPath(slug, block.key) : consultationPath(slug)}>← Quay lại dự thảo</Link>
      </p>
      <h1>
        Ý kiến về {passage ? "đoạn trích trong " : ""}
        {block ? block.label : "toàn văn dự thảo"}
      </h1>
      <p className="consultation-name">{consultation.title}</p>
      {block ? <blockquote className="block-quote">{passage ? <QuotedText text={block.text} {...passage} /> : block.text}</blockquote> : null}
      {block && passage ? (
        <p>
          <Link to={commentsPath(slug, block.key)}>Xem mọi ý kiến về {block.label}</Link>
        </p>
      ) : null}

      <p className="stance-summary">
        {formatCount(total)} ý kiến đã được đăng
        {total > 0
          ? `: ${formatCount(stances.AGREE)} tán thành, ${formatCount(stances.DISAGREE)} không tán thành, ${formatCount(stances.OTHER)} ý kiến khác.`
          : "."}
      </p>
      {blockGone ? (
        <p className="notice">Đoạn này không còn trong bản đang công bố của dự thảo; các ý kiến về nó vẫn được giữ.</p>
      ) : consultation.publicStatus === "open" && consultation.acceptsOnline ? (
        <p>
          <Link className="button" to={commentFormPath(slug, block?.key)}>
            Góp ý {block ? "vào đoạn này" : "về toàn văn"}
          </Link>
        </p>
      ) : consultation.publicStatus === "closed" ? (
        <p className="notice">Đợt lấy ý kiến đã kết thúc{consultation.closesAt ? ` ngày ${formatDate(consultation.closesAt)}` : ""}.</p>
      ) : null}

      {total > 1 ? <OrderSwitch order={order} to={(o) => commentsPath(slug, block?.key, 1, o, passage)} /> : null}
      <CommentList comments={comments} support={support} />

      <Pagination page={page} pages={pages} href={(p) => commentsPath(slug, block?.key, p, order, passage)} />
    </article>
  );
}
