// Vietnamese opinions for bench:reports: built from a few hundred pieces of civic language and from
// sentences of the published drafts (prisma/demo, the same text as /work/shared/corpus), so that key
// phrases and clusters have something real to find. Deterministic for a seed.

import { pick, type Random } from "./random.ts";

const OPENERS = [
  "Tôi đề nghị",
  "Đề nghị Ban soạn thảo",
  "Tôi tán thành nội dung này và đề nghị",
  "Theo tôi, cần",
  "Kiến nghị",
  "Tôi không đồng ý với cách viết này, đề nghị",
  "Qua nghiên cứu dự thảo, tôi đề nghị",
  "Hội nghị thống nhất đề nghị",
  "Cử tri trong xã đề nghị",
  "Đoàn viên thanh niên đề nghị",
];
const ACTIONS = ["bổ sung", "làm rõ", "sửa lại", "nhấn mạnh hơn", "cụ thể hóa", "đưa thêm", "xem xét lại", "lượng hóa"];
const THEMES = [
  "chỉ tiêu về chuyển đổi số",
  "giải pháp cải cách thủ tục hành chính",
  "chính sách hỗ trợ nông dân",
  "nội dung bảo vệ môi trường",
  "vấn đề việc làm cho thanh niên",
  "chất lượng giáo dục vùng cao",
  "mạng lưới y tế cơ sở",
  "chương trình xây dựng nông thôn mới",
  "công tác phòng, chống tham nhũng, lãng phí",
  "đầu tư hạ tầng giao thông",
  "chính sách an sinh xã hội",
  "vai trò giám sát của Mặt trận Tổ quốc",
  "giải pháp thu hút đầu tư",
  "công tác quản lý đất đai",
  "chính sách đối với đồng bào dân tộc thiểu số",
  "phát triển du lịch cộng đồng",
  "chăm sóc người cao tuổi",
  "nguồn nhân lực chất lượng cao",
  "an toàn thực phẩm",
  "ứng phó với biến đổi khí hậu",
];
const DETAILS = [
  "ở cấp xã",
  "trong nhiệm kỳ 2025 - 2030",
  "cho đồng bào vùng sâu, vùng xa",
  "tại các khu công nghiệp",
  "gắn với trách nhiệm người đứng đầu",
  "với lộ trình và nguồn lực cụ thể",
  "theo mô hình chính quyền địa phương hai cấp",
  "để người dân dễ theo dõi, giám sát",
  "bảo đảm công khai, minh bạch",
  "phù hợp với điều kiện thực tế của tỉnh",
];
const CLOSINGS = [
  "",
  " Xin cảm ơn.",
  " Đây là vấn đề người dân rất quan tâm.",
  " Hiện nay kết quả còn thấp so với yêu cầu.",
  " Cần có chỉ tiêu đo lường được.",
  " Nội dung hiện nay còn chung chung.",
];

/** Sentences of the drafts, 8 to 40 syllables, for opinions that quote the text. */
export function draftSentences(texts: string[]): string[] {
  const sentences: string[] = [];
  for (const text of texts) {
    for (const s of text.normalize("NFC").split(/(?<=[.;:])\s+/)) {
      const words = s.trim().split(/\s+/).length;
      if (words >= 8 && words <= 40) sentences.push(s.trim().replace(/[.;:]$/, ""));
    }
  }
  return sentences;
}

/** One opinion. */
export function opinionText(random: Random, sentences: string[]): string {
  const head = `${pick(random, OPENERS)} ${pick(random, ACTIONS)} ${pick(random, THEMES)} ${pick(random, DETAILS)}.`;
  const r = random();
  if (r < 0.3 && sentences.length) return `${head} Câu “${pick(random, sentences)}” nên viết lại cho rõ nghĩa.${pick(random, CLOSINGS)}`;
  if (r < 0.55) return `${head} Đồng thời ${pick(random, ACTIONS)} ${pick(random, THEMES)} ${pick(random, DETAILS)}.${pick(random, CLOSINGS)}`;
  return `${head}${pick(random, CLOSINGS)}`;
}

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoài"];
const GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Ngân", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"];

export function personName(random: Random): string {
  return `${pick(random, FAMILY)} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`;
}
