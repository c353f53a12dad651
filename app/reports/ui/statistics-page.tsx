import { CHANNELS, STANCES } from "~/vocabulary/vocabulary.ts";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { blockPath } from "~/consultations/urls.ts";
import { sectionTitle } from "~/consultations/sections.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { DISPOSITION_CHOICE_LABELS, DISPOSITION_CHOICES, reportSearch, STATUS_CHOICES, type ReportFilters } from "../filters.ts";
import type { StatisticsPageData } from "../page.server.ts";
import { CHANNEL_ORDER, percent, shadeLevel, STANCE_ORDER, type Split } from "../statistics.ts";
import { BarChart, ChannelLegend, StanceBar, StanceLegend, TimeSeries } from "./charts.tsx";
import { TableScroll } from "~/ui/table-scroll.tsx";

// The statistics page: filters, totals, sections, the heat map over the document, breakdowns and the
// time series, each picture with its table; the export form at the end. Plain forms and links: it
// works without JavaScript.

type Props = StatisticsPageData & { canExport: boolean; csrfToken: string; exportError?: string | null };

export const EXPORT_LABELS = { docx: "Báo cáo Word (.docx)", xlsx: "Bảng tính Excel (.xlsx)", csv: "Tệp CSV (.csv)" } as const;
const JOB_STATUS = { QUEUED: "Đang chờ", RUNNING: "Đang xuất", DONE: "Đã xong", FAILED: "Không thành công" } as const;

export function reportPath(consultationId: string, filters: ReportFilters, extra: Record<string, string | undefined> = {}) {
  const search = reportSearch(filters, extra);
  return `/quan-tri/bao-cao/${encodeURIComponent(consultationId)}${search ? `?${search}` : ""}`;
}

export function themesPath(consultationId: string, filters: ReportFilters, target: { block?: string; section?: string; whole?: boolean }) {
  const search = reportSearch(filters, { block: target.block, section: target.section, whole: target.whole ? "1" : undefined });
  return `/quan-tri/bao-cao/${encodeURIComponent(consultationId)}/chu-de${search ? `?${search}` : ""}`;
}

