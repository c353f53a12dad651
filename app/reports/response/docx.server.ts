import type { ShownProposal } from "~/comments/proposal.ts";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { Packer, Document, Paragraph } from "docx";
import yauzl from "yauzl";
import type { Disposition } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import { formatCount } from "~/platform/format.ts";
import { A4_PORTRAIT, centered, DOCUMENT_STYLES, draftName, header, MM, para, rule, run, signature, TABLE, type Issuer } from "~/reports/export/docx-report.ts";
import { DEFAULT_ISSUER } from "~/reports/export/issuer.server.ts";
import { DISPOSITION_LABELS, DISPOSITIONS } from "~/answers/dispositions.ts";
import { describeResponseFilters, type ResponseReportFilters } from "./filters.ts";
import { collapseGroups, countsLine, GENERAL_SECTION_LABEL } from "./grouping.ts";
import { loadOverview, type ReportConsultation, type ReportOverview, type ReportReader } from "./report.server.ts";
import { reportItems } from "./rows.server.ts";
import { ZipWriter } from "./zip-writer.ts";

// The response report as Word, in the administrative layout of the other reports (quốc hiệu, tiêu ngữ,
// issuer, place and date, signature): the frame is made by the docx library with a marker paragraph where
// the table goes; the table — one row per answer, its opinions in the middle cell — is written as
// WordprocessingML text straight into the archive, a batch at a time, so 100,000 opinions never sit in
// memory as objects (ADR 040).

const MARKER = "@@BANG-TIEP-THU-GIAI-TRINH@@";

/** Who issues the public report: the consultation's issuing body, else the central committee. */
export function responseIssuer(consultation: { issuingBody: string }): Issuer {
  const name = consultation.issuingBody.trim();
  return name ? { parentName: null, name, numberSuffix: "BST", place: DEFAULT_ISSUER.place } : DEFAULT_ISSUER;
}

function frame(consultation: ReportConsultation, overview: ReportOverview, filters: ResponseReportFilters, date: Date): Document {
  const title = draftName(consultation.title);
  const issuer = responseIssuer(consultation);
  const scope = describeResponseFilters(filters, DISPOSITION_LABELS);
  const total = overview.total;
  const dispositionLines = DISPOSITIONS.map((d, i) =>
    para([run(`${i + 1}. ${DISPOSITION_LABELS[d]}: `, { bold: true }), run(`${formatCount(total[d])} ý kiến.`)]),
  );
  const sectionLines = overview.sections.map((s, i) =>
    para(`${i + 1}. ${s.key === null ? GENERAL_SECTION_LABEL : s.label}: ${countsLine(s.counts, DISPOSITION_LABELS, formatCount)}.`),
  );
  return new Document({
    creator: issuer.name,
    title: `Báo cáo tiếp thu, giải trình ý kiến góp ý vào dự thảo ${title}`,
    description: "Báo cáo tiếp thu, giải trình ý kiến",
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: { page: A4_PORTRAIT },
        children: [
          header({ issuer, date }),
          centered("BÁO CÁO", { bold: true }, { spacing: { before: 360, after: 0 } }),
          centered(`Tiếp thu, giải trình ý kiến góp ý vào dự thảo ${title}`, { bold: true }),
          rule(60),
          para(
            `Trên cơ sở ý kiến góp ý của Nhân dân vào dự thảo ${title}, ${issuer.name} báo cáo việc tiếp thu, giải trình ý kiến như sau` +
              (scope.length ? ` (${scope.join("; ")})` : "") +
              ":",
          ),
          para([run("I. KẾT QUẢ CHUNG", { bold: true })], { indent: { firstLine: 0 } }),
          para(
            `Đã xử lý ${formatCount(total.total)} ý kiến bằng ${formatCount(overview.answers)} nội dung tiếp thu, giải trình; còn ${formatCount(overview.unanswered)} ý kiến chưa xử lý.`,
          ),
          ...dispositionLines,
          para([run("II. THEO TỪNG PHẦN CỦA DỰ THẢO", { bold: true })], { indent: { firstLine: 0 } }),
          ...(sectionLines.length ? sectionLines : [para("Chưa có ý kiến nào được tiếp thu, giải trình.")]),
          para([run("III. BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH", { bold: true })], { indent: { firstLine: 0 } }),
          new Paragraph({ children: [run(MARKER)] }),
          para(`Trên đây là báo cáo tiếp thu, giải trình ý kiến góp ý vào dự thảo ${title} của ${issuer.name}./.`),
          new Paragraph({ children: [], spacing: { after: 200 } }),
          signature({ issuer }),
        ],
      },
    ],
  });
}

// eslint-disable-next-line no-control-regex -- characters XML 1.0 cannot carry are dropped
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const SIZE = `<w:sz w:val="${TABLE}"/><w:szCs w:val="${TABLE}"/>`;
const COLUMNS = [Math.round(12 * MM), Math.round(88 * MM), Math.round(65 * MM)];

/** A run of text; `style` goes before the size (b, i, strike), `after` after it (u): the order WordprocessingML requires. */
function runXml(text: string, style = "", after = ""): string {
  return `<w:r><w:rPr>${style}${SIZE}${after}</w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

function paragraphXml(runs: string, align = ""): string {
  return `<w:p><w:pPr><w:spacing w:before="0" w:after="60"/>${align ? `<w:jc w:val="${align}"/>` : ""}</w:pPr>${runs}</w:p>`;
}

function cellXml(width: number, paragraphs: string, span = 1): string {
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ""}</w:tcPr>${paragraphs || paragraphXml("")}</w:tc>`;
}

const BORDER = `w:val="single" w:sz="4" w:space="0" w:color="000000"`;

