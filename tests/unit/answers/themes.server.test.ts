import { expect, it } from "vitest";
import { coveredBy } from "~/answers/themes.server.ts";
import { keyPhrases } from "~/reports/themes/key-phrases.ts";

const rows = [
  { id: "a", text: "Cần đẩy mạnh chuyển đổi số trong quản lý nhà nước." },
  { id: "b", text: "Chuyen doi so phai di doi voi dao tao nguon nhan luc." },
  { id: "c", text: "Chuyển đổi, số hoá dữ liệu là việc khác." },
  { id: "d", text: "Đề nghị chú trọng giáo dục đạo đức cho thanh niên." },
];

it("covers the opinions holding the key phrase inside one clause, with or without diacritics", () => {
  expect(coveredBy(rows, "chuyen doi so")).toEqual(["a", "b"]);
  expect(coveredBy(rows, "giao duc dao duc")).toEqual(["d"]);
  expect(coveredBy(rows, "khong co dau")).toEqual([]);
});

it("covers as many opinions as the theme list counts", () => {
  const phrase = keyPhrases(rows.map((r) => r.text)).find((p) => p.key === "chuyen doi so")!;
  expect(phrase.count).toBe(coveredBy(rows, phrase.key).length);
});