export function StatisticsPage(props: Props) {
  const { consultation, filters, statistics: stats } = props;
  return (
    <section className="reports" aria-labelledby="reports-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/bao-cao">Báo cáo</Link> ›
      </p>
      <h1 id="reports-title">Thống kê ý kiến</h1>
      <p className="consultation-name">{consultation.title}</p>

      <FiltersForm {...props} />
      <ul className="scope-lines" aria-label="Phạm vi thống kê">
        {props.scope.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>

      {props.waiting ? (
        <p className="notice" data-waiting>
          {props.scopeKind === "subtree"
            ? `Còn ${formatCount(props.waiting)} ý kiến do tổ chức của bạn (và các tổ chức trực thuộc) thu thập đang chờ kiểm duyệt; các ý kiến này được tính vào thống kê khi đã được duyệt.`
            : `Còn ${formatCount(props.waiting)} ý kiến của dự thảo này đang chờ kiểm duyệt; các ý kiến này được tính vào thống kê khi đã được duyệt.`}
        </p>
      ) : null}

      <Totals total={stats.total} />
      <Dispositions {...props} />

      {stats.total.total === 0 ? (
        <p className="notice">Không có ý kiến nào khớp với bộ lọc.</p>
      ) : (
        <>
          <SectionsTable {...props} />
          <HeatMap {...props} />
          <Breakdown
            id="dia-ban"
            title={stats.localities.level === "province" ? "Theo tỉnh, thành phố" : "Theo xã, phường"}
            column={stats.localities.level === "province" ? "Tỉnh, thành phố" : "Xã, phường"}
            rows={stats.localities.rows}
            total={stats.total.total}
            link={(row) => (row.drill ? reportPath(consultation.id, filters, row.drill) : null)}
          />
          <Breakdown
            id="to-chuc"
            title="Theo tổ chức"
            column="Tổ chức"
            rows={stats.organizations}
            total={stats.total.total}
            link={(row) => (row.drill ? reportPath(consultation.id, filters, row.drill) : null)}
          />
          <Breakdown id="nghe-nghiep" title="Theo nghề nghiệp" column="Nghề nghiệp" rows={stats.occupations} total={stats.total.total} />
          <Breakdown id="do-tuoi" title="Theo độ tuổi" column="Độ tuổi" rows={stats.ageGroups} total={stats.total.total} />
          <Days days={stats.days} />
        </>
      )}

      {props.canExport ? <ExportForm {...props} /> : null}
      <p className="hint">
        Số liệu tính lúc {formatDateTime(props.countedAt)} (trang tải trong {formatCount(props.elapsedMs)} ms); số liệu được tính lại sau mỗi phút.{" "}
        <Link to={reportPath(consultation.id, filters, { moi: "1" })}>Cập nhật số liệu ngay</Link>
      </p>
    </section>
  );
}

function FiltersForm({ consultation, filters, choices, scopeKind }: Props) {
  return (
    <Form method="get" className="filters report-filters" aria-label="Lọc thống kê">
      {scopeKind !== "none" && choices.organizations.length > 0 ? (
        <div className="field">
          <label htmlFor="f-org">Tổ chức</label>
          <select id="f-org" name="org" defaultValue={filters.org ?? ""}>
            <option value="">{scopeKind === "all" ? "Tất cả" : "Tất cả trong phạm vi"}</option>
            {choices.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {"\u00a0\u00a0".repeat(o.depth)}
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <SelectField name="province" label="Tỉnh, thành phố" value={filters.province} all="Tất cả" options={choices.provinces.map((p) => [p.code, p.name])} />
      {choices.communes.length > 0 ? (
        <SelectField name="commune" label="Xã, phường" value={filters.commune} all="Tất cả" options={choices.communes.map((c) => [c.code, c.name])} />
      ) : null}
      <SelectField name="channel" label="Hình thức" value={filters.channel} all="Tất cả" options={CHANNEL_ORDER.map((c) => [c, CHANNELS[c]])} />
      <SelectField
        name="status"
        label="Trạng thái"
        value={filters.status}
        options={Object.entries(STATUS_CHOICES).map(([value, choice]) => [value, choice.label])}
      />
      <SelectField
        name="version"
        label="Viết trên bản"
        value={filters.version === undefined ? undefined : String(filters.version)}
        all="Mọi bản"
        options={choices.versions.map((n) => [String(n), `Bản số ${n}`])}
      />
      <SelectField
        name="disposition"
        label="Kết quả xử lý"
        value={filters.disposition}
        all="Tất cả"
        options={DISPOSITION_CHOICES.map((d) => [d, DISPOSITION_CHOICE_LABELS[d]])}
      />
      <div className="field">
        <label htmlFor="f-from">Từ ngày</label>
        <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="f-to">Đến ngày</label>
        <input id="f-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Lọc
        </button>
        <Link to={`/quan-tri/bao-cao/${encodeURIComponent(consultation.id)}`}>Bỏ lọc</Link>
      </div>
      {filters.province && choices.communes.length > 0 ? null : <p className="hint">Chọn tỉnh, thành phố rồi bấm “Lọc” để lọc tiếp theo xã, phường.</p>}
    </Form>
  );
}

/** A labelled select of the filter form; `all` adds a first choice meaning "no filter". */
function SelectField({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
  all?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        {all ? <option value="">{all}</option> : null}
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Opinions per disposition of their answer (tiếp thu, giải trình), each a link to the page filtered by it. */
function Dispositions({ consultation, filters, dispositions, statistics }: Props) {
  return (
    <section aria-labelledby="xu-ly" className="report-part">
      <h2 id="xu-ly">Theo kết quả tiếp thu, giải trình</h2>
      <TableScroll label="Bảng số ý kiến theo kết quả tiếp thu, giải trình">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Kết quả xử lý</th>
              <th scope="col" className="num">
                Số ý kiến
              </th>
              <th scope="col" className="num">
                Tỷ lệ
              </th>
            </tr>
          </thead>
          <tbody>
            {DISPOSITION_CHOICES.map((d) => (
              <tr key={d}>
                <th scope="row">
                  <Link to={reportPath(consultation.id, { ...filters, disposition: d })}>{DISPOSITION_CHOICE_LABELS[d]}</Link>
                </th>
                <td className="num">{formatCount(dispositions[d])}</td>
                <td className="num">{percent(dispositions[d], statistics.total.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Totals({ total }: { total: Split }) {
  return (
    <section aria-labelledby="tong-so" className="report-part">
      <h2 id="tong-so">Tổng số</h2>
      <dl className="figures">
        <div>
          <dt>Tổng số ý kiến</dt>
          <dd data-testid="tong-so">{formatCount(total.total)}</dd>
        </div>
        {CHANNEL_ORDER.map((c) => (
          <div key={c}>
            <dt>{CHANNELS[c]}</dt>
            <dd>
              {formatCount(total.channels[c])} <small>{percent(total.channels[c], total.total)}</small>
            </dd>
          </div>
        ))}
      </dl>
      <div className="stance-summary">
        <StanceBar split={total} width={600} height={18} className="stance-bar wide" />
        <StanceLegend />
        <p>
          {STANCE_ORDER.map((s, i) => (
            <span key={s}>
              {i > 0 ? " · " : ""}
              {STANCES[s]}: <strong>{formatCount(total.stances[s])}</strong> ({percent(total.stances[s], total.total)})
            </span>
          ))}
        </p>
      </div>
    </section>
  );
}

function SplitCells({ split }: { split: Split }) {
  return (
    <>
      <td className="num">{formatCount(split.total)}</td>
      {CHANNEL_ORDER.map((c) => (
        <td key={c} className="num">
          {formatCount(split.channels[c])}
        </td>
      ))}
      {STANCE_ORDER.map((s) => (
        <td key={s} className="num">
          {formatCount(split.stances[s])}
        </td>
      ))}
      <td className="bar-cell">
        <StanceBar split={split} />
      </td>
    </>
  );
}

function SplitHeaders() {
  return (
    <>
      <th scope="col" className="num">
        Tổng số
      </th>
      {CHANNEL_ORDER.map((c) => (
        <th key={c} scope="col" className="num">
          {CHANNELS[c]}
        </th>
      ))}
      {STANCE_ORDER.map((s) => (
        <th key={s} scope="col" className="num">
          {STANCES[s]}
        </th>
      ))}
      <th scope="col">Tỷ lệ quan điểm</th>
    </>
  );
}

function SectionsTable({ consultation, filters, statistics: stats }: Props) {
  const rows: { key: string; label: ReactNode; split: Split; themes: string | null }[] = [];
  if (stats.wholeDocument.total > 0) {
    rows.push({ key: "_whole", label: "Toàn văn dự thảo", split: stats.wholeDocument, themes: themesPath(consultation.id, filters, { whole: true }) });
  }
  for (const s of stats.sections) {
    rows.push({
      key: s.key,
      label: sectionTitle(s),
      split: s.split,
      themes: s.split.total > 0 ? themesPath(consultation.id, filters, { section: s.key }) : null,
    });
  }
  if (stats.elsewhere.total > 0) rows.push({ key: "_elsewhere", label: "Đoạn không còn trong dự thảo", split: stats.elsewhere, themes: null });
  return (
    <section aria-labelledby="theo-phan" className="report-part">
      <h2 id="theo-phan">Theo phần, mục của dự thảo</h2>
      <TableScroll label="Bảng số ý kiến theo phần, mục">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Phần, mục</th>
              <SplitHeaders />
              <th scope="col">Chủ đề</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <SplitCells split={row.split} />
                <td>{row.themes ? <Link to={row.themes}>Xem chủ đề</Link> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function HeatMap({ consultation, filters, statistics: stats }: Props) {
  const max = Math.max(0, ...stats.blocks.map((b) => b.split.total));
  return (
    <section aria-labelledby="ban-do-nhiet" className="report-part">
      <h2 id="ban-do-nhiet">Bản đồ nhiệt theo đoạn</h2>
      <p className="hint">
        Mỗi đoạn của bản dự thảo đang công bố, tô đậm theo số ý kiến (đậm nhất: {formatCount(max)} ý kiến). Thanh màu cho biết tỷ lệ quan điểm.
      </p>
      <div className="heat-legend" aria-hidden="true">
        Ít
        {[0, 1, 2, 3, 4, 5].map((level) => (
          <span key={level} className={`heat-swatch heat-${level}`} />
        ))}
        Nhiều
      </div>
      <StanceLegend />
      <ol className="heat-map">
        {stats.blocks.map((block) => {
          const heading = ["part", "chapter", "section", "article", "heading"].includes(block.kind);
          return (
            <li key={block.key} className={`heat-block heat-${shadeLevel(block.split.total, max)}${heading ? " heat-heading" : ""}`}>
              <p className="heat-text">
                <span className="heat-label">{block.label}</span> {block.text}
              </p>
              <p className="heat-count">
                {block.split.total > 0 ? (
                  <>
                    <strong>{formatCount(block.split.total)} ý kiến</strong> <StanceBar split={block.split} width={80} />{" "}
                    <Link to={themesPath(consultation.id, filters, { block: block.key })}>Chủ đề</Link>
                  </>
                ) : (
                  "Chưa có ý kiến"
                )}{" "}
                · <a href={blockPath(consultation.slug, block.key)}>Xem đoạn</a>
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

interface Row {
  key: string;
  label: string;
  split: Split;
  drill?: Record<string, string>;
}

function Breakdown({
  id,
  title,
  column,
  rows,
  total,
  link,
}: {
  id: string;
  title: string;
  column: string;
  rows: Row[];
  total: number;
  link?: (row: Row) => string | null;
}) {
  return (
    <section aria-labelledby={id} className="report-part">
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="notice">Không có số liệu.</p>
      ) : (
        <div className="chart-and-table">
          <figure>
            <BarChart rows={rows} title={title} />
            <figcaption>
              <ChannelLegend />
              {rows.length > 12 ? <span className="hint">Biểu đồ: 12 dòng nhiều nhất; bảng: tất cả.</span> : null}
            </figcaption>
          </figure>
          <TableScroll label={`Bảng: ${title}`}>
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">{column}</th>
                  <SplitHeaders />
                  <th scope="col" className="num">
                    Tỷ lệ
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const href = link?.(row);
                  return (
                    <tr key={row.key || "_none"}>
                      <th scope="row">{href ? <Link to={href}>{row.label}</Link> : row.label}</th>
                      <SplitCells split={row.split} />
                      <td className="num">{percent(row.split.total, total)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
    </section>
  );
}

function Days({ days }: { days: { day: string; split: Split }[] }) {
  return (
    <section aria-labelledby="theo-ngay" className="report-part">
      <h2 id="theo-ngay">Theo thời gian</h2>
      <figure>
        <TimeSeries days={days} />
        <figcaption>
          <ChannelLegend />
        </figcaption>
      </figure>
      <details>
        <summary>Bảng số ý kiến theo ngày</summary>
        <TableScroll label="Bảng số ý kiến theo ngày">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <SplitHeaders />
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{`${d.day.slice(8, 10)}/${d.day.slice(5, 7)}/${d.day.slice(0, 4)}`}</th>
                  <SplitCells split={d.split} />
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}

function ExportForm({ consultation, filters, exports, csrfToken, exportError }: Props) {
  return (
    <section aria-labelledby="xuat" className="report-part export-part">
      <h2 id="xuat">Xuất báo cáo</h2>
      <p className="hint">Tệp được tạo theo bộ lọc đang chọn. Việc xuất chạy nền; trang tiến độ có liên kết tải về khi xong.</p>
      {exportError ? (
        <p className="form-error" role="alert">
          {exportError}
        </p>
      ) : null}
      <Form method="post" className="export-form">
        <CsrfField token={csrfToken} />
        {Object.entries(filters).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={String(value)} /> : null))}
        <fieldset>
          <legend>Định dạng</legend>
          {(Object.keys(EXPORT_LABELS) as (keyof typeof EXPORT_LABELS)[]).map((format, i) => (
            <label key={format} className="choice">
              <input type="radio" name="format" value={format} defaultChecked={i === 0} /> {EXPORT_LABELS[format]}
            </label>
          ))}
        </fieldset>
        <button type="submit" name="intent" value="export" className="primary">
          Xuất tệp
        </button>
      </Form>
      {exports.length > 0 ? (
        <>
          <h3>Các lần xuất gần đây của bạn</h3>
          <ul className="export-list">
            {exports.map((e) => (
              <li key={e.id}>
                <Link to={`/quan-tri/bao-cao/xuat/${e.id}`}>{e.label}</Link> · {formatDateTime(e.createdAt)} ·{" "}
                {JOB_STATUS[e.status as keyof typeof JOB_STATUS] ?? e.status}
                {e.expired ? " (tệp đã xóa sau thời hạn lưu giữ)" : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="hint">Đợt lấy ý kiến: {consultation.title}</p>
    </section>
  );
}
