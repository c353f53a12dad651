// Realistic Vietnamese comments for bench:moderation, built from real draft text: the sentences and
// clauses of the demo political report and of the 2013 Constitution (prisma/demo), wrapped in the
// openers and closers citizens write, at lengths from a few words to 1,500 characters; some typed
// without diacritics, some in capitals, a few with a link or a vulgar word. Everything is drawn from
// seeded generators, so a row's text depends only on the seed and the row's number.
import { readFileSync } from "node:fs";
import { foldVietnamese } from "~/text/fold.ts";
import { pick, type Random } from "./random.ts";

const demo = (name: string) => readFileSync(new URL(`../prisma/demo/${name}`, import.meta.url), "utf8").normalize("NFC");

function material() {
  const text = demo("du-thao-bao-cao-chinh-tri.txt") + "\n\n" + demo("hien-phap-2013.txt");
  const seen = new Set<string>();
  const sentences: string[] = [];
  const clauses: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    // Headings ("Điều 5.", "Chương II", all-capital titles) are not what people write.
    if (paragraph.length < 40 || paragraph === paragraph.toUpperCase()) continue;
    const body = paragraph.replace(/^\s*(?:\d+\.|[a-zđ]\)|Điều \d+\.)\s*/u, "").replace(/\s+/g, " ").trim();
    for (const sentence of body.split(/(?<=[.;!?])\s+/)) {
      const s = sentence.trim();
      const key = foldVietnamese(s);
      if (s.length < 25 || s.length > 420 || seen.has(key)) continue;
      seen.add(key);
      sentences.push(/[.;!?]$/.test(s) ? s.replace(/;$/, ".") : `${s}.`);
      for (const clause of s.split(/[,;:]\s+/)) {
        const c = clause.replace(/[.;!?“”"]/g, "").trim();
        if (c.length >= 18 && c.length <= 70 && !seen.has(foldVietnamese(c))) {
          seen.add(foldVietnamese(c));
          clauses.push(c);
        }
      }
    }
  }
  return { sentences, clauses };
}

const { sentences: SENTENCES, clauses: CLAUSES } = material();
export const MATERIAL_SIZE = { sentences: SENTENCES.length, clauses: CLAUSES.length };
/** The drafts' sentences (bench:national builds longer opinions from them). */
export const DRAFT_SENTENCES: readonly string[] = SENTENCES;
export const DRAFT_CLAUSES: readonly string[] = CLAUSES;

const OPENERS = [
  "Tôi đề nghị",
  "Đề nghị ban soạn thảo xem xét lại đoạn:",
  "Theo tôi,",
  "Tôi tán thành nội dung này.",
  "Tôi chưa đồng ý với cách viết:",
  "Cần làm rõ hơn:",
  "Đề nghị sửa lại như sau:",
  "Đề nghị bổ sung:",
  "Ý kiến của chi bộ thôn:",
  "Là đảng viên lâu năm, tôi thấy",
  "Qua thực tế ở địa phương,",
  "Tôi là giáo viên, xin góp ý:",
  "Tôi thống nhất cao với dự thảo.",
  "Đoạn này còn chung chung.",
  "Đề nghị nêu cụ thể hơn:",
  "Ở xã tôi,",
  "Ban soạn thảo nên cân nhắc:",
  "Tôi xin góp một ý nhỏ.",
  "Nhất trí, nhưng đề nghị làm rõ:",
  "Cá nhân tôi cho rằng",
  "",
  "",
];
const CLOSERS = [
  "Xin cảm ơn.",
  "Đề nghị xem xét.",
  "Trân trọng.",
  "Mong ban soạn thảo tiếp thu.",
  "Đề nghị có số liệu cụ thể để người dân dễ theo dõi.",
  "Cần có lộ trình và người chịu trách nhiệm rõ ràng.",
  "Xin cảm ơn ban soạn thảo đã lắng nghe.",
  "Ý kiến này đã được thống nhất trong sinh hoạt chi bộ.",
  "",
  "",
  "",
];
const SHORT_VERBS = ["Đồng ý", "Nhất trí", "Tán thành", "Ủng hộ", "Không đồng ý", "Chưa hợp lý", "Cần sửa", "Rất đúng", "Hay", "Nên bỏ", "Đề nghị giữ", "Phản đối"];
const SHORT_TARGETS = ["điều", "khoản", "mục", "phần", "ý", "đoạn", "chỉ tiêu"];
const SHORT_TAILS = ["", ".", "!", " ạ", " nhé", "!!", "..."];
const LINKS = [
  "Xem thêm tại https://baochinhphu.vn/bai-viet-",
  "Chi tiết: www.facebook.com/groups/gopyduthao/posts/",
  "Tham khảo zalo.me/09",
  "Nguồn: https://thanhnien.vn/thoi-su/",
  "Ai quan tâm vào nhóm t.me/gopy",
];
const VULGAR = ["đồ ngu", "bọn khốn nạn", "đéo hiểu", "mẹ kiếp", "thằng chó", "não tàn", "vcl"];
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Quốc", "Thanh", "Hoàng", "Xuân", "Kim"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"];
const ON_BEHALF = ["Chi bộ thôn Đông", "Hội Cựu chiến binh xã", "Đoàn thanh niên phường", "Hội Liên hiệp phụ nữ xã", "Tổ dân phố số 5"];

