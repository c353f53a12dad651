import { COMMENT_STATUSES, STANCES } from "~/vocabulary/vocabulary.ts";
import { Link } from "@remix-run/react";
import { formatCount, formatDate } from "~/platform/format.ts";
import type { PageHit } from "../hits.ts";
import { KIND_LABELS, totalLine, withCount } from "../labels.ts";
import { PER_PAGE, searchHref, type SearchParams } from "../query.ts";
import type { FilterOption, SearchPageData } from "../search-page.server.ts";
import { activeFilters } from "./search-form.tsx";

type Result = NonNullable<SearchPageData["result"]>;

/** One group of facet links: each value with its count; the chosen one links back to "all". */
function FacetLinks({
  title,
  options,
  chosen,
  href,
}: {
  title: string;
  options: FilterOption[];
  chosen: (value: string) => boolean;
  href: (value: string, on: boolean) => string;
}) {
  const shown = options.filter((o) => chosen(o.value) || (o.count ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <div className="facet-group">
      <h3>{title}</h3>
      <ul>
        {shown.map((o) => {
          const on = chosen(o.value);
          return (
            <li key={o.value}>
              <Link to={href(o.value, on)} aria-current={on ? "true" : undefined} className={on ? "facet-on" : undefined} preventScrollReset>
                {withCount(o.label, o.count, o.atLeast)}
                {on ? <span className="visually-hidden"> (đang lọc, bấm để bỏ)</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Facets({ params, options, viewer }: Pick<SearchPageData, "params" | "options" | "viewer">) {
  const toggleStatus = (value: string, on: boolean) => {
    const status = on ? params.status.filter((s) => s !== value) : [...params.status, value as SearchParams["status"][number]];
    return searchHref(params, { status });
  };
  return (
    <nav className="facets" aria-label="Lọc nhanh kết quả">
      <FacetLinks
        title="Loại"
        options={options.kinds}
        chosen={(v) => params.kind === v}
        href={(v, on) => searchHref(params, { kind: on ? undefined : (v as SearchParams["kind"]) })}
      />
      <FacetLinks
        title="Quan điểm"
        options={options.stances}
        chosen={(v) => params.stance === v}
        href={(v, on) => searchHref(params, { stance: on ? undefined : (v as SearchParams["stance"]) })}
      />
      {viewer.seesAllStatuses ? (
        <FacetLinks
          title="Trạng thái"
          options={options.statuses}
          chosen={(v) => params.status.includes(v as SearchParams["status"][number])}
          href={toggleStatus}
        />
      ) : null}
      {params.consultation ? null : (
        <FacetLinks title="Dự thảo" options={options.consultations} chosen={() => false} href={(v) => searchHref(params, { consultation: v })} />
      )}
    </nav>
  );
}

function Hit({ hit, showStatus }: { hit: PageHit; showStatus: boolean }) {
  const isComment = hit.kind === "comment";
  const readLink =
    hit.kind === "answer"
      ? "Các ý kiến được trả lời"
      : hit.earlierVersion !== null
        ? `Xem đoạn này trong bản số ${hit.earlierVersion}`
        : hit.blockLabel
          ? "Xem đoạn này trong dự thảo"
          : "Xem dự thảo";
  return (
    <li className={`search-hit hit-${hit.kind}${hit.stance ? ` stance-${hit.stance.toLowerCase()}` : ""}`}>
      <article>
        <p className="hit-tags">
          <span className="badge">{KIND_LABELS[hit.kind]}</span>
          {hit.versionLabel ? (
            <span className={`badge hit-version${hit.earlierVersion !== null ? " hit-version-earlier" : ""}`}>{hit.versionLabel}</span>
          ) : null}
          {hit.stance ? <span className="badge hit-stance">{STANCES[hit.stance]}</span> : null}
          {showStatus && hit.status && hit.status !== "APPROVED" ? (
            <span className={`badge hit-status status-${hit.status.toLowerCase()}`}>{COMMENT_STATUSES[hit.status]}</span>
          ) : null}
        </p>
        <h3 className="hit-title">
          <a href={hit.blockHref}>{hit.kind === "answer" ? "Tiếp thu, giải trình ý kiến" : (hit.blockLabel ?? "Toàn văn dự thảo")}</a>
        </h3>
        <p className="hit-consultation">
          <a href={hit.consultationHref}>{hit.consultationTitle}</a>
          {hit.sectionTitle ? <span className="hit-section"> › {hit.sectionTitle}</span> : null}
        </p>
        {/* The snippet is HTML the engine escaped, with <mark> around the matches; safeSnippet keeps only those tags. */}
        <p className="hit-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
        {isComment ? (
          <p className="hit-byline">
            {hit.byline}
            {hit.organizationName ? ` (${hit.organizationName})` : ""} · <time dateTime={hit.createdAt}>{formatDate(hit.createdAt)}</time>
          </p>
        ) : null}
        <p className="hit-links">
          <a href={hit.blockHref}>{readLink}</a>
          {hit.commentsHref && hit.status === "APPROVED" ? (
            <a href={hit.commentsHref}>{hit.blockLabel ? "Các ý kiến về đoạn này" : "Các ý kiến về toàn văn"}</a>
          ) : null}
        </p>
      </article>
    </li>
  );
}

/** Page numbers around the current one, with the first and the last: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pages: number, around = 2): (number | "gap")[] {
  const shown = new Set([1, pages]);
  for (let p = Math.max(1, page - around); p <= Math.min(pages, page + around); p++) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1]! > 1 ? (["gap", p] as const) : [p]));
}

function Pagination({ params, pages }: { params: SearchParams; pages: number }) {
  if (pages <= 1) return null;
  const page = params.page;
  return (
    <nav className="pagination search-pagination" aria-label="Các trang kết quả">
      {page > 1 ? (
        <Link rel="prev" to={searchHref(params, { page: page - 1 })}>
          ← Trang trước
        </Link>
      ) : null}
      <ol>
        {pageWindow(page, pages).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page">
                  <span className="visually-hidden">Trang </span>
                  {p}
                </span>
              ) : (
                <Link to={searchHref(params, { page: p })} aria-label={`Trang ${p}`}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
      </ol>
      {page < pages ? (
        <Link rel="next" to={searchHref(params, { page: page + 1 })}>
          Trang sau →
        </Link>
      ) : null}
    </nav>
  );
}

function NoResults({ params }: { params: SearchParams }) {
  const filtered = activeFilters(params) > 0;
  return (
    <div className="no-results">
      <p>Bạn có thể thử:</p>
      <ul>
        <li>kiểm tra lại chính tả; gõ không dấu cũng được, ví dụ «phat trien» tìm thấy «phát triển»;</li>
        <li>dùng ít từ hơn, hoặc từ khác cùng nghĩa;</li>
        {/["“”„]/.test(params.q) ? <li>bỏ dấu ngoặc kép để tìm từng từ thay vì cả cụm từ;</li> : null}
        {params.consultation ? (
          <li>
            <Link to={searchHref(params, { consultation: undefined })}>tìm trong tất cả các dự thảo</Link>;
          </li>
        ) : null}
        {filtered ? (
          <li>
            <Link to={searchHref({ q: params.q, status: [], page: 1 })}>bỏ tất cả bộ lọc</Link> rồi tìm lại.
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export function SearchResults({ params, options, viewer, result }: Pick<SearchPageData, "params" | "options" | "viewer"> & { result: Result }) {
  const first = (params.page - 1) * PER_PAGE + 1;
  return (
    <section className="search-results" aria-labelledby="search-results-title">
      <h2 id="search-results-title" className="search-total" aria-live="polite">
        {result.total > 0 ? totalLine(result.total, result.totalIsEstimate, result.totalIsCapped) : "Không tìm thấy kết quả nào"}
      </h2>
      {result.total > 0 ? <Facets params={params} options={options} viewer={viewer} /> : null}
      {result.hits.length > 0 ? (
        <ol className="search-hits" start={first}>
          {result.hits.map((hit) => (
            <Hit key={hit.id} hit={hit} showStatus={viewer.seesAllStatuses} />
          ))}
        </ol>
      ) : result.total > 0 ? (
        <p>
          Trang {formatCount(params.page)} không có kết quả. <Link to={searchHref(params, { page: 1 })}>Về trang đầu</Link>.
        </p>
      ) : (
        <NoResults params={params} />
      )}
      <Pagination params={params} pages={result.pages} />
    </section>
  );
}
