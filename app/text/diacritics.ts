import { foldVietnamese } from "./fold.ts";

/**
 * Heuristic behind the warning "Hãy sử dụng tiếng Việt có dấu": spot Vietnamese typed without
 * tone marks ("toi dong y voi du thao nay"), which is hard to read and ambiguous
 * ("ban" = bàn/bán/bạn/bản…), without nagging people who wrote English, codes or very little.
 *
 * Flag only when all three hold:
 * 1. at least MIN_WORDS Latin-letter words (numbers, URLs and e-mail addresses are ignored), so a
 *    short code, a number or "OK" never triggers it;
 * 2. fewer than MAX_MARKED_SHARE of the words carry a Vietnamese letter or diacritic. In real
 *    accented prose well over half of the syllables do (typically 60–80%), so 15% leaves plenty of
 *    room for unaccented loanwords ("internet", "online", "email") and abbreviations;
 * 3. at least MIN_COMMON_SHARE of the words, folded, are among the very common Vietnamese
 *    syllables below (~270 entries). Unaccented Vietnamese comments typically score 70–100% here
 *    while English prose scores 0–30% (only look-alikes such as "can", "the", "to", "do", "so"
 *    match; "it" and "on" are left out on purpose: common in English, and the list can do
 *    without "ít"/"ơn"), so 40% separates them with margin on both sides. English made almost only of look-alikes ("can you do it so we can go
 *    to the bank") can still be flagged; the warning is advisory, so that is acceptable.
 */
export const MIN_WORDS = 4;
export const MAX_MARKED_SHARE = 0.15;
export const MIN_COMMON_SHARE = 0.4;

const MARKED = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const MARKED_LETTER = new RegExp(`[${MARKED}${MARKED.toUpperCase()}]`, "u");

/** Very common Vietnamese syllables in folded form (no marks, "đ" → "d"), biased to civic topics. */
export const COMMON_SYLLABLES: ReadonlySet<string> = new Set(
  // grammar words, pronouns, numbers
  (
    "toi chung ta ban anh chi em ong ba ho minh nguoi va hoac hay nhung ma thi la co khong chua " +
    "da dang se duoc bi cua cho voi tu den tai trong ngoai tren duoi ve theo nhu neu vi do nen de " +
    "khi sau truoc nay kia day cac moi mot hai nam nhieu rat qua lam hon nhat cung con van deu " +
    "phai can muon thay biet noi viet lai ra vao len di o ai gi nao sao bao gio thang ngay lan viec " +
    "rieng chung cao thap lon nho moi cu tot xau dung sai nhanh cham tiep tuc " +
    // consultation, law and administration
    "y kien dong gop nghi xuat bo sung sua doi them bot bai xem xet ro rang the chinh sach phap " +
    "luat quy dinh dieu khoan muc chuong du thao ban nha nuoc phu quoc hoi xa tinh thanh pho huyen " +
    "phuong cap quan ly cong chuc vien dan nhan thu tuc hanh to chuc co quan trach nhiem quyen " +
    // economy, society, infrastructure
    "kinh te phat trien tang truong giam moi dat dai giao thong duc suc khoe benh hoc sinh tre gia " +
    "dinh lao thu nhap thue phi tien ngan dau an ha nong thon khu vuc dia doanh nghiep san thuc " +
    "hien tieu mo hinh giai bien loi ich ket ho tro khuyen khich dam toan he tin so hoa dien minh " +
    "bach khai hop trong uu chat luong hieu su thoi gian han ke hoach lieu xay duong nuoc sach " +
    "rac thai o nhiem van hoa lich dich vu truyen y te tai chinh nguon luc dao tao vay von " +
    "vung kho khan trinh phep giay xu quyet huong song phong thuong boi cam xin khieu nai lay ung " +
    "hoan chu danh lien lo nghiem truc tuyen mang nop"
  ).split(" "),
);

export function looksWithoutDiacritics(text: string): boolean {
  const words = latinWords(text);
  if (words.length < MIN_WORDS) return false;
  const marked = words.filter((w) => MARKED_LETTER.test(w)).length;
  if (marked / words.length >= MAX_MARKED_SHARE) return false;
  const common = words.filter((w) => COMMON_SYLLABLES.has(foldVietnamese(w))).length;
  return common / words.length >= MIN_COMMON_SHARE;
}

/** Latin-script words of the text; URLs and e-mail addresses are dropped first, digits never count. */
function latinWords(text: string): string[] {
  const words = text
    .normalize("NFC") // NFD input: make "ô" one letter so it is matched as part of its word
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, " ")
    .replace(/\S+@\S+/g, " ")
    .match(/[\p{L}\p{M}]+/gu);
  return (words ?? []).filter((w) => /\p{Script=Latin}/u.test(w));
}