export function authorName(random: Random): string {
  return `${pick(random, FAMILY)} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`;
}
export function onBehalfOf(random: Random): string {
  return pick(random, ON_BEHALF);
}

/** Without diacritics as people type it: marks dropped, "đ" → "d", case kept. */
export function withoutDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/** The body of a comment, of a length class drawn from the distribution below. */
function body(random: Random): string {
  const r = random();
  if (r < 0.03) {
    // a few words: "Đồng ý khoản 3 ạ" (the VERY_SHORT flag)
    return `${pick(random, SHORT_VERBS)} ${pick(random, SHORT_TARGETS)} ${1 + Math.floor(random() * 200)}${pick(random, SHORT_TAILS)}`;
  }
  if (r < 0.3) {
    // 40–150 characters: two clauses of the drafts, sometimes after an opener
    const first = pick(random, CLAUSES);
    const second = pick(random, CLAUSES).toLowerCase();
    return random() < 0.5 ? `${first}, ${second}.` : `${pick(random, OPENERS.slice(0, 6))} ${first.charAt(0).toLowerCase()}${first.slice(1)}, ${second}.`;
  }
  // 100–1,500 characters: sentences of the drafts between an opener and a closer
  const target = r < 0.8 ? 100 + random() * 250 : r < 0.96 ? 350 + random() * 550 : 900 + random() * 600;
  const parts: string[] = [];
  const opener = pick(random, OPENERS);
  if (opener) parts.push(opener);
  let length = opener.length;
  while (length < target) {
    const s = pick(random, SENTENCES);
    if (length + s.length > 1500 && parts.length > 1) break;
    parts.push(s);
    length += s.length + 1;
  }
  const closer = pick(random, CLOSERS);
  if (closer && length + closer.length < 1500) parts.push(closer);
  return parts.join(" ").slice(0, 1500);
}

export interface TextKnobs {
  /** Shares of texts typed without diacritics, in capitals, with a link, with a vulgar word. */
  noDiacritics: number;
  allCaps: number;
  link: number;
  profanity: number;
}
export const DEFAULT_KNOBS: TextKnobs = { noDiacritics: 0.06, allCaps: 0.02, link: 0.012, profanity: 0.006 };

/** A new comment's text, and what was put in it (a link, a vulgar word): the flags to expect. */
export function commentText(random: Random, knobs: TextKnobs = DEFAULT_KNOBS): { text: string; link: boolean; vulgar: boolean } {
  let text = body(random);
  const vulgar = random() < knobs.profanity;
  if (vulgar) {
    const words = text.split(" ");
    words.splice(Math.floor(random() * words.length), 0, pick(random, VULGAR));
    text = words.join(" ");
  }
  const link = random() < knobs.link;
  if (link) text = `${text} ${pick(random, LINKS)}${Math.floor(random() * 1e6)}`;
  const style = random();
  if (style < knobs.noDiacritics) text = withoutDiacritics(text);
  else if (style < knobs.noDiacritics + knobs.allCaps) text = text.toUpperCase();
  return { text, link, vulgar };
}

/**
 * Another member of a near-duplicate group: the same text resent with other case, without its
 * diacritics, with other punctuation or spacing (identical once folded), or, for long texts, with one
 * word changed (the caller keeps it only when its SimHash is close enough).
 */
export function variantOf(text: string, random: Random): { text: string; edited: boolean } {
  const r = random();
  if (r < 0.35) return { text, edited: false };
  if (r < 0.5) return { text: withoutDiacritics(text), edited: false };
  if (r < 0.58) return { text: text.toUpperCase(), edited: false };
  if (r < 0.7) return { text: text.toLowerCase(), edited: false };
  if (r < 0.85) return { text: text.replace(/[.,;:]/g, (m) => (random() < 0.5 ? "" : `${m}${m}`)).replace(/ /g, () => (random() < 0.05 ? "  " : " ")), edited: false };
  const words = text.split(" ");
  const at = Math.floor(random() * words.length);
  words[at] = pick(random, ["rất", "cần", "phải", "đã", "sẽ", "nên"]);
  return { text: words.join(" "), edited: true };
}

/** The text of a campaign many people copy (the 10,000-member group). */
export const CAMPAIGN_TEXT =
  "Chúng tôi, cử tri các xã vùng cao phía Tây, đề nghị giữ nguyên chỉ tiêu 100% xã có đường ô tô đến trung tâm được cứng hóa và bổ sung kinh phí duy tu đường tỉnh 715, vì mùa mưa năm nào các thôn cũng bị chia cắt nhiều ngày, học sinh không đến được trường.";
