/**
 * Vietnamese stop words for key phrases, in lower-case NFC with their diacritics: matched on the
 * accented syllable, not the folded one, because folding merges function words with content words
 * ("có" and "cơ" in "cơ chế", "do" and "dò", "và" and "va").
 *
 * A syllable-based language has no spaces inside words, so a single syllable is listed only when it
 * is almost never the start or end of a content word: "nhất" (thống nhất), "chính" (chính sách),
 * "mới" (đổi mới), "việc" (việc làm), "qua" (thông qua), "làm", "đi", "thế", "chỉ" are left out on
 * purpose. Multi-syllable words that every opinion uses ("đề nghị", "dự thảo", "ý kiến") are stop
 * phrases: their syllables are marked where the whole word appears.
 */
export const STOP_SYLLABLES: ReadonlySet<string> = new Set(
  // conjunctions, prepositions, particles
  (
    "và là của có các những một cho với trong được bị đã sẽ đang thì mà này đó để về từ khi nếu như " +
    "theo tại đến ra vào lên cũng còn vẫn rất hơn nữa lại hay hoặc vì nên bởi nhưng mỗi mọi rằng " +
    "trên dưới giữa sau hết luôn vừa thật lắm quá nhằm nhau cùng hãy xin ạ à ơi nhé thôi đâu " +
    // pronouns and determiners
    "tôi chúng ta bạn mình họ nó ấy kia đây đấy nào gì ai sao vậy " +
    // negation, modality, quantity
    "không chưa chẳng chả cần phải nhiều ít rồi thêm đều"
  ).split(" "),
);

export const STOP_PHRASES: readonly string[] = [
  "đề nghị",
  "kiến nghị",
  "góp ý",
  "ý kiến",
  "dự thảo",
  "tán thành",
  "đồng ý",
  "nội dung",
  "cho rằng",
  "cảm ơn",
  "ban soạn thảo",
  "hiện nay",
  "tuy nhiên",
  "bên cạnh",
  "ngoài ra",
  "đồng thời",
  "có thể",
  "cần thiết",
  "nhất là",
  "vấn đề",
  "cụ thể",
  "văn bản",
  "báo cáo",
  // the verbs of every opinion and every political report: they name no theme
  "bổ sung",
  "xem xét",
  "làm rõ",
  "nhấn mạnh",
  "quan tâm",
  "công tác",
  "thực hiện",
  "tiếp tục",
  "nâng cao",
  "đẩy mạnh",
  "tăng cường",
];
