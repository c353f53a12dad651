import { expect, it } from "vitest";
import { measureNoDiacritics } from "../../../bench/quality-diacritics.ts";
import {
  COMMON_SYLLABLES,
  MAX_FOREIGN_SHARE,
  MAX_MARKED_SHARE,
  MIN_VIETNAMESE_SHARE,
  MIN_WORDS,
  TEENCODE,
  isVietnameseSyllable,
  looksWithoutDiacritics,
} from "~/text/diacritics.ts";

// Citizen comments typed without tone marks: must be flagged.
const unaccented = [
  "de nghi bo sung giai phap phat trien ha tang giao thong nong thon",
  "toi khong dong y voi muc tieu tang truong 8% vi qua cao so voi thuc te",
  "toi dong y voi du thao nay, can bo sung them chi tieu ve moi truong",
  "De nghi ban soan thao lam ro khai niem nha o xa hoi tai Dieu 5.",
  "Can quy dinh cu the trach nhiem cua chinh quyen dia phuong khi de xay ra o nhiem",
  "muc phi nay qua cao doi voi nguoi dan o vung sau vung xa",
  "nen cho phep nguoi dan nop ho so truc tuyen de giam thoi gian di lai",
  "Du thao chua noi ro nguon von de thuc hien chuong trinh nay.",
  "kien nghi tang muc ho tro cho giao vien o vung kho khan",
  "Theo toi, viec sap nhap cac xa can tinh den dac thu van hoa cua tung vung",
  "Gia dien tang lien tuc lam anh huong den doi song cua ba con",
  "Nen quy dinh ro thoi gian giai quyet khieu nai cua cong dan",
  "Tre em can duoc bao ve khoi cac noi dung doc hai tren mang",
  "cho toi hoi khi nao thi luat nay co hieu luc?",
  "phuong an boi thuong giai phong mat bang chua thoa dang",
  "DE NGHI CONG KHAI DANH SACH CAC DU AN CHAM TIEN DO",
  "Xin cam on ban soan thao, toi rat dong tinh. Xem them tai https://example.gov.vn/du-thao",
  // Short and informal (issue 16): abbreviations k, ko, dc, j, m, wa.
  "hang k giong",
  "chay ko dc manh",
  "Sai m j ma rong wa",
  "dong y",
  "toi dong y",
];

// Ordinary accented Vietnamese, including short text, numbers and unaccented loanwords: never flagged.
const accented = [
  "Tôi đồng ý.",
  "Đồng ý",
  "Tôi đồng ý với dự thảo này.",
  "Đề nghị bổ sung giải pháp phát triển hạ tầng giao thông nông thôn.",
  "Tôi không đồng ý với mục tiêu tăng trưởng 8% vì quá cao so với thực tế.",
  "Mức phí 500.000 đồng/năm là quá cao đối với người dân ở vùng sâu, vùng xa.",
  "Đề nghị bổ sung quy định về bảo vệ dữ liệu cá nhân khi sử dụng internet và dịch vụ online.",
  "Nên cho phép nộp hồ sơ online qua email hoặc app, không bắt buộc đến trụ sở.",
  "Cần có lộ trình cụ thể, ví dụ 2025-2030, cho việc chuyển đổi số.",
  "Khoản 3 Điều 12: thời hạn 30 ngày là hợp lý.",
  "Ủng hộ!",
  "Hệ thống camera AI và wifi miễn phí ở nơi công cộng cần được quản lý chặt chẽ.",
  "Tre em can duoc bao ve — xin lỗi, ý tôi là: trẻ em cần được bảo vệ khỏi nội dung độc hại trên mạng.",
  "Tiếng Việt có dấu".normalize("NFD") + " dễ đọc hơn nhiều so với không dấu",
];

const english = [
  "I agree with this draft, but the environmental section should be expanded.",
  "Please add more details about public transport funding in rural areas.",
  "Can you explain how the new fees will be calculated?",
  "The proposal to raise tuition fees is too fast for poor families.",
  "I think the fee is too high so we can not accept it",
  "We should not rush this law without more public consultation.",
  "Thanks, John!",
  "Good job",
  "Call me at 0912 345 678 tomorrow",
  "See https://github.com/example/repo for details",
  "Nguyen Van An from London agrees",
  "I like it so much",
];

