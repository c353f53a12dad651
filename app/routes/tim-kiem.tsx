import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getSearchEngine } from "@search/runtime.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { UNAVAILABLE_MESSAGE } from "~/search/labels.ts";
import { MAX_QUERY_LENGTH } from "~/search/query.ts";
import { loadSearchPage } from "~/search/search-page.server.ts";
import { SearchForm } from "~/search/ui/search-form.tsx";
import { SearchResults } from "~/search/ui/search-results.tsx";
import { getStaff } from "~/staff/auth.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.params.q ? `Tìm kiếm: ${data.params.q} — Góp ý dự thảo` : "Tìm kiếm — Góp ý dự thảo" },
  { name: "robots", content: "noindex, follow" },
];

// Results change with every approval, and a moderator's include unpublished comments: never cached.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request);
  const page = await loadSearchPage({
    searchParams: new URL(request.url).searchParams,
    viewer: { seesAllStatuses: staff?.permissions.has("moderation.view") ?? false },
    db: getDb(),
    getEngine: getSearchEngine,
  });
  const headers: Record<string, string> = { "Cache-Control": "private, no-store" };
  if (page.unavailable) headers["Retry-After"] = "30";
  return data(page, { status: page.unavailable ? 503 : 200, headers });
}

export default function SearchPage() {
  const page = useLoaderData<typeof loader>();
  const { params, result } = page;
  return (
    <div className="search-page">
      <h1>Tìm kiếm</h1>
      <SearchForm params={params} options={page.options} viewer={page.viewer} />
      {page.truncated ? (
        <p className="warning" role="status">
          Từ khóa dài quá {MAX_QUERY_LENGTH} ký tự nên chỉ {MAX_QUERY_LENGTH} ký tự đầu được dùng để tìm.
        </p>
      ) : null}
      {page.viewer.seesAllStatuses ? (
        <p className="notice">Bạn đang tìm với quyền kiểm duyệt: kết quả gồm cả ý kiến chờ duyệt và bị từ chối, trừ khi bạn chọn trạng thái.</p>
      ) : null}
      {page.unavailable ? (
        <p className="form-error" role="alert">
          {UNAVAILABLE_MESSAGE}
        </p>
      ) : result ? (
        <SearchResults params={params} options={page.options} viewer={page.viewer} result={result} />
      ) : (
        <p className="search-intro">
          Tìm trong toàn văn các dự thảo và trong các ý kiến góp ý đã được đăng. Nhập từ khóa, hoặc chọn bộ lọc rồi bấm «Tìm kiếm».
        </p>
      )}
    </div>
  );
}
