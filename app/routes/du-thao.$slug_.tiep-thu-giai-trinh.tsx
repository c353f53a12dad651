import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { parseResponseReportQuery, responseReportPath } from "~/reports/response/filters.ts";
import { GENERAL_SECTION_LABEL } from "~/reports/response/grouping.ts";
import { loadAnswerOpinions, loadReportPage, reportConsultationBySlug } from "~/reports/response/report.server.ts";
import { ChangedLinks, CountsTable, DispositionBadge, Downloads, OpinionItem, ReportFilters } from "~/reports/response/ui/response-report.tsx";
import { consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount } from "~/platform/format.ts";
import { cacheablePageHeaders } from "~/platform/page-cache.server.ts";
import { reportSql } from "~/reports/report-sql.server.ts";
import reportStyles from "~/styles/reports.css";

// /du-thao/<slug>/tiep-thu-giai-trinh: the public "Báo cáo tiếp thu, giải trình ý kiến" (ADR 040);
// ?tra-loi=<id> lists every opinion one answer covers. Cached like the other public pages.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const headers: HeadersFunction = cacheablePageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Báo cáo tiếp thu, giải trình ý kiến — ${data.consultation.title}` : "Báo cáo tiếp thu, giải trình ý kiến" },
];

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader({ params, request }: LoaderFunctionArgs) {
  const query = parseResponseReportQuery(new URL(request.url).searchParams);
  if (!query) throw text("Bộ lọc không hợp lệ: chọn bản dự thảo và kết quả xử lý trong danh sách.", 400);
  const db = getDb();
  const consultation = await reportConsultationBySlug(db, params.slug ?? "");
  if (!consultation) throw text("Không tìm thấy", 404);
  const filters = { version: query.version, disposition: query.disposition };
  const base = {
    consultation: { slug: consultation.slug, title: consultation.title },
    versions: consultation.versions.map((v) => v.number),
    filters,
  };
  if (query.answerId) {
    const answer = await loadAnswerOpinions(db, reportSql(), consultation, filters, query.answerId, query.page);
    if (!answer) throw text("Không tìm thấy", 404);
    return { ...base, answer, report: null };
  }
  const report = await loadReportPage(db, reportSql(), consultation, filters, query.page);
  if (!report) throw text("Không tìm thấy", 404);
  return { ...base, answer: null, report };
}

function Pagination({ page, pages, to }: { page: number; pages: number; to: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Trang">
      {page > 1 ? <Link to={to(page - 1)}>← Trang trước</Link> : <span />}
      <span>
        Trang {page} / {pages}
      </span>
      {page < pages ? <Link to={to(page + 1)}>Trang sau →</Link> : <span />}
    </nav>
  );
}

const sectionAnchor = (key: string | null) => `phan-${key ?? "chung"}`;

export default function ResponseReport() {
  const { consultation, versions, filters, answer, report } = useLoaderData<typeof loader>();
  const slug = consultation.slug;
  return (
    <article className="response-report">
      <p className="breadcrumb">
        <Link to={consultationPath(slug)}>← Quay lại dự thảo</Link>
      </p>
      <h1>Báo cáo tiếp thu, giải trình ý kiến</h1>
      <p className="consultation-name">{consultation.title}</p>
      {answer ? (
        <>
          <p>
            <Link to={responseReportPath(slug, filters)}>← Cả báo cáo</Link>
          </p>
          <section className="response-answer" aria-labelledby="tra-loi">
            <h2 id="tra-loi">Các ý kiến được xử lý chung ({formatCount(answer.total)} ý kiến)</h2>
            <DispositionBadge disposition={answer.answer.disposition} />
            <p className="explanation">{answer.answer.explanation}</p>
            <ChangedLinks changed={answer.answer.changed} />
            <ol className="response-opinions">
              {answer.opinions.map((o) => (
                <OpinionItem key={o.id} opinion={o} similar={0} />
              ))}
            </ol>
          </section>
          <Pagination page={answer.page} pages={answer.pages} to={(p) => responseReportPath(slug, filters, { page: p, answerId: answer.answer.id })} />
        </>
      ) : report ? (
        <>
          <ReportFilters slug={slug} filters={filters} versions={versions} />
          <Downloads slug={slug} filters={filters} />
          <p className="stance-summary">
            Đã xử lý {formatCount(report.overview.total.total)} ý kiến bằng {formatCount(report.overview.answers)} nội dung tiếp thu, giải trình; còn{" "}
            {formatCount(report.overview.unanswered)} ý kiến chưa xử lý.
          </p>
          <CountsTable
            rows={report.overview.sections.map((s) => ({
              label: s.key === null ? GENERAL_SECTION_LABEL : s.label,
              counts: s.counts,
              id: sectionAnchor(s.key),
            }))}
            total={report.overview.total}
          />
          {report.sections.map((section) => (
            <section key={section.key ?? ""} className="response-section" aria-labelledby={sectionAnchor(section.key)}>
              <h2 id={sectionAnchor(section.key)}>{section.key === null ? GENERAL_SECTION_LABEL : section.label}</h2>
              {section.list.map((a) => (
                <div key={a.id} className="response-answer">
                  <DispositionBadge disposition={a.disposition} />
                  <p className="explanation">{a.explanation}</p>
                  <ChangedLinks changed={a.changed} />
                  <ul className="response-opinions">
                    {a.entries.map((e) => (
                      <OpinionItem key={e.opinion.id} opinion={e.opinion} similar={e.similar} />
                    ))}
                  </ul>
                  {a.more > 0 ? (
                    <p>
                      <Link to={responseReportPath(slug, filters, { answerId: a.id })}>và {formatCount(a.more)} ý kiến khác</Link>
                    </p>
                  ) : null}
                </div>
              ))}
            </section>
          ))}
          {report.overview.answers === 0 ? (
            <p>Chưa có ý kiến nào được tiếp thu, giải trình{filters.version || filters.disposition ? " trong phạm vi đã lọc" : ""}.</p>
          ) : null}
          <Pagination page={report.page} pages={report.pages} to={(p) => responseReportPath(slug, filters, { page: p })} />
        </>
      ) : null}
    </article>
  );
}
