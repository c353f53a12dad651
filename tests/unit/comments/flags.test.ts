import { describe, expect, it } from "vitest";
import { FLAGS, FLAG_LABELS, flagNames, hasLink, isAllCaps, isVeryShort, textFlags, type FlagName } from "~/comments/flags.ts";
import { STARTER_PROFANITY, createProfanityMatcher } from "~/text/profanity-vi.ts";
import { corpusParagraphs } from "../text/corpus.ts";

const profanity = createProfanityMatcher(STARTER_PROFANITY);
const names = (text: string) => flagNames(textFlags(text, profanity));

describe("the bit set", () => {
  it("has stable bit values (they are stored)", () => {
    expect(FLAGS).toEqual({ LINK: 1, PROFANITY: 2, NO_DIACRITICS: 4, VERY_SHORT: 8, ALL_CAPS: 16, BURST: 32, NEAR_DUPLICATE: 64 });
  });

  it("has a Vietnamese label for every flag", () => {
    expect(Object.keys(FLAG_LABELS).sort()).toEqual(Object.keys(FLAGS).sort());
    expect(FLAG_LABELS.LINK).toBe("Có đường dẫn");
    expect(FLAG_LABELS.NEAR_DUPLICATE).toBe("Trùng lặp");
    for (const label of Object.values(FLAG_LABELS)) expect(label).toBe(label.normalize("NFC"));
  });

  it("flagNames lists the set flags in FLAGS order and ignores unknown bits", () => {
    expect(flagNames(0)).toEqual([]);
    expect(flagNames(FLAGS.NEAR_DUPLICATE | FLAGS.LINK)).toEqual(["LINK", "NEAR_DUPLICATE"]);
    expect(flagNames(127)).toEqual(Object.keys(FLAGS));
    expect(flagNames(128 | FLAGS.BURST)).toEqual(["BURST"]);
    for (const name of Object.keys(FLAGS) as FlagName[]) expect(flagNames(FLAGS[name])).toEqual([name]);
  });
});

describe("textFlags", () => {
  it("raises nothing on an ordinary comment", () => {
    expect(names("Đề nghị bổ sung chỉ tiêu về giáo dục, nhất là ở các xã vùng sâu, vùng xa.")).toEqual([]);
  });

  it("combines the flags of the text", () => {
    expect(names("DE NGHI XEM LAI, TAI LIEU O WWW.ABC.VN")).toEqual(["LINK", "NO_DIACRITICS", "ALL_CAPS"]);
    expect(names("Đồ chó")).toEqual(["PROFANITY", "VERY_SHORT"]);
  });

  it("never sets BURST or NEAR_DUPLICATE: the caller does, from the database", () => {
    const bits = textFlags("ĐỒ CHÓ, XEM abc.com", profanity);
    expect(bits & (FLAGS.BURST | FLAGS.NEAR_DUPLICATE)).toBe(0);
  });

  it("reuses the no-diacritics heuristic of the comment form", () => {
    expect(names("toi khong dong y voi muc tieu tang truong 8% vi qua cao so voi thuc te")).toContain("NO_DIACRITICS");
    expect(names("Tôi không đồng ý với mục tiêu tăng trưởng 8% vì quá cao so với thực tế")).not.toContain("NO_DIACRITICS");
  });

  it("raises no LINK, PROFANITY or NO_DIACRITICS on any corpus paragraph (the Constitution, the report)", () => {
    const paragraphs = corpusParagraphs();
    expect(paragraphs.length).toBeGreaterThan(500);
    for (const paragraph of paragraphs) {
      const bits = textFlags(paragraph, profanity);
      expect(flagNames(bits & (FLAGS.LINK | FLAGS.PROFANITY | FLAGS.NO_DIACRITICS)), paragraph.slice(0, 80)).toEqual([]);
    }
  });
});

