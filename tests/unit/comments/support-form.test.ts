import { describe, expect, it } from "vitest";
import { describeSupport, SUPPORT_MESSAGES, supportersLabel, supportFormSchema } from "~/comments/support-form.ts";

describe("the support form (ADR 046)", () => {
  it("takes a comment id and no contact", () => {
    expect(supportFormSchema.parse({ comment: "cm1abcdefgh", contact: "" })).toEqual({ comment: "cm1abcdefgh", contact: undefined });
    expect(supportFormSchema.safeParse({ comment: "<script>" }).success).toBe(false);
    expect(supportFormSchema.safeParse({}).success).toBe(false);
  });

  it("normalizes a contact to one identity: a phone in any spelling, an email in lower case", () => {
    for (const spelling of ["0912345678", "+84 912 345 678", "0084912345678", "(091) 234-5678", "84.912.345.678"]) {
      expect(supportFormSchema.parse({ comment: "cm1abcdefgh", contact: spelling }).contact).toBe("0912345678");
    }
    expect(supportFormSchema.parse({ comment: "cm1abcdefgh", contact: "  Ban.Doc@Example.VN " }).contact).toBe("ban.doc@example.vn");
  });

  it("refuses what is neither, in Vietnamese", () => {
    const parsed = supportFormSchema.safeParse({ comment: "cm1abcdefgh", contact: "12345" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["contact"], message: SUPPORT_MESSAGES.contact });
    expect(supportFormSchema.safeParse({ comment: "cm1abcdefgh", contact: `${"a".repeat(250)}@example.vn` }).success).toBe(false);
  });

  it("says each outcome plainly, with its HTTP status", () => {
    expect(describeSupport({ status: "supported", count: 3 })).toEqual({ httpStatus: 200, ok: true, message: SUPPORT_MESSAGES.supported, count: 3 });
    expect(describeSupport({ status: "already", count: 3 })).toMatchObject({ ok: true, message: expect.stringContaining("đã đồng tình") });
    expect(describeSupport({ status: "closed" })).toMatchObject({ httpStatus: 403, ok: false, message: expect.stringContaining("đã kết thúc") });
    expect(describeSupport({ status: "rate-limited", retryAfter: 90 })).toMatchObject({ httpStatus: 429, message: expect.stringContaining("2 phút") });
    expect(describeSupport({ status: "invalid", fieldErrors: { contact: "x" } })).toMatchObject({ httpStatus: 400, message: "x" });
  });

  it("counts people in Vietnamese, nothing for none", () => {
    expect(supportersLabel(0)).toBeNull();
    expect(supportersLabel(1234)).toBe("1.234 người đồng tình");
  });
});
