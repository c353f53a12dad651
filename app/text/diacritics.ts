import { foldVietnamese } from "./fold.ts";
import { LETTER, MARK, runs } from "./letters.ts";
import { wordMemo } from "./word-memo.ts";

/**
 * Heuristic behind the warning "Hãy sử dụng tiếng Việt có dấu": spot Vietnamese typed without
 * tone marks ("toi dong y voi du thao nay", "hang k giong", "chay ko dc manh"), which is hard to read
 * and ambiguous ("ban" = bàn/bán/bạn/bản…), without nagging people who wrote English, codes, names or
 * Vietnamese with its marks. ADR 042 gives the rules and the figures on the labelled set
 * (tests/fixtures/no-diacritics).
 *
 * Each Latin-letter word (numbers, URLs and e-mail addresses are ignored) is one of:
 * - marked: it carries a Vietnamese letter or tone mark;
 * - Vietnamese: its folded form is a very common Vietnamese syllable (COMMON_SYLLABLES) or a
 *   common written abbreviation (TEENCODE: k, ko, dc, j, wa, m, ng, vs…), and it is not one of the
 *   few English words that look the same ("the", "can", "to", "do", "so"…);
 * - foreign: it cannot be a Vietnamese syllable at all (onset + rhyme check: "please", "with",
 *   "street", "John" fail; "the", "can", "ban" pass), and it is no abbreviation.
 *
 * Flag only when all hold:
 * 1. at least MIN_WORDS words;
 * 2. fewer than MAX_MARKED_SHARE of them marked: the writer is not using marks;
 * 3. at most MAX_FOREIGN_SHARE foreign: the text is not English (English prose has 40–70% words that
 *    cannot be Vietnamese syllables; unaccented Vietnamese with a few loanwords far fewer);
 * 4. at least MIN_VIETNAMESE_SHARE Vietnamese words, and for texts under SHORT_TEXT_WORDS words
 *    a stricter rule: no foreign word and at most one word that is not Vietnamese.
 */
export const MIN_WORDS = 2;
export const SHORT_TEXT_WORDS = 4;
export const MAX_MARKED_SHARE = 0.15;
export const MAX_FOREIGN_SHARE = 0.4;
export const MIN_VIETNAMESE_SHARE = 0.5;

const MARKED = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const MARKED_LETTER = new RegExp(`[${MARKED}${MARKED.toUpperCase()}]`, "u");

const words = (list: string) => list.trim().split(/\s+/);

