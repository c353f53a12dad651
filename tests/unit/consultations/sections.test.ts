import { expect, it } from "vitest";
import { sectionTitle } from "~/consultations/sections.ts";

it("titles a section with the headings it sits in and its own number, never numbering it again", () => {
  expect(sectionTitle({ label: "Phần thứ nhất › I", text: "I. KẾT QUẢ ĐẠT ĐƯỢC" })).toBe("Phần thứ nhất › I. KẾT QUẢ ĐẠT ĐƯỢC");
  expect(sectionTitle({ label: "Phần thứ nhất", text: "Phần thứ nhất. ĐÁNH GIÁ KẾT QUẢ" })).toBe("Phần thứ nhất. ĐÁNH GIÁ KẾT QUẢ");
  expect(sectionTitle({ label: "Lời nói đầu", text: "LỜI NÓI ĐẦU" })).toBe("LỜI NÓI ĐẦU");
});
