import { describe, expect, it } from "vitest";
import { normalizeEmail, normalizePhone } from "~/comments/contact.ts";
import { commentFormSchema } from "~/comments/comment-form.ts";

describe("normalizePhone", () => {
  it.each([
    "0912345678",
    "+84912345678",
    "84912345678",
    "0084912345678",
    "0912 345 678",
    "091.234.5678",
    "+84 91 234 56 78",
    "(091) 234-5678",
    "０９１２３４５６７８",
  ])("%s is 0912345678", (raw) => {
    expect(normalizePhone(raw)).toBe("0912345678");
  });

  it("keeps fixed-line numbers", () => {
    expect(normalizePhone("+84 24 3825 1234")).toBe("02438251234");
  });

  it.each(["", "12345", "091234567", "09123456789", "+1 202 555 0100", "0112345678", "abc0912345678"])("refuses %j", (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe("normalizeEmail", () => {
  it("trims and lowers", () => {
    expect(normalizeEmail("  Ten.Ho@Example.VN ")).toBe("ten.ho@example.vn");
  });
});

describe("the comment form stores the national form", () => {
  const base = { stance: "AGREE", text: "Một ý kiến đủ dài để gửi.", name: "Nguyễn Văn A", consent: "on", provinceCode: "01" };
  it.each(["+84 912 345 678", "84912345678", "0912.345.678"])("%s", (phone) => {
    const parsed = commentFormSchema(2000).safeParse({ ...base, phone });
    expect(parsed.success && parsed.data.phone).toBe("0912345678");
  });
  it("refuses a number that is not Vietnamese", () => {
    expect(commentFormSchema(2000).safeParse({ ...base, phone: "+1 202 555 0100" }).success).toBe(false);
  });
});
