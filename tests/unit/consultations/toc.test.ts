import { expect, it } from "vitest";
import { buildToc } from "~/consultations/toc.ts";

it("keeps the table of contents short: articles listed compactly under their chapter", () => {
  const toc = buildToc([
    { key: "a", kind: "heading", level: 1, text: "LỜI NÓI ĐẦU" },
    { key: "b", kind: "paragraph", level: 2, text: "Trải qua mấy nghìn năm lịch sử" },
    { key: "c", kind: "chapter", level: 2, text: "Chương I. CHẾ ĐỘ CHÍNH TRỊ" },
    { key: "d", kind: "article", level: 4, text: "Điều 1." },
    { key: "e", kind: "article", level: 4, text: "Điều 2. Quyền con người" },
  ]);
  expect(toc).toEqual([
    { key: "a", text: "LỜI NÓI ĐẦU", level: 1, articles: [] },
    {
      key: "c",
      text: "Chương I. CHẾ ĐỘ CHÍNH TRỊ",
      level: 2,
      articles: [
        { key: "d", text: "Điều 1" },
        { key: "e", text: "Điều 2" },
      ],
    },
  ]);
});
