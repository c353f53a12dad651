import { describe, expect, it } from "vitest";
import { notificationRows, retryDelayMs } from "~/notifications/outbox.server.ts";

const PUBLIC_URL = "https://gopy.example.vn";

describe("queueing", () => {
  const item = {
    commentId: "c1",
    to: " an@example.vn ",
    authorName: "An",
    consultationTitle: "Dự thảo",
    originalText: "Ý kiến",
    receiptToken: "t".repeat(32),
    decision: { status: "approved" as const },
  };
  const now = new Date("2026-11-26T08:00:00Z");

  it("makes a due row per author with an address, and none without SMTP", () => {
    const rows = notificationRows([item, { ...item, commentId: "c2", to: null }, { ...item, commentId: "c3", to: "" }], { publicUrl: PUBLIC_URL }, now);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ commentId: "c1", to: "an@example.vn", attempts: 0, nextAt: now, subject: "Góp ý của bạn về “Dự thảo” đã được đăng" });
    expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].text).toContain(`${PUBLIC_URL}/y-kien/${"t".repeat(32)}`);
    expect(notificationRows([item], null, now)).toEqual([]);
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});
