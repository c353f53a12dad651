import { describe, expect, it } from "vitest";
import { foldVietnamese } from "~/text/fold.ts";
import { STARTER_PROFANITY, createProfanityMatcher, parseWordList } from "~/text/profanity-vi.ts";
import { corpusParagraphs } from "./corpus.ts";

const starter = createProfanityMatcher(STARTER_PROFANITY);

describe("the starter list", () => {
  it.each([
    ["Đéo hiểu sao lại ra cái dự thảo này", "đéo"],
    ["ĐÉO AI ĐỌC ĐÂU", "đéo"],
    ["Bọn này đếch làm được gì", "đếch"],
    ["vãi lồn thật", "lồn"],
    ["toàn lũ ăn cứt", "cứt"],
    ["Địt mẹ bọn tham nhũng", "địt"],
    ["đụ má", "đụ"],
    ["Mẹ mày, viết cái gì thế này", "mẹ mày"],
    ["Mẹ kiếp cái thủ tục hành chính", "mẹ kiếp"],
    ["Đồ chó, chỉ biết ăn tiền", "đồ chó"],
    ["Mấy thằng ngu soạn thảo", "thằng ngu"],
    ["bọn khốn nạn", "khốn nạn"],
    ["đồ mất dạy", "đồ mất dạy"],
    ["dm bọn quan tham", "dm"],
    ["Đm bọn quan tham", "dm"],
    ["ĐM", "dm"],
    ["đcm cái luật này", "dcm"],
    ["vcl, dự thảo gì mà dài thế", "vcl"],
    ["VKL", "vkl"],
    ["ngu vl", "vl"],
    ["dit me may", "dit me"],
    ["What the fuck is this", "fuck"],
  ])("catches %j", (text, entry) => {
    expect(starter.matches(text)).toBe(true);
    expect(starter.found(text)).toContain(entry);
  });

  it.each([
    ["Đ.M bọn này", "dm"],
    ["đ m", "dm"],
    ["V.C.L", "vcl"],
    ["v c l", "vcl"],
    ["l ồ n", "lồn"],
    ["Đ-Ị-T", "địt"],
  ])("catches letters typed apart: %j", (text, entry) => {
    expect(starter.found(text)).toEqual([entry]);
  });

  it.each([
    "Đề nghị bắt buộc đeo khẩu trang ở nơi công cộng",
    "De nghi bat buoc deo khau trang o noi cong cong", // "deo" = đeo, unaccented
    "Các cơ quan cần phối hợp chặt chẽ",
    "cac co quan can phoi hop chat che",
    "Buổi họp tổ dân phố hôm qua rất đông",
    "buoi hop to dan pho hom qua rat dong",
    "Dự án lớn nhất của tỉnh",
    "du an lon nhat cua tinh",
    "Con chó nhà tôi bị bắt trộm",
    "Chống chính sách ngu dân",
    "Làm điếm nhục quốc thể",
    "Trồng cây óc chó ở vùng cao",
    "Phòng chống dịch bệnh cho súc vật, gia súc, gia cầm",
    "Thờ Tiên sư nghề gốm ở đền làng",
    "Đi đâu cũng phải mang đủ giấy tờ",
    "Đường đi, đê điều, đập thủy lợi",
    "điểm d, điểm đ khoản 2 Điều 5",
    "100 ml dung dịch, Cl2, v.v.",
    "Cc: Văn phòng Ủy ban",
    "Chính phủ mới ban hành Nghị định 13/2023/NĐ-CP",
    "Tôi thấy dự thảo rất đầy đủ mà vẫn ngắn gọn",
    "ĐMT (điện mặt trời) cần được khuyến khích",
    "Dmitri",
  ])("leaves ordinary text alone: %j", (text) => {
    expect(starter.found(text)).toEqual([]);
    expect(starter.matches(text)).toBe(false);
  });

  it("raises nothing on any corpus paragraph, as written, unaccented, in capitals or in NFD", () => {
    const paragraphs = corpusParagraphs();
    expect(paragraphs.length).toBeGreaterThan(500);
    for (const paragraph of paragraphs) {
      for (const variant of [paragraph, foldVietnamese(paragraph), paragraph.toUpperCase(), paragraph.normalize("NFD")]) {
        expect(starter.found(variant), variant.slice(0, 80)).toEqual([]);
      }
    }
  });

  it("is stored and parsed back unchanged (the settings page keeps it as lines)", () => {
    expect(parseWordList(STARTER_PROFANITY.join("\n"))).toEqual([...STARTER_PROFANITY]);
  });

  it("catches each of its own entries", () => {
    for (const entry of STARTER_PROFANITY) expect(starter.found(`abc ${entry}.`), entry).toEqual([entry]);
  });

  it("documented limits: masked, look-alike and glued spellings are not caught", () => {
    for (const text of ["đ*t", "l0n", "đmmmm", "vclluon", "lon", "deo", "buoi", "cac"]) {
      expect(starter.matches(text), text).toBe(false);
    }
  });
});