/** Very common Vietnamese syllables in folded form (no marks, "đ" → "d"): everyday and civic words. */
export const COMMON_SYLLABLES: ReadonlySet<string> = new Set(
  words(`
    toi chung ta ban anh chi em ong ba ho minh nguoi va hoac hay nhung ma thi la co khong chua
    da dang se duoc bi cua cho voi tu den tai trong ngoai tren duoi ve theo nhu neu vi do nen de
    khi sau truoc nay kia day cac moi mot hai nam nhieu rat qua lam hon nhat cung con van deu
    phai can muon thay biet noi viet lai ra vao len di o ai gi nao sao bao gio thang ngay lan viec
    rieng cao thap lon nho cu tot xau dung sai nhanh cham tiep tuc
    y kien dong gop nghi xuat bo sung sua doi them bot bai xem xet ro rang the chinh sach phap
    luat quy dinh dieu khoan muc chuong du thao nha nuoc phu quoc hoi xa tinh thanh pho huyen
    phuong cap quan ly cong vien dan nhan thu tuc hanh to chuc trach nhiem quyen
    kinh te phat trien tang truong giam dat dai giao thong duc suc khoe benh hoc sinh tre gia
    dinh lao thu nhap thue phi tien ngan dau an ha nong thon khu vuc dia doanh nghiep san thuc
    hien tieu mo hinh giai bien loi ich ket tro khuyen khich dam toan he tin so hoa
    bach khai hop uu chat luong hieu su thoi gian han ke hoach lieu xay duong sach
    rac thai van lich dich vu truyen nguon luc dao tao vay von
    vung kho khan trinh phep giay xu quyet huong song phong thuong boi cam xin khieu nai lay ung
    hoan chu danh lien lo nghiem truc tuyen mang nop
    ba bon sau bay tam chin muoi tram nghin trieu ty ti nua
    cai chiec con cay qua hang hoa don gui nhan giao mua ban re dat dep xin xau hu hong loi
    giong khac moi cu that gia dung sai ngon thom ngot chay may xe dien nuoc mat
    manh yeu nhe nang to be dai ngan rong hep sach ban nong lanh am mat
    ngay dem sang trua chieu toi hom nay qua mai tuan nam luc gio phut
    nha cua phong bep san duong pho cho truong lop benh vien cong ty
    me bo cha con chau ban be co chu bac thay ong ba anh chi em vo chong
    an uong ngu choi hoc lam viec di ve den chay xem nghe noi doc viet hoi tra loi goi
    thich ghet yeu thuong buon vui gian so lo nghi tuong nho quen hieu biet
    duoc roi chua xong het con vay the sao nhe nha nhi a oi day kia do ay
    tai vi nen nhung ma hoac hay cung deu chi moi rat qua lam hoi kha
    khong chang cha dung dam chac co le hinh nhu
    nhieu it het ca tat moi tung vai mot so
    hay do te tot on kem nhat hon bang
    hang hoa san pham dich vu khach gia tien giam khuyen mai
    mau vai ao quan giay dep tui
    ban tay chan mat mui mieng dau toc
    dien thoai may tinh mang pin sac man hinh
    cho phep yeu cau ho tro giup do lien he
    nhan vien quan ly giam doc truong phong
    nguoi dan cong dan nhan dan xa hoi dat nuoc
    kinh nghiem kien thuc ky nang
    van de cau hoi tra loi giai quyet
    thong tin du lieu tai khoan mat khau dang nhap
    chon xoa sua them luu tim kiem danh sach
    chuan moi cu dung sai
    ket qua ly do muc dich
    vui long cam on xin loi
    bi giup can thiet
    nhe luon lun
    gi sao nao dau
    dang sang ngay
    tuoi ten quen song
    trai gai
    tien hanh thuc hien
    huu tri tue che tham cuc ky thuyet phuc kien nghi bieu quyet tham gia
    bao ve an ninh quoc phong moi truong chinh quyen hanh chinh kiem tra giam sat
    tu do doc lap hanh phuc binh dang dan chu phap luat hien phap
    lanh dao dang vien doan the mat tran
    thuc pham sach se on dinh nhanh chong kip thoi
    cam nhan danh gia phan hoi bao cao ket luan
    ro tuc gian dung luon ngay lap tuc
    xang gia ca dien nuoc
    dep trai xinh gai vui ve buon ba
    nhom hoat xac quay trang
  `),
);

/** Abbreviations of informal written Vietnamese ("teencode") and loanwords common in it, folded. */
export const TEENCODE: ReadonlySet<string> = new Set(
  words(`
    k ko kh khg kg hk hok hong hem ok oke okie ship size wifi internet online email
    dc dk duoc j ji gj wa wa' qa m mk mik mn mng mjk t tui tao e a b bn bb c cj ch nh ng ngta ntn
    vs v r z zay zi vay ak ah uh um uk uhm hic huhu hihi haha hehe kk kkk
    nc nch ns trc sn cx cg bt bik bit pit pik jo gio h hnay hqua hn bh bjo bgio
    lm lun nx nua thik iu ik ib ad sp spham sdt dt fb vn hcm tp tx sg hn
    nhiu dag trog ko' khum hong' z' mjnh thj wen ctrinh qtrong
  `),
);

/** English words that are also Vietnamese syllables: counted as neither Vietnamese nor foreign. */
const ENGLISH_LOOKALIKES: ReadonlySet<string> = new Set(words("a i the to do so can in on it at be he me no go an hi oh up us my by"));

/** An upper-case abbreviation of 2–5 letters that is not a Vietnamese word: "OTP", "ISO", "API", "GET". */
const ACRONYM = /^[A-Z]{2,5}$/;

const ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?";
const RHYME =
  "(?:a(?:i|o|u|y|ch|c|m|nh|ng|n|p|t)?" +
  "|e(?:o|u|ch|c|m|nh|ng|n|p|t)?" +
  "|i(?:a|u|ch|c|m|nh|n|p|t|e(?:u|c|m|ng|n|p|t))?" +
  "|o(?:a(?:i|y|ch|c|m|nh|ng|n|p|t)?|e(?:o|n|t)?|o(?:c|ng)|i|c|m|ng|n|p|t)?" +
  "|u(?:a(?:n|ng|t|y)?|e(?:ch|nh|n|t)?|y(?:a|e(?:n|t)|nh|ch|u)?|o(?:c|i|m|ng|n|p|t|u)?|i|u|c|m|ng|n|p|t)?" +
  "|y(?:e(?:m|n|t|u))?)";
