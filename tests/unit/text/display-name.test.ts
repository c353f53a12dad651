import { expect, it } from "vitest";
import { ANONYMOUS_NAME, publicByline, shortenName } from "~/text/display-name.ts";

it("keeps the family name and shortens the other words to initials", () => {
  expect(shortenName("Nguyễn Văn An")).toBe("Nguyễn V. A.");
  expect(shortenName("Trần Thị Bích Ngọc")).toBe("Trần T. B. N.");
  expect(shortenName("Đỗ Thị Hồng Ánh")).toBe("Đỗ T. H. Á.");
  expect(shortenName("Đặng Ánh")).toBe("Đặng Á.");
  expect(shortenName("Lê Đức Ưng")).toBe("Lê Đ. Ư.");
});

it("leaves a one-word name alone and handles empty input", () => {
  expect(shortenName("Hùng")).toBe("Hùng");
  expect(shortenName("   ")).toBe("");
});

it("upper-cases initials, keeping their diacritics", () => {
  expect(shortenName("Phạm ánh đức")).toBe("Phạm Á. Đ.");
});

it("accepts decomposed (NFD) input and returns NFC", () => {
  const out = shortenName("Đỗ Thị Hồng Ánh".normalize("NFD"));
  expect(out).toBe("Đỗ T. H. Á.");
  expect(out).toBe(out.normalize("NFC"));
});

it("normalizes extra and odd spaces", () => {
  expect(shortenName("  Nguyễn   Văn\t An \n")).toBe("Nguyễn V. A.");
  expect(shortenName("Nguyễn\u00A0Văn\u200B An")).toBe("Nguyễn V. A.");
});

it("is idempotent", () => {
  expect(shortenName("Nguyễn V. A.")).toBe("Nguyễn V. A.");
});

it("builds the public byline from the shortened name and non-empty places", () => {
  expect(publicByline("Nguyễn Văn An", ["Phường Ba Đình", "Thành phố Hà Nội"])).toBe("Nguyễn V. A., Phường Ba Đình, Thành phố Hà Nội");
  expect(publicByline("Trần Thị Bích Ngọc", ["", "  ", "Tỉnh Lào Cai"])).toBe("Trần T. B. N., Tỉnh Lào Cai");
  expect(publicByline("Hùng", [])).toBe("Hùng");
  expect(publicByline("", ["Xã Tân Phú"])).toBe("Xã Tân Phú");
});

it("shows an opinion made anonymous at its author's request as «Ẩn danh», not «Ẩn D.»", () => {
  expect(shortenName(ANONYMOUS_NAME)).toBe("Ẩn danh");
  expect(publicByline(ANONYMOUS_NAME, ["Thành phố Hà Nội"])).toBe("Ẩn danh, Thành phố Hà Nội");
});
