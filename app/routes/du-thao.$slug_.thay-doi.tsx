import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BodySlot } from "~/consultations/body-slot.tsx";
import { loadChanges, parseChangesQuery } from "~/consultations/changes/changes.server.tsx";
import { changesPath } from "~/consultations/changes/paths.ts";
import { readingPath, VersionSwitcher } from "~/consultations/changes/version-switcher.tsx";
import { consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount } from "~/platform/format.ts";
import { cacheablePageHeaders } from "~/platform/page-cache.server.ts";
import { deliverBody } from "~/platform/page-slot.ts";
import { Pagination } from "~/ui/pagination.tsx";

// What changed between two published versions of a draft (/du-thao/<slug>/thay-doi?tu=1&den=2; by
// default the previous version to the current one), word by word (ADR 038).
export const headers: HeadersFunction = cacheablePageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `Những thay đổi — ${data.consultation.title} — Góp ý dự thảo` }] : [{ title: "Không tìm thấy" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const query = parseChangesQuery(new URL(request.url).searchParams);
  if (!query.success) throw new Response("Không tìm thấy", { status: 404 });
  const page = await loadChanges(getDb(), params.slug ?? "", query.data);
  if (!page) throw new Response("Không tìm thấy", { status: 404 });
  // A published version never changes: the page changes only when another is published (that forgets every page).
  return data({ ...page, bodyHtml: deliverBody(context, page.bodyHtml) });
}

export default function ChangesPage() {
  const { consultation, versions, from, to, current, counts, page, pages, bodyHtml } = useLoaderData<typeof loader>();
  const slug = consultation.slug;
  return (
    <article className="changes-page">
      <p className="breadcrumb">
        <Link to={consultationPath(slug)}>← Quay lại dự thảo</Link>
      </p>
      <h1>Những thay đổi của dự thảo</h1>
      <p className="consultation-name">{consultation.title}</p>
      {from && counts ? (
        <>
          <p className="changes-summary">
            Từ <Link to={readingPath(slug, from, current.id)}>bản số {from.number}</Link> đến{" "}
            <Link to={readingPath(slug, to, current.id)}>bản số {to.number}</Link>: {formatCount(counts.changed)} đoạn sửa, {formatCount(counts.added)} đoạn
            thêm, {formatCount(counts.removed)} đoạn bỏ; {formatCount(counts.kept)} đoạn không đổi.
          </p>
          <p className="hint">
            Phần thêm vào được <ins>gạch dưới</ins>, phần bỏ đi bị <del>gạch ngang</del>.
          </p>
          <CompareForm versions={versions} from={from.number} to={to.number} />
        </>
      ) : (
        <p className="notice">Bản số {to.number} là bản đầu tiên được công bố: chưa có thay đổi nào để so sánh.</p>
      )}
      <div className="changes">
        <BodySlot html={bodyHtml} />
      </div>
      {from ? <Pagination page={page} pages={pages} href={(p) => changesPath(slug, from.number, to.number, p)} /> : null}
      <VersionSwitcher slug={slug} versions={versions} readingId={to.id} currentId={current.id} />
    </article>
  );
}

/** Which two versions to compare: a plain GET form, so it works without JavaScript. */
function CompareForm({ versions, from, to }: { versions: { number: number }[]; from: number; to: number }) {
  if (versions.length < 3) return null;
  return (
    <form method="get" className="compare-form">
      <label>
        Từ bản số{" "}
        <select name="tu" defaultValue={from}>
          {versions.map((v) => (
            <option key={v.number}>{v.number}</option>
          ))}
        </select>
      </label>{" "}
      <label>
        đến bản số{" "}
        <select name="den" defaultValue={to}>
          {versions.map((v) => (
            <option key={v.number}>{v.number}</option>
          ))}
        </select>
      </label>{" "}
      <button type="submit" className="primary">
        So sánh
      </button>
    </form>
  );
}
