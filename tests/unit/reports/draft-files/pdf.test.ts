import { expect, it } from "vitest";
import { draftPieces, type Piece } from "~/reports/draft-files/draft-file.ts";
import { buildDraftPdf } from "~/reports/draft-files/pdf.server.ts";
import { pdfText, squeeze } from "../../../support/draft-files.ts";

// The PDF writer over several pages (ADR 049): each page is numbered as it starts ("Trang N", no total,
// so no page is kept until the end), and a paragraph broken across pages goes on in its own face with
// nothing lost or repeated.

const clause = (n: number) =>
  `Khoản ${n}: người sử dụng đất được Nhà nước giao đất, cho thuê đất có trách nhiệm sử dụng đúng mục đích, giữ gìn ranh giới thửa đất và bảo vệ môi trường; khoản số ${n} kết thúc ở đây.`;

it("numbers every page as it starts and keeps every paragraph whole and in order across pages", async () => {
  const content = Array.from({ length: 60 }, (_, i) => ({
    type: "paragraph",
    attrs: { kind: "clause" },
    content: [{ type: "text", text: clause(i + 1), ...(i % 3 === 0 ? { marks: [{ type: "bold" }] } : {}) }],
  }));
  const pieces: Piece[] = draftPieces({ type: "doc", content });
  const { pages, pageTexts } = await pdfText(
    new Uint8Array(await buildDraftPdf({ title: "Dự thảo Luật Đất đai", versionLine: "Bản số 1, công bố ngày 05/03/2026" }, pieces)),
  );
  expect(pages).toBeGreaterThanOrEqual(3);
  pageTexts.forEach((page, i) => {
    const flat = squeeze(page);
    expect(flat.match(/Trang\d+/g)).toEqual([`Trang${i + 1}`]);
  });
  let text = squeeze(pageTexts.join("")).replace(/Trang\d+/g, "");
  for (let n = 1; n <= 60; n++) {
    const at = text.indexOf(squeeze(clause(n)));
    expect(at, `khoản ${n}`).toBeGreaterThanOrEqual(0);
    text = text.slice(at + squeeze(clause(n)).length);
  }
});
