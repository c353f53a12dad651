import { describe, expect, it } from "vitest";
import { keyPhrases, phrasesOf } from "~/reports/themes/key-phrases.ts";
import { STOP_PHRASES, STOP_SYLLABLES } from "~/reports/themes/stop-words.ts";

describe("key phrases", () => {
  it("are syllable 2- and 3-grams, never single syllables, never across punctuation", () => {
    const phrases = [...phrasesOf("Bảo vệ môi trường, phát triển kinh tế.").keys()];
    expect(phrases).toContain("bao ve");
    expect(phrases).toContain("bao ve moi");
    expect(phrases).toContain("moi truong");
    expect(phrases).not.toContain("truong phat"); // a comma between them
    expect(phrases.every((p) => p.split(" ").length >= 2 && p.split(" ").length <= 3)).toBe(true);
  });

  it("leave out stop words and the words every opinion uses", () => {
    const phrases = [...phrasesOf("Tôi đề nghị bổ sung chỉ tiêu của các xã và đề nghị làm rõ hơn nội dung dự thảo").keys()];
    expect(phrases).toContain("chi tieu");
    expect(phrases).not.toContain("bo sung"); // "bổ sung" is in every other opinion: a stop phrase
    expect(phrases.some((p) => p.split(" ").some((w) => ["toi", "cua", "cac", "va"].includes(w)))).toBe(false);
    expect(phrases).not.toContain("de nghi");
    expect(phrases).not.toContain("du thao");
    expect(phrases).not.toContain("noi dung");
    expect(phrases).not.toContain("nghi bo"); // the second half of "đề nghị" does not start a phrase
  });

  it("count each opinion once, fold diacritics and old tone placement, and show the most common written form", () => {
    const texts = ["Giữ gìn hòa bình, hòa bình là trên hết", "Bảo vệ hòa bình", "Vì hoà bình và phát triển", "Hoa binh la mong uoc", "Hòa bình, ổn định"];
    const [top] = keyPhrases(texts);
    expect(top).toMatchObject({ key: "hoa binh", text: "hòa bình", count: 5 });
  });

  it("show a phrase in lower case unless nobody wrote it so", () => {
    const texts = ["Chuyển đổi số là ưu tiên", "chuyển đổi số ở xã", "Ban chỉ đạo Đảng bộ tỉnh", "Đảng bộ tỉnh lãnh đạo"];
    const phrases = keyPhrases(texts);
    expect(phrases.find((p) => p.key === "chuyen doi so")!.text).toBe("chuyển đổi số");
    expect(phrases.find((p) => p.key.startsWith("dang bo"))!.text.startsWith("Đảng bộ")).toBe(true);
  });

  it("prefer the 3-gram to the 2-grams inside it, and join overlapping 3-grams into one phrase", () => {
    const texts = Array.from({ length: 6 }, (_, i) => `Cần có chỉ tiêu đo lường được số ${i}`);
    const phrases = keyPhrases(texts);
    expect(phrases[0]).toMatchObject({ text: "chỉ tiêu đo lường", count: 6 });
    expect(phrases.map((p) => p.key)).not.toContain("chi tieu");
    expect(phrases.map((p) => p.key)).not.toContain("tieu do luong");
  });

  it("need at least two opinions and respect the limit", () => {
    expect(keyPhrases(["Một ý kiến duy nhất về giao thông nông thôn"])).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `giao thông nông thôn ${["an toàn", "đường sá", "cầu cống", "xe buýt"][i % 4]}`);
    expect(keyPhrases(many, { limit: 2 })).toHaveLength(2);
  });

  it("has a stop list in NFC lower case", () => {
    for (const w of STOP_SYLLABLES) expect(w).toBe(w.normalize("NFC").toLowerCase());
    for (const p of STOP_PHRASES) expect(p.split(" ").length).toBeGreaterThan(1);
    // Syllables that start or end common content words are not stop words.
    for (const w of ["nhất", "chính", "mới", "việc", "qua", "làm", "chỉ"]) expect(STOP_SYLLABLES.has(w)).toBe(false);
  });
});
