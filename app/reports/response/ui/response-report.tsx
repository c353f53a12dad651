import { ProposalDiff } from "~/ui/proposal-diff.tsx";
import { Form, Link } from "@remix-run/react";
import type { Disposition } from "~/generated/sqlite/client.ts";
import { formatCount } from "~/platform/format.ts";
import { DISPOSITION_LABELS, DISPOSITIONS } from "~/answers/dispositions.ts";
import { DISPOSITION_WORDS, responseReportFilePath, responseReportPath, type ResponseReportFilters } from "../filters.ts";
import type { DispositionCounts } from "../grouping.ts";
import type { ChangedBlock, PublicOpinion } from "../report.server.ts";
import { TableScroll } from "~/ui/table-scroll.tsx";

// The public response report's pieces: the filters (a plain GET form), the counts table, an answer with
// its opinions, and the links to the paragraphs that took it in. Works without JavaScript.

export function ReportFilters({ slug, filters, versions }: { slug: string; filters: ResponseReportFilters; versions: number[] }) {
  return (
    <Form method="get" action={responseReportPath(slug)} className="filters" aria-label="Lọc báo cáo">
      <div className="field">
        <label htmlFor="r-ban">Ý kiến viết trên</label>
        <select id="r-ban" name="ban" defaultValue={filters.version === null ? "" : String(filters.version)}>
          <option value="">Mọi bản dự thảo</option>
          {versions.map((n) => (
            <option key={n} value={n}>
              Bản số {n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="r-xu-ly">Kết quả xử lý</label>
        <select id="r-xu-ly" name="xu-ly" defaultValue={filters.disposition ? DISPOSITION_WORDS[filters.disposition] : ""}>
          <option value="">Tất cả</option>
          {DISPOSITIONS.map((d) => (
            <option key={d} value={DISPOSITION_WORDS[d]}>
              {DISPOSITION_LABELS[d]}
            </option>
          ))}
        </select>
      </div>
      <p className="actions">
        <button type="submit" className="primary">
          Lọc
        </button>{" "}
        <Link to={responseReportPath(slug)}>Bỏ lọc</Link>
      </p>
    </Form>
  );
}

export function Downloads({ slug, filters }: { slug: string; filters: ResponseReportFilters }) {
  return (
    <p className="downloads">
      Tải báo cáo: <a href={responseReportFilePath(slug, "docx", filters)}>Word (.docx)</a> ·{" "}
      <a href={responseReportFilePath(slug, "xlsx", filters)}>Excel (.xlsx)</a>
    </p>
  );
}

export function CountsTable({ rows, total }: { rows: { label: string; counts: DispositionCounts; id?: string }[]; total: DispositionCounts }) {
  return (
    <TableScroll label="Số ý kiến theo kết quả xử lý">
      <table className="report-table response-counts">
        <caption>Số ý kiến theo kết quả xử lý</caption>
        <thead>
          <tr>
            <th scope="col">Phần của dự thảo</th>
            {DISPOSITIONS.map((d) => (
              <th scope="col" key={d} className="num">
                {DISPOSITION_LABELS[d]}
              </th>
            ))}
            <th scope="col" className="num">
              Tổng
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.id ? <a href={`#${row.id}`}>{row.label}</a> : row.label}</th>
              {DISPOSITIONS.map((d) => (
                <td key={d} className="num">
                  {formatCount(row.counts[d])}
                </td>
              ))}
              <td className="num">{formatCount(row.counts.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Tổng cộng</th>
            {DISPOSITIONS.map((d) => (
              <td key={d} className="num">
                {formatCount(total[d])}
              </td>
            ))}
            <td className="num">{formatCount(total.total)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

export function OpinionItem({ opinion, similar }: { opinion: Pick<PublicOpinion, "text" | "byline" | "versionNumber" | "proposal">; similar: number }) {
  return (
    <li className="response-opinion">
      <p className="comment-text">{opinion.text}</p>
      {opinion.proposal ? <ProposalDiff proposal={opinion.proposal} /> : null}
      <p className="byline">
        {opinion.byline}
        {opinion.versionNumber !== null ? ` · viết trên bản số ${opinion.versionNumber}` : ""}
        {similar > 0 ? <strong> · và {formatCount(similar)} ý kiến tương tự</strong> : null}
      </p>
    </li>
  );
}

export function ChangedLinks({ changed }: { changed: ChangedBlock[] }) {
  if (changed.length === 0) return null;
  return (
    <div className="changed-blocks">
      <p>Đoạn đã sửa theo ý kiến:</p>
      <ul>
        {changed.map((b) => (
          <li key={b.href}>
            <a href={b.href}>
              {b.label} (bản số {b.versionNumber})
            </a>{" "}
            · <a href={b.diffHref}>xem thay đổi</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DispositionBadge({ disposition }: { disposition: Disposition }) {
  return <p className={`disposition disposition-${DISPOSITION_WORDS[disposition]}`}>{DISPOSITION_LABELS[disposition]}</p>;
}
