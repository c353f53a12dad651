import { CHANNELS, STANCES } from "~/vocabulary/vocabulary.ts";
import type { ReportStatistics } from "../statistics.server.ts";
import { CHANNEL_ORDER, STANCE_ORDER, type Split } from "../statistics.ts";

// The statistics as plain tables (a header row, then rows of a label and numbers), shared by the
// Excel sheets and the Word report's appendix, so both count the same way as the page.

export const SPLIT_HEADERS = ["Tổng số", ...CHANNEL_ORDER.map((c) => CHANNELS[c]), ...STANCE_ORDER.map((s) => STANCES[s])];

export function splitCells(split: Split): number[] {
  return [split.total, ...CHANNEL_ORDER.map((c) => split.channels[c]), ...STANCE_ORDER.map((s) => split.stances[s])];
}

export interface StatisticsTable {
  /** Sheet name: at most 31 characters, none of []:*?/\ */
  name: string;
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

/** "2026-11-26 21:05" in Vietnam time, written without Intl (an export formats a million of them). */
export function vietnamDateTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** "26/11/2026" from "2026-11-26". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

/** The statistics sheets of the Excel export (and the tables of the Word appendix). */
export function statisticsTables(stats: ReportStatistics): StatisticsTable[] {
  const rowsOf = (rows: { label: string; split: Split }[]) => rows.map((r) => [r.label, ...splitCells(r.split)]);
  const sections = stats.sections.filter((s) => s.split.total > 0).map((s) => ({ label: s.text, split: s.split }));
  if (stats.wholeDocument.total > 0) sections.unshift({ label: "Toàn văn dự thảo", split: stats.wholeDocument });
  if (stats.elsewhere.total > 0) sections.push({ label: "Đoạn không còn trong dự thảo", split: stats.elsewhere });
  return [
    {
      name: "Tổng hợp",
      title: "Tổng hợp ý kiến",
      headers: ["", ...SPLIT_HEADERS],
      rows: rowsOf([
        { label: "Tất cả ý kiến", split: stats.total },
        { label: "Ý kiến về toàn văn dự thảo", split: stats.wholeDocument },
        { label: "Ý kiến về từng đoạn", split: subtract(stats.total, stats.wholeDocument) },
      ]),
    },
    { name: "Theo phần, mục", title: "Ý kiến theo phần, mục của dự thảo", headers: ["Phần, mục", ...SPLIT_HEADERS], rows: rowsOf(sections) },
    {
      name: "Theo đoạn",
      title: "Ý kiến theo từng đoạn của dự thảo",
      headers: ["Phần, mục, đoạn", "Nội dung đoạn", ...SPLIT_HEADERS],
      rows: stats.blocks.filter((b) => b.split.total > 0).map((b) => [b.label, excerpt(b.text, 300), ...splitCells(b.split)]),
    },
    {
      name: "Theo địa bàn",
      title: stats.localities.level === "province" ? "Ý kiến theo tỉnh, thành phố" : "Ý kiến theo xã, phường",
      headers: [stats.localities.level === "province" ? "Tỉnh, thành phố" : "Xã, phường", ...SPLIT_HEADERS],
      rows: rowsOf(stats.localities.rows),
    },
    { name: "Theo tổ chức", title: "Ý kiến theo tổ chức", headers: ["Tổ chức", ...SPLIT_HEADERS], rows: rowsOf(stats.organizations) },
    { name: "Theo nghề nghiệp", title: "Ý kiến theo nghề nghiệp", headers: ["Nghề nghiệp", ...SPLIT_HEADERS], rows: rowsOf(stats.occupations) },
    { name: "Theo độ tuổi", title: "Ý kiến theo độ tuổi", headers: ["Độ tuổi", ...SPLIT_HEADERS], rows: rowsOf(stats.ageGroups) },
    {
      name: "Theo ngày",
      title: "Ý kiến theo ngày",
      headers: ["Ngày", ...SPLIT_HEADERS],
      rows: stats.days.map((d) => [dayLabel(d.day), ...splitCells(d.split)]),
    },
  ];
}

function subtract(a: Split, b: Split): Split {
  return {
    total: a.total - b.total,
    channels: Object.fromEntries(CHANNEL_ORDER.map((c) => [c, a.channels[c] - b.channels[c]])) as Split["channels"],
    stances: Object.fromEntries(STANCE_ORDER.map((s) => [s, a.stances[s] - b.stances[s]])) as Split["stances"],
  };
}

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
