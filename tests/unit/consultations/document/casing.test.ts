import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAllCapitals, learnCasing } from "~/consultations/document/casing";
import { readConstitution } from "./fixtures";

describe("giving an all-capital heading back the draft's own capitals", () => {
  const constitution = learnCasing(new TextDecoder().decode(readConstitution()).normalize("NFC").split("\n"));

  it("writes proper names as the Constitution's running text does, the rest in lower case", () => {
    expect(constitution.sentenceCase("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBe("Cộng hòa xã hội chủ nghĩa Việt Nam");
    expect(constitution.sentenceCase("NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBe("Nước Cộng hòa xã hội chủ nghĩa Việt Nam");
    expect(constitution.sentenceCase("CHỦ TỊCH QUỐC HỘI")).toBe("Chủ tịch Quốc hội");
    expect(constitution.sentenceCase("QUỐC HỘI")).toBe("Quốc hội");
    // The pair decides: "quốc" is lower case in "quốc phòng", capital in "Quốc hội".
    expect(constitution.sentenceCase("HỘI ĐỒNG QUỐC PHÒNG VÀ AN NINH")).toBe("Hội đồng quốc phòng và an ninh");
    expect(constitution.sentenceCase("LỜI NÓI ĐẦU")).toBe("Lời nói đầu");
  });

  it("keeps numbering, starts each sentence with a capital, and leaves mixed-case text alone", () => {
    expect(constitution.sentenceCase("I. QUYỀN CON NGƯỜI")).toBe("I. Quyền con người");
    expect(constitution.sentenceCase("BẢO VỆ TỔ QUỐC. QUỐC PHÒNG TOÀN DÂN")).toBe("Bảo vệ Tổ quốc. Quốc phòng toàn dân");
    expect(constitution.sentenceCase("Chương I. CHẾ ĐỘ CHÍNH TRỊ")).toBe("Chương I. CHẾ ĐỘ CHÍNH TRỊ");
  });

  it("leaves words the body never writes in lower case, and keeps what it writes in capitals", () => {
    const casing = learnCasing(["Báo cáo của UBND tỉnh Hòa Sơn gửi Ban Chấp hành Đảng bộ tỉnh."]);
    expect(casing.sentenceCase("BÁO CÁO CỦA UBND TỈNH HÒA SƠN")).toBe("Báo cáo của UBND tỉnh Hòa Sơn");
    expect(casing.sentenceCase("NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH")).toBe("Nghị quyết của Ban Chấp hành Đảng bộ tỉnh");
    // A capital at the start of a sentence says nothing: "Báo" stays lower case inside the heading.
    expect(casing.sentenceCase("TỔNG HỢP BÁO CÁO")).toBe("Tổng hợp báo cáo");
  });

  it("gives the demo political report's title its institutions back", () => {
    const lines = readFileSync(new URL("../../../../prisma/demo/du-thao-bao-cao-chinh-tri.txt", import.meta.url), "utf8")
      .normalize("NFC")
      .split("\n");
    const title = lines.find((line) => line.startsWith("DỰ THẢO BÁO CÁO CHÍNH TRỊ"))!;
    // "Báo cáo chính trị" too: the report names itself so in its text.
    expect(learnCasing(lines).sentenceCase(title)).toBe(
      "Dự thảo Báo cáo chính trị của Ban Chấp hành Đảng bộ tỉnh Hòa Sơn khóa XX tại Đại hội đại biểu Đảng bộ tỉnh lần thứ XXI, nhiệm kỳ 2025 - 2030",
    );
  });

  it("says which texts are all capitals", () => {
    expect(isAllCapitals("LỜI NÓI ĐẦU")).toBe(true);
    expect(isAllCapitals("Lời nói đầu")).toBe(false);
    expect(isAllCapitals("2013")).toBe(false);
  });
});