function tableStart(): string {
  const width = COLUMNS.reduce((a, b) => a + b, 0);
  const headerRow =
    `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>` +
    cellXml(COLUMNS[0]!, paragraphXml(runXml("STT", "<w:b/>"), "center")) +
    cellXml(COLUMNS[1]!, paragraphXml(runXml("Ý kiến góp ý", "<w:b/>"), "center")) +
    cellXml(COLUMNS[2]!, paragraphXml(runXml("Tiếp thu, giải trình", "<w:b/>"), "center")) +
    `</w:tr>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>` +
    ["top", "left", "bottom", "right", "insideH", "insideV"].map((side) => `<w:${side} ${BORDER}/>`).join("") +
    `</w:tblBorders></w:tblPr><w:tblGrid>${COLUMNS.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>${headerRow}`
  );
}

/**
 * "Đề xuất sửa thành: …" as the change it makes (ADR 047): added words underlined, removed ones struck
 * through (readable printed in black and white); the proposal as written when there is no diff.
 */
function proposalRuns(proposal: ShownProposal): string {
  const head = runXml("Đề xuất sửa thành: ", "<w:b/><w:i/>");
  if (!proposal.diff) return head + runXml(proposal.text);
  return (
    head +
    proposal.diff.map((s) => (s.kind === "ins" ? runXml(s.text, "", '<w:u w:val="single"/>') : runXml(s.text, s.kind === "del" ? "<w:strike/>" : ""))).join("")
  );
}

/** The table's rows, as XML text, a batch at a time. */
async function* tableXml(items: ReturnType<typeof reportItems>, sectionLabel: (key: string | null, label: string) => string): AsyncGenerator<string> {
  yield tableStart();
  let n = 0;
  let chunk = "";
  let empty = true;
  for await (const item of items) {
    if (item.kind === "section") {
      chunk += `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cellXml(
        COLUMNS.reduce((a, b) => a + b, 0),
        paragraphXml(runXml(sectionLabel(item.section.key, item.section.label), "<w:b/>")),
        3,
      )}</w:tr>`;
      continue;
    }
    empty = false;
    const { answer } = item;
    const { entries, more } = collapseGroups(item.opinions, item.groupSizes, answer.opinions, Number.MAX_SAFE_INTEGER);
    let opinions = "";
    for (const { opinion, similar } of entries) {
      opinions += paragraphXml(
        runXml(`- ${opinion.text}`) +
          runXml(` (${opinion.byline}${opinion.versionNumber !== null ? `; bản số ${opinion.versionNumber}` : ""})`, "<w:i/>") +
          (similar > 0 ? runXml(` và ${formatCount(similar)} ý kiến tương tự`, "<w:i/>") : ""),
        "both",
      );
      if (opinion.proposal) opinions += paragraphXml(proposalRuns(opinion.proposal), "both");
    }
    if (more > 0) opinions += paragraphXml(runXml(`và ${formatCount(more)} ý kiến khác`, "<w:i/>"));
    const response =
      paragraphXml(runXml(DISPOSITION_LABELS[answer.disposition as Disposition], "<w:b/>")) +
      answer.explanation
        .split(/\n+/)
        .filter((line) => line.trim())
        .map((line) => paragraphXml(runXml(line), "both"))
        .join("");
    chunk += `<w:tr>${cellXml(COLUMNS[0]!, paragraphXml(runXml(String(++n)), "center"))}${cellXml(COLUMNS[1]!, opinions)}${cellXml(COLUMNS[2]!, response)}</w:tr>`;
    if (chunk.length > 256_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (empty)
    chunk += `<w:tr>${cellXml(
      COLUMNS.reduce((a, b) => a + b, 0),
      paragraphXml(runXml("Chưa có ý kiến nào được tiếp thu, giải trình.")),
      3,
    )}</w:tr>`;
  yield `${chunk}</w:tbl>`;
}

/** The entries of a ZIP archive held in memory (the frame the docx library made). */
function readArchive(buffer: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("no archive"));
      const entries: { name: string; data: Buffer }[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error("no stream"));
          const parts: Buffer[] = [];
          stream.on("data", (d: Buffer) => parts.push(d));
          stream.on("end", () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(parts) });
            zip.readEntry();
          });
          stream.on("error", reject);
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** Writes the .docx of the report to `file` (a path, or a stream it ends); resolves with how many opinions it holds. */
export async function writeResponseDocx(
  db: Db,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
  file: string | Writable,
  date = new Date(),
): Promise<number> {
  const overview = await loadOverview(db, reader, consultation, filters);
  if (!overview) throw new Error("Không có phiên bản này của dự thảo.");
  const archive = await readArchive(await Packer.toBuffer(frame(consultation, overview, filters, date)));
  const zip = new ZipWriter(typeof file === "string" ? createWriteStream(file) : file);
  for (const entry of archive) {
    if (entry.name !== "word/document.xml") {
      await zip.add(entry.name, [entry.data]);
      continue;
    }
    const xml = entry.data.toString("utf8");
    const at = xml.indexOf(MARKER);
    const start = xml.lastIndexOf("<w:p>", at);
    const end = xml.indexOf("</w:p>", at) + "</w:p>".length;
    if (at < 0 || start < 0) throw new Error("docx frame without its marker");
    const sectionLabel = (key: string | null, label: string) => (key === null ? GENERAL_SECTION_LABEL : label);
    const items = reportItems(db, reader, consultation, filters, overview);
    await zip.add(
      entry.name,
      (async function* () {
        yield xml.slice(0, start);
        yield* tableXml(items, sectionLabel);
        yield xml.slice(end);
      })(),
    );
  }
  await zip.finish();
  return overview.total.total;
}