describe("createProfanityMatcher", () => {
  it("matches whole syllables and syllable sequences, never substrings", () => {
    const matcher = createProfanityMatcher(["xấu xa", "tồi"]);
    expect(matcher.found("Một chính sách xấu xa và tồi tệ")).toEqual(["xấu xa", "tồi"]);
    expect(matcher.matches("Xấu, xa lắm")).toBe(true); // punctuation between syllables does not matter
    expect(matcher.matches("xấu quá, xa quá")).toBe(false);
    expect(matcher.matches("tồitệ")).toBe(false);
  });

  it("compares entries with diacritics with their diacritics, entries without them folded", () => {
    const matcher = createProfanityMatcher(["đéo", "vcl"]);
    expect(matcher.matches("ĐÉO")).toBe(true);
    expect(matcher.matches("Đéo".normalize("NFD"))).toBe(true);
    expect(matcher.matches("deo")).toBe(false);
    expect(matcher.matches("đeo")).toBe(false);
    expect(matcher.matches("vcl")).toBe(true);
    expect(matcher.matches("VCL")).toBe(true);
    expect(matcher.matches("vcĺ")).toBe(true); // folded: a stray mark does not hide it
  });

  it("returns each entry once, in the order of the list", () => {
    const matcher = createProfanityMatcher(["một", "hai", "ba"]);
    expect(matcher.found("ba hai một ba hai")).toEqual(["một", "hai", "ba"]);
  });

  it("ignores entries without letters or digits, and an empty list matches nothing", () => {
    expect(createProfanityMatcher(["***", "  ", "!!"]).found("*** !!")).toEqual([]);
    expect(createProfanityMatcher([]).matches("đéo")).toBe(false);
  });

  it("accepts an NFD or padded entry and reports it in NFC, trimmed", () => {
    const matcher = createProfanityMatcher(["  lồn ".normalize("NFD")]);
    expect(matcher.found("vãi lồn")).toEqual(["lồn"]);
  });
});

describe("parseWordList", () => {
  it("normalizes, trims, drops blanks and comments, dedupes ignoring case", () => {
    const text = ["# Danh sách từ ngữ thô tục", "  đéo  ", "", "vcl   # viết tắt", "ĐÉO", "địt   mẹ", "\t", "lồn".normalize("NFD"), "lồn"].join("\r\n");
    expect(parseWordList(text)).toEqual(["đéo", "vcl", "địt mẹ", "lồn"]);
  });

  it("accepts any line ending and an empty text", () => {
    expect(parseWordList("a\rb\nc\r\nd")).toEqual(["a", "b", "c", "d"]);
    expect(parseWordList("")).toEqual([]);
    expect(parseWordList("# chỉ có chú thích")).toEqual([]);
  });
});