// Too little to judge: codes, numbers, URLs, a few words.
const tiny = [
  "",
  "ok",
  "ko",
  "12345 678 90",
  "QĐ-123/2024/NĐ-CP",
  "https://www.example.com/toi/dong/y/voi/du/thao",
  "lien he toi@example.com", // "he" is also English: two words need two sure Vietnamese ones
  "ABC 123 XYZ 456",
];

it.each(unaccented)("flags Vietnamese without diacritics: %s", (text) => {
  expect(looksWithoutDiacritics(text)).toBe(true);
});

it.each(accented)("does not flag accented Vietnamese: %s", (text) => {
  expect(looksWithoutDiacritics(text)).toBe(false);
});

it.each(english)("does not flag English: %s", (text) => {
  expect(looksWithoutDiacritics(text)).toBe(false);
});

it.each(tiny)("does not flag very short or non-word input: %j", (text) => {
  expect(looksWithoutDiacritics(text)).toBe(false);
});

it("exports sane thresholds and folded word lists", () => {
  expect(MIN_WORDS).toBe(2);
  expect(MAX_MARKED_SHARE).toBe(0.15);
  expect(MAX_FOREIGN_SHARE).toBeLessThan(0.5);
  expect(MIN_VIETNAMESE_SHARE).toBeGreaterThanOrEqual(0.5);
  expect(COMMON_SYLLABLES.size).toBeGreaterThan(400);
  for (const s of COMMON_SYLLABLES) {
    expect(s).toMatch(/^[a-z]+$/);
    expect(isVietnameseSyllable(s), s).toBe(true);
  }
  for (const s of TEENCODE) expect(s).toMatch(/^[a-z']+$/);
});

it("tells Vietnamese syllables from English words by their structure", () => {
  for (const s of ["nghieng", "khuyen", "nguoi", "truong", "quyet", "giong", "hoach", "xoong", "oi", "uong"]) {
    expect(isVietnameseSyllable(s), s).toBe(true);
  }
  for (const s of ["please", "with", "street", "john", "this", "ce", "kaa", "ghu", "tools", "think"]) {
    expect(isVietnameseSyllable(s), s).toBe(false);
  }
});

it("on the labelled set of real texts: recall at least 95% with precision at least 98%", async () => {
  const figures = await measureNoDiacritics();
  expect(figures.no_diacritics_set_size).toBeGreaterThanOrEqual(500);
  expect(figures.no_diacritics_positives).toBeGreaterThanOrEqual(150);
  expect(figures.no_diacritics_recall).toBeGreaterThanOrEqual(0.95);
  expect(figures.no_diacritics_precision).toBeGreaterThanOrEqual(0.98);
});

it("the marked-share threshold: a mostly unaccented comment with one accented word is still flagged", () => {
  // 1 marked word of 10 = 10% < 15%.
  expect(looksWithoutDiacritics("toi dong y nhung can bổ sung them chi tieu moi")).toBe(true);
  // 2 of 10 = 20% ≥ 15%: the writer is using marks, do not nag.
  expect(looksWithoutDiacritics("toi đồng ý nhung can bo sung them chi tieu moi")).toBe(false);
});

it("short texts: every word Vietnamese-shaped and all but one common, or 3 words with one foreign word and two common syllables", () => {
  expect(looksWithoutDiacritics("toi dong y")).toBe(true);
  expect(looksWithoutDiacritics("dong")).toBe(false); // one word: too little to judge
  expect(looksWithoutDiacritics("to do")).toBe(false); // English look-alikes only
  expect(looksWithoutDiacritics("dong please")).toBe(false); // 2 words: no foreign word allowed
  // 3 words, one that cannot be Vietnamese: flagged when the other two are common native syllables…
  expect(looksWithoutDiacritics("tai khoan admin")).toBe(true);
  expect(looksWithoutDiacritics("dong y please")).toBe(true);
  // …not when they are loanwords or abbreviations.
  expect(looksWithoutDiacritics("online email support")).toBe(false);
  expect(looksWithoutDiacritics("ok thanks bro")).toBe(false);
});

it("upper-case abbreviations and paths count for neither language", () => {
  expect(looksWithoutDiacritics("Xac thuc OTP")).toBe(true);
  expect(looksWithoutDiacritics("ngay gio ISO")).toBe(true);
  expect(looksWithoutDiacritics("quay ve trang /admin/roles/edit")).toBe(true);
  expect(looksWithoutDiacritics("see src/app.js for the API")).toBe(false);
  expect(looksWithoutDiacritics("ORR KO CO GIO VAO!")).toBe(true); // known words in capitals stay Vietnamese
});
