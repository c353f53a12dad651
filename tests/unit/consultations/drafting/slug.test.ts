import { expect, it } from "vitest";
import { SLUG_MAX, SLUG_PATTERN, slugFromTitle } from "~/consultations/drafting/slug.ts";

it("makes the slug from the Vietnamese title without diacritics, đ as d, one hyphen between words", () => {
  expect(slugFromTitle("Dự thảo Báo cáo chính trị trình Đại hội XIV")).toBe("du-thao-bao-cao-chinh-tri-trinh-dai-hoi-xiv");
  expect(slugFromTitle("  Luật Đất đai (sửa đổi) — năm 2025!  ")).toBe("luat-dat-dai-sua-doi-nam-2025");
  expect(slugFromTitle("Nghị quyết số 18-NQ/TW")).toBe("nghi-quyet-so-18-nq-tw");
});

it("reads the title the same in NFC and NFD, and every Vietnamese letter", () => {
  const nfd = "Hiến pháp nước Cộng hòa".normalize("NFD");
  expect(slugFromTitle(nfd)).toBe("hien-phap-nuoc-cong-hoa");
  expect(slugFromTitle("ƯỚC ƠN ĂN ÂM ÊM ÔNG ĐẸP ỹ")).toBe("uoc-on-an-am-em-ong-dep-y");
});

it("stays within the length limit, cut between words; a title of symbols gives nothing", () => {
  const long = slugFromTitle("Dự thảo văn kiện trình Đại hội đại biểu toàn quốc lần thứ XIV của Đảng Cộng sản Việt Nam nhiệm kỳ 2026 - 2031");
  expect(long.length).toBeLessThanOrEqual(SLUG_MAX);
  expect(long).toMatch(SLUG_PATTERN);
  expect(long.endsWith("-")).toBe(false);
  expect("du-thao-van-kien-trinh-dai-hoi-dai-bieu-toan-quoc-lan-thu-xiv-cua-dang-cong-san-viet-nam").toContain(long);
  expect(slugFromTitle("a".repeat(120))).toBe("a".repeat(SLUG_MAX));
  expect(slugFromTitle("— … !!! ")).toBe("");
});
