import { describe, expect, it } from "vitest";
import { decisionEmail, statusLink, type DecisionEmailInput } from "~/notifications/decision-email.ts";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const base: Omit<DecisionEmailInput, "decision"> = {
  authorName: "Nguyễn Văn An",
  consultationTitle: "Dự thảo Báo cáo chính trị trình Đại hội XIV",
  originalText: "Đề nghị bổ sung chỉ tiêu về môi trường.\nCần làm rõ nguồn lực thực hiện.",
  target: "Phần thứ nhất › 1.",
  receiptToken: TOKEN,
  publicUrl: "https://gopy.example.vn",
};
const LINK = `https://gopy.example.vn/y-kien/${TOKEN}`;

const isNfc = (value: string) => value === value.normalize("NFC");

describe("the decision email", () => {
  it("says an approved comment was published, greets the author and gives the private link", () => {
    const email = decisionEmail({ ...base, decision: { status: "approved" } });
    expect(email.subject).toBe("Góp ý của bạn về “Dự thảo Báo cáo chính trị trình Đại hội XIV” đã được đăng");
    expect(email.text).toMatch(/^Kính gửi Nguyễn Văn An,\n/);
    expect(email.text).toContain("Góp ý của bạn về “Dự thảo Báo cáo chính trị trình Đại hội XIV” đã được đăng.");
    expect(email.text).toContain("Góp ý vào: Phần thứ nhất › 1.");
    expect(email.text).toContain("Nội dung bạn đã gửi:\n    Đề nghị bổ sung chỉ tiêu về môi trường.\n    Cần làm rõ nguồn lực thực hiện.");
    expect(email.text).toContain(`\n${LINK}\n`);
    expect(email.text).not.toContain("Lý do");
    expect(isNfc(email.subject) && isNfc(email.text)).toBe(true);
  });

  it("shows both the published text and the original when a moderator edited the comment", () => {
    const email = decisionEmail({ ...base, decision: { status: "edited", publishedText: "Đề nghị bổ sung chỉ tiêu môi trường." } });
    expect(email.subject).toBe("Góp ý của bạn về “Dự thảo Báo cáo chính trị trình Đại hội XIV” đã được đăng sau khi biên tập");
    expect(email.text).toContain("đã được đăng sau khi biên tập.");
    const published = email.text.indexOf("Nội dung được đăng:\n    Đề nghị bổ sung chỉ tiêu môi trường.");
    const original = email.text.indexOf("Nội dung gốc bạn đã gửi:\n    Đề nghị bổ sung chỉ tiêu về môi trường.\n    Cần làm rõ");
    expect(published).toBeGreaterThan(0);
    expect(original).toBeGreaterThan(published);
    expect(email.text).toContain(LINK);
  });

  it("gives the reason and the moderator's note for a rejection", () => {
    const email = decisionEmail({
      ...base,
      target: null,
      decision: { status: "rejected", reason: "Nội dung không liên quan đến dự thảo", note: "Bạn có thể gửi lại\ngóp ý vào đúng đoạn." },
    });
    expect(email.subject).toBe("Góp ý của bạn về “Dự thảo Báo cáo chính trị trình Đại hội XIV” không được đăng");
    expect(email.text).toContain("không được đăng.\n\nLý do: Nội dung không liên quan đến dự thảo\n");
    expect(email.text).toContain("Ghi chú của ban biên tập:\n    Bạn có thể gửi lại\n    góp ý vào đúng đoạn.");
    expect(email.text).toContain("Góp ý vào: Toàn văn dự thảo");
    expect(email.text).toContain(LINK);

    const bare = decisionEmail({ ...base, decision: { status: "rejected", reason: null } });
    expect(bare.text).not.toContain("Lý do");
    expect(bare.text).not.toContain("Ghi chú");
  });

  it("writes NFC whatever the input's form, and keeps the subject on one short line", () => {
    const email = decisionEmail({
      ...base,
      authorName: "  Trần Thị\nBình ".normalize("NFD"),
      consultationTitle: `${"Dự thảo rất dài ".repeat(10)}\r\nhết`.normalize("NFD"),
      originalText: "Ý kiến của tôi.".normalize("NFD"),
      decision: { status: "edited", publishedText: "Ý kiến đã sửa.".normalize("NFD") },
    });
    expect(isNfc(email.subject) && isNfc(email.text)).toBe(true);
    expect(email.text).toMatch(/^Kính gửi Trần Thị Bình,\n/);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain("…”");
    expect(Array.from(email.subject).length).toBeLessThan(150);
    expect(email.text).toContain("    Ý kiến đã sửa.");
  });

  it("builds the link from a base URL with or without a trailing slash", () => {
    expect(statusLink("https://gopy.example.vn/", TOKEN)).toBe(LINK);
    expect(statusLink("https://example.vn/gop-y", TOKEN)).toBe(`https://example.vn/gop-y/y-kien/${TOKEN}`);
    expect(decisionEmail({ ...base, authorName: " ", decision: { status: "approved" } }).text).toMatch(/^Kính gửi bạn,\n/);
  });
});