const SYLLABLE = new RegExp(`^${ONSET}${RHYME}$`);

/** Could this folded word be a Vietnamese syllable (onset + rhyme, spelling rules for c/k, g/gh, ng/ngh)? */
export function isVietnameseSyllable(folded: string): boolean {
  if (!SYLLABLE.test(folded)) return false;
  if (/^(?:k(?!h)|gh|ngh)[^eiy]/.test(folded)) return false; // k, gh, ngh only before e, i, y
  if (/^c[eiy]/.test(folded)) return false; // c never before e, i, y
  if (/^quu/.test(folded)) return false;
  return true;
}

export function looksWithoutDiacritics(text: string): boolean {
  const found = latinWords(text);
  let words = 0;
  let marked = 0;
  let vietnamese = 0;
  let foreign = 0;
  let lookalikes = 0;
  let native = 0; // in COMMON_SYLLABLES: not a loanword ("online", "email") nor a one-letter abbreviation
  const classes = new Uint8Array(found.length);
  for (let i = 0; i < found.length; i++) {
    classes[i] = wordClass(found[i]!);
    if (classes[i] !== NOT_LATIN) words++;
  }
  if (words < MIN_WORDS) return false;
  for (const c of classes) {
    if (c === NOT_LATIN) continue;
    if (c & MARKED_WORD) marked++;
    if (c & LOOKALIKE) lookalikes++;
    if (c & NATIVE) native++;
    if (c & VIETNAMESE) vietnamese++;
    if (c & FOREIGN) foreign++;
  }
  if (marked / words >= MAX_MARKED_SHARE) return false;
  // Look-alikes ("the", "can", "a") say nothing either way: shares are of the other words.
  const n = words - lookalikes;
  // 2–3 words: none foreign and all but one Vietnamese; or 3 words with one foreign word and the other two
  // common native syllables ("tai khoan admin", "kiem tra validate"; not "online email support").
  if (words < SHORT_TEXT_WORDS) {
    if (foreign === 1 && words === 3) return native >= 2;
    return foreign === 0 && vietnamese >= words - 1 && vietnamese >= 2;
  }
  return vietnamese >= 2 && foreign / n <= MAX_FOREIGN_SHARE && vietnamese / n >= MIN_VIETNAMESE_SHARE;
}

// What a word counts as (bits); a word of no Latin letter does not count at all.
const NOT_LATIN = 0x80;
const MARKED_WORD = 1;
const LOOKALIKE = 2;
const NATIVE = 4;
const VIETNAMESE = 8;
const FOREIGN = 16;

// Words repeat: each distinct spelling is classified once (bounded: wordMemo).
const wordClass = wordMemo(classify, 100_000, 24);

function classify(word: string): number {
  if (!/\p{Script=Latin}/u.test(word)) return NOT_LATIN;
  if (MARKED_LETTER.test(word)) return MARKED_WORD;
  const folded = foldVietnamese(word);
  if (ENGLISH_LOOKALIKES.has(folded)) return LOOKALIKE;
  let c = 0;
  if (COMMON_SYLLABLES.has(folded)) c |= NATIVE;
  if (COMMON_SYLLABLES.has(folded) || TEENCODE.has(folded)) c |= VIETNAMESE;
  else if (ACRONYM.test(word))
    c |= LOOKALIKE; // "OTP", "ISO", "API": no language either way
  else if (!isVietnameseSyllable(folded)) c |= FOREIGN;
  return c;
}

// Only a text with one of these can hold a URL, an e-mail address or a path.
const MAY_HOLD_ADDRESS = /[/@]|www\./i;

/** Words of letters and marks; URLs and e-mail addresses are dropped first, digits never count. */
function latinWords(text: string): string[] {
  let nfc = text.normalize("NFC"); // NFD input: make "ô" one letter so it is matched as part of its word
  if (MAY_HOLD_ADDRESS.test(nfc)) {
    nfc = nfc
      .replace(/\b(?:https?:\/\/|www\.)\S+/gi, " ")
      .replace(/\S+@\S+/g, " ")
      .replace(/\S*\w\/\w\S*/g, " "); // paths and routes ("/admin/roles/edit", "src/app.js") are not prose
  }
  return runs(nfc, LETTER | MARK); // /[\p{L}\p{M}]+/gu
}
