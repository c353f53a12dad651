import { STANCES } from "~/vocabulary/vocabulary.ts";
import { Link } from "@remix-run/react";
import { formatCount } from "~/platform/format.ts";
import type { ReportFilters } from "../filters.ts";
import type { Themes } from "../themes.server.ts";
import { STANCE_ORDER, emptySplit, addToSplit } from "../statistics.ts";
import { StanceBar, StanceLegend } from "./charts.tsx";
import { reportPath } from "./statistics-page.tsx";
import { TableScroll } from "~/ui/table-scroll.tsx";

interface Props {
  consultation: { id: string; title: string };
  filters: ReportFilters;
  heading: { label: string; text: string };
  themes: Themes;
  scope: string[];
  sampleLimit: number;
}

/** Key phrases and clusters of similar opinions for one block, one section or the whole draft. */
export function ThemesView({ consultation, filters, heading, themes, scope, sampleLimit }: Props) {
  const top = Math.max(1, ...themes.phrases.map((p) => p.count));
  return (
    <section className="reports" aria-labelledby="themes-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/bao-cao">Báo cáo</Link> › <Link to={reportPath(consultation.id, filters)}>Thống kê</Link> ›
      </p>
      <h1 id="themes-title">Chủ đề của ý kiến</h1>
      <p className="consultation-name">{consultation.title}</p>
      <blockquote className="block-quote">
        <strong>{heading.label}</strong>
        <br />
        {heading.text.length > 600 ? `${heading.text.slice(0, 600)}…` : heading.text}
      </blockquote>
      <ul className="scope-lines" aria-label="Phạm vi">
        {scope.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="hint">
        {themes.sampled >= sampleLimit ? `Dựa trên ${formatCount(themes.sampled)} ý kiến mới nhất.` : `Dựa trên ${formatCount(themes.sampled)} ý kiến.`} Tính
        trên máy chủ, không dùng dịch vụ bên ngoài.
      </p>
      {themes.sampled === 0 ? <p className="notice">Chưa có ý kiến nào khớp với bộ lọc.</p> : null}

      {themes.phrases.length > 0 ? (
        <section aria-labelledby="cum-tu" className="report-part">
          <h2 id="cum-tu">Cụm từ được nhắc đến nhiều</h2>
          <TableScroll label="Bảng cụm từ được nhắc đến nhiều">
            <table className="report-table phrases">
              <thead>
                <tr>
                  <th scope="col">Cụm từ</th>
                  <th scope="col" className="num">
                    Số ý kiến
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Biểu đồ</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {themes.phrases.map((p) => (
                  <tr key={p.key}>
                    <th scope="row" className="phrase">
                      {p.text}
                    </th>
                    <td className="num">{formatCount(p.count)}</td>
                    <td className="bar-cell">
                      <svg className="phrase-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect x="0" y="0" width={(100 * p.count) / top} height="10" fill="#a50e0e" />
                      </svg>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      {themes.clusters.length > 0 ? (
        <section aria-labelledby="nhom-y-kien" className="report-part">
          <h2 id="nhom-y-kien">Nhóm ý kiến tương tự</h2>
          <StanceLegend />
          <ol className="clusters">
            {themes.clusters.map((cluster, i) => {
              const split = emptySplit();
              for (const [stance, n] of Object.entries(cluster.stances)) addToSplit(split, "ONLINE", stance, n);
              return (
                <li key={i} className="cluster">
                  <p className="cluster-head">
                    <strong>{formatCount(cluster.count)} ý kiến</strong> <StanceBar split={split} width={90} />{" "}
                    <span className="muted">
                      {STANCE_ORDER.filter((s) => cluster.stances[s])
                        .map((s) => `${STANCES[s]} ${formatCount(cluster.stances[s]!)}`)
                        .join(" · ")}
                      {cluster.inGroups > 0 ? ` · ${formatCount(cluster.inGroups)} trong nhóm trùng lặp` : ""}
                    </span>
                  </p>
                  {cluster.quotes.map((quote, k) => (
                    <blockquote key={k} className="quote">
                      {quote}
                    </blockquote>
                  ))}
                </li>
              );
            })}
          </ol>
        </section>
      ) : themes.sampled > 0 ? (
        <p className="notice">Không có nhóm ý kiến tương tự (mỗi nhóm cần ít nhất 2 ý kiến).</p>
      ) : null}
    </section>
  );
}