describe("LINK", () => {
  it.each([
    "Xem tại https://chinhphu.vn/du-thao",
    "http://192.168.1.1/admin",
    "HTTPS://EXAMPLE.ORG",
    "vào www.abc.net mà xem",
    "Www.baomoi.com",
    "liên hệ abc.com",
    "xyz.vn",
    "Chi tiết: chinhphu.gov.vn/van-ban.",
    "mua-ban-nha.com.vn ưu đãi",
    "(xem vnexpress.net)",
    "nhắn zalo.me/0912345678",
    "t.co/AbC",
    "ABC.COM",
    "xem bit.ly/3abc",
  ])("catches %j", (text) => {
    expect(hasLink(text)).toBe(true);
    expect(names(text)).toContain("LINK");
  });

  it.each([
    "Tăng trưởng 3.5% mỗi năm",
    "Theo Điều 2.1 và khoản 3.2.4",
    "Mức phí 1.000.000 đồng",
    "các nội dung khác, v.v.",
    "người dân TP.HCM và Tp.Hà Nội",
    "Q.1, P.Bến Nghé",
    "Tôi đồng ý.Tôi cũng đề nghị thêm",
    "toi dong y.co the bo sung them", // "co" = có, not Colombia
    "cua toi.me toi noi", // "me" = mẹ
    "email: nguyenvana@gmail.com",
    "tệp baocao.docx, bang.xlsx, anh.jpg",
    "Node.js",
    "abc.comment",
    "GS.TS Nguyễn Văn A",
    "UBND.xã",
  ])("leaves %j alone", (text) => {
    expect(hasLink(text)).toBe(false);
  });
});

describe("VERY_SHORT: fewer than 5 syllables or fewer than 20 letters", () => {
  it.each([
    "Đồng ý",
    "Tôi đồng ý.",
    "Tôi hoàn toàn đồng ý", // 5 syllables but 16 letters
    "Tôi đồng ý với dự thảo", // 6 syllables, 17 letters
    "12345678901234567890", // no letters
    "👍👍👍",
    "Hoooooooooooooooooooooooooooooooay", // one long word
    "https://abc.com",
    "",
  ])("flags %j", (text) => {
    expect(isVeryShort(text)).toBe(true);
  });

  it.each(["Đề nghị bổ sung chỉ tiêu về giáo dục", "Tôi tán thành nội dung về phát triển kinh tế", "Cần làm rõ nguồn vốn thực hiện."])(
    "leaves %j alone",
    (text) => {
      expect(isVeryShort(text)).toBe(false);
    },
  );

  it("counts letters, not code points: NFD input is no longer", () => {
    const text = "Hoà bình độc lập tự do"; // 6 syllables, 18 letters
    expect(isVeryShort(text)).toBe(true);
    expect(isVeryShort(text.normalize("NFD"))).toBe(true);
    expect(isVeryShort("Hoà bình độc lập tự do hạnh phúc".normalize("NFD"))).toBe(false); // 26 letters
  });
});

describe("ALL_CAPS: at least 12 cased letters, 80% of them capitals", () => {
  it.each([
    "ĐỀ NGHỊ XEM XÉT LẠI",
    "ĐỀ NGHỊ XEM XÉT LẠI".normalize("NFD"),
    "TÔI KHÔNG ĐỒNG Ý VỚI MỨC PHÍ NÀY!!!",
    "DE NGHI CONG KHAI DANH SACH",
    "ỦY BAN NHÂN DÂN PHẢI TRẢ LỜI, vì sao", // 22 capitals of 27 letters (81%)
  ])("flags %j", (text) => {
    expect(isAllCaps(text)).toBe(true);
  });

  it.each([
    "Đề nghị xem xét lại",
    "ĐỀ NGHỊ", // fewer than 12 letters
    "UBND, HĐND và MTTQ cần phối hợp tốt hơn",
    "Ủy ban nhân dân tỉnh HÒA SƠN cần trả lời",
    "ỦY BAN NHÂN DÂN PHẢI TRẢ LỜI, tại sao", // 22 capitals of 28 letters (79%)
    "12345 67890 !!!",
  ])("leaves %j alone", (text) => {
    expect(isAllCaps(text)).toBe(false);
  });
});
