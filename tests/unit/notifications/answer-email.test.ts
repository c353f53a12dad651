import { expect, it } from "vitest";
import { answerEmail } from "~/notifications/answer-email.ts";

const input = {
  authorName: "Nguyễn Văn An",
  consultationTitle: "Dự thảo Báo cáo chính trị",
  originalText: "Đề nghị bổ sung chỉ tiêu về chuyển đổi số.",
  receiptToken: "abcdefghijklmnopqrstuvwxyz012345",
  publicUrl: "https://gopy.example.vn/",
  disposition: "Tiếp thu",
  explanation: "Ban soạn thảo đã bổ sung chỉ tiêu\r\nở Phần thứ hai.",
  reportPath: "/du-thao/bao-cao/tiep-thu-giai-trinh",
  corrected: false,
};

it("says the disposition and explanation, with the status link and the public report", () => {
  const email = answerEmail(input);
  expect(email.subject).toBe("Ban soạn thảo đã trả lời góp ý của bạn về “Dự thảo Báo cáo chính trị”");
  expect(email.text).toContain("Kính gửi Nguyễn Văn An,");
  expect(email.text).toContain("Ban soạn thảo đã trả lời: Tiếp thu");
  expect(email.text).toContain("    Ban soạn thảo đã bổ sung chỉ tiêu\n    ở Phần thứ hai.");
  expect(email.text).toContain("https://gopy.example.vn/y-kien/abcdefghijklmnopqrstuvwxyz012345");
  expect(email.text).toContain("https://gopy.example.vn/du-thao/bao-cao/tiep-thu-giai-trinh");
  expect(email.text).toBe(email.text.normalize("NFC"));
});

it("says when an answer was corrected", () => {
  expect(answerEmail({ ...input, corrected: true }).subject).toContain("đã sửa câu trả lời cho góp ý của bạn");
});
