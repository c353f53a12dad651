import { readFileSync } from "node:fs";

/**
 * ~300 varied real texts for the analysis snapshot (tests/unit/text/__fixtures__/analysis-snapshot.json)
 * and bench:text: runs of paragraphs of the 2013 Constitution (../shared/corpus, partly NFD on purpose)
 * and the demo political report (prisma/demo), 20–400 words, some without diacritics, some in capitals,
 * some NFD, some with links, abbreviations, rude words and invisible characters, and a few short edge
 * cases. Deterministic: the same list on every run and machine.
 */

const SAMPLE_COUNT = 300;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function paragraphs(): string[] {
  const constitution = readFileSync(new URL("../../../../shared/corpus/hien-phap-2013.txt", import.meta.url), "utf8");
  const report = readFileSync(new URL("../../../prisma/demo/du-thao-bao-cao-chinh-tri.txt", import.meta.url), "utf8");
  return [constitution, report]
    .flatMap((text) => text.split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Diacritics removed by hand (case kept): how people type without an IME. */
const unaccented = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");

const INSERTS = [
  "xem https://chinhphu.vn/du-thao?id=12 nhé",
  "chi tiết tại thuvienphapluat.vn/van-ban",
  "ko dc, mn oi, sp nay k tot vs nc ta",
  "đéo hiểu sao lại thế, vcl",
  "Đ.M cái quy định này",
  "l ồ n",
  "ph\u200Bát triển\u00AD bền vững",
  "👍👍 đồng ý 😡",
  "liên hệ abc@gmail.com hoặc 0912.345.678",
  "Điều 2.1 và 1.000.000 đồng, TP.HCM, v.v.",
  "hoà bình, khoẻ mạnh, thuỷ lợi, uỷ ban",
  "tôi không đồng ý, đề nghị giảm mức phạt, hạn chế",
  "tăng cường, mở rộng, ủng hộ, cho phép",
  "ĐỀ NGHỊ XEM XÉT LẠI",
  "please see the attached file for more information",
  "zalo.me/123 t.co/xyz toi.me",
  "\tdòng\r\nmới\u2028và\u202Ebidi\u202C",
];

const EDGE_CASES = [
  "",
  " ",
  "👍",
  "😡",
  "!!!",
  "Đồng ý",
  "đồng ý",
  "DONG Y",
  "ok",
  "ko",
  "k dc",
  "Tôi đồng ý với dự thảo",
  "toi dong y voi du thao nay",
  "hang k giong, chay ko dc manh",
  "Đề nghị bổ sung chỉ tiêu về giáo dục",
  "UBND HĐND",
  "OTP ISO API GET",
  "v.c.l",
  "a\u0301\u0301\u0301",
  "Ngu\u0303\u0303 ba\u0300\u0300",
  "12345 678",
  "https://example.com",
  "www.abc",
  "tai khoan admin",
  "The quick brown fox jumps over the lazy dog",
  "HOÀ BÌNH ĐỘC LẬP TỰ DO HẠNH PHÚC",
  "quá, giá, gìn, quốc, khuỷu, ngoài, người, tiến, cứu",
  "Ǆ ǅ ǆ ß ẞ İ ı ﬁ",
  "Привет мир, 你好世界, مرحبا",
  "x".repeat(300),
];

export function analysisSamples(): string[] {
  const all = paragraphs();
  const random = seededRandom(0x5eed18);
  const samples: string[] = [...EDGE_CASES];
  let i = 0;
  while (samples.length < SAMPLE_COUNT) {
    const start = Math.floor(random() * all.length);
    const target = 20 + Math.floor(random() * random() * 381); // 20–400 words, shorter more often
    const parts: string[] = [];
    let words = 0;
    for (let p = start; words < target; p = (p + 1) % all.length) {
      const paragraph = all[p]!;
      const pw = paragraph.split(/\s+/);
      const take = pw.slice(0, target - words);
      parts.push(take.join(" "));
      words += take.length;
    }
    let text = parts.join(random() < 0.5 ? "\n\n" : " ");
    switch (i++ % 8) {
      case 1:
        text = unaccented(text);
        break;
      case 2:
        text = text.toUpperCase();
        break;
      case 3:
        text = text.normalize("NFD");
        break;
      case 4:
        text = `${text} ${INSERTS[Math.floor(random() * INSERTS.length)]} ${text.slice(0, 40)}`;
        break;
      case 5:
        text = unaccented(text)
          .toLowerCase()
          .split(" ")
          .slice(0, 5 + Math.floor(random() * 20))
          .join(" ");
        break;
      case 6:
        text = `${INSERTS[Math.floor(random() * INSERTS.length)]}. ${text.toLowerCase()}`;
        break;
      default:
        break;
    }
    samples.push(text);
  }
  return samples;
}
