import { describe, expect, it } from "vitest";
import { recoveryEmail } from "~/notifications/recovery-email.ts";

describe("recoveryEmail", () => {
  const receipts = [
    { consultationTitle: "Dự thảo Luật Đất đai", createdAt: new Date("2026-03-05T02:00:00Z"), status: "approved" as const, receiptToken: "A".repeat(32) },
    {
      consultationTitle: "Dự thảo Báo cáo\nchính trị",
      createdAt: new Date("2026-03-01T02:00:00Z"),
      status: "pending" as const,
      receiptToken: "b_-".repeat(10) + "cd",
    },
  ];

  it("lists each comment's draft, time, status and private link, and says nothing of what the comments say", () => {
    const { subject, text } = recoveryEmail({ receipts, total: 2, publicUrl: "https://gopy.example.vn/" });
    expect(subject).toBe("Đường dẫn theo dõi các góp ý của bạn");
    expect(text).toContain("1. Góp ý về “Dự thảo Luật Đất đai”, gửi lúc 09:00 05/03/2026 — đã được đăng");
    expect(text).toContain("2. Góp ý về “Dự thảo Báo cáo chính trị”, gửi lúc 09:00 01/03/2026 — đang chờ biên tập");
    expect(text).toContain(`https://gopy.example.vn/y-kien/${"A".repeat(32)}`);
    expect(text).toContain(`https://gopy.example.vn/y-kien/${"b_-".repeat(10)}cd`);
    expect(text).not.toContain("Thư chỉ liệt kê");
    expect(text).toBe(text.normalize("NFC"));
  });

  it("says when only the newest are listed", () => {
    expect(recoveryEmail({ receipts, total: 250, publicUrl: "https://gopy.example.vn" }).text).toContain("Thư chỉ liệt kê 2 góp ý mới nhất trong tổng số 250.");
  });
});
