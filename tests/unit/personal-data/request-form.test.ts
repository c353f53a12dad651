import { describe, expect, it } from "vitest";
import { contactCondition } from "~/personal-data/find.server.ts";
import { confirms, parseAction, parseContact } from "~/personal-data/request-form.ts";
import { personalDataRetentionDays } from "~/personal-data/retention.server.ts";
import { buildConfig } from "~/platform/config.server.ts";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};

describe("the contact staff look up", () => {
  it("is one phone number however it is typed, or one email address whatever its case", () => {
    for (const typed of ["0912 345 678", "+84912345678", "84.912.345.678", "(091) 234-5678", "0084 912 345 678"]) {
      expect(parseContact(typed), typed).toEqual({ kind: "phone", value: "0912345678" });
    }
    expect(parseContact("  An.Nguyen@Example.VN ")).toEqual({ kind: "email", value: "an.nguyen@example.vn" });
    expect(parseContact("")).toBeNull();
    expect(parseContact("12345")).toBeNull();
    expect(parseContact("an@")).toBeNull();
  });

  it("matches stored phones in the national form and in older spellings with the country code", () => {
    const where = contactCondition({ kind: "phone", value: "0912345678" });
    expect(where.params).toEqual(["0912345678", "0912345678", "84912345678", "0084912345678"]);
    expect(where.sql).toContain("REPLACE");
  });
});

describe("an action's form", () => {
  const base = {
    contact: "0912 345 678",
    ids: ["c1", "c2"],
    "reason-anonymize": "Theo đơn yêu cầu ngày 02/12/2026",
    "confirm-anonymize": "ẩn danh",
    intent: "anonymize",
  };

  it("needs the word typed to confirm it, with or without diacritics", () => {
    expect(confirms("delete", "XÓA")).toBe(true);
    expect(confirms("delete", "xoa")).toBe(true);
    expect(confirms("delete", "xóa hết")).toBe(false);
    const parsed = parseAction(form(base));
    expect(parsed).toEqual({
      ok: true,
      request: { action: "anonymize", contact: { kind: "phone", value: "0912345678" }, ids: ["c1", "c2"], reason: "Theo đơn yêu cầu ngày 02/12/2026" },
    });
    const unconfirmed = parseAction(form({ ...base, "confirm-anonymize": "XÓA" }));
    expect(unconfirmed.ok).toBe(false);
    if (!unconfirmed.ok) expect(unconfirmed.fieldErrors.confirm).toBe("Để xác nhận, hãy gõ «ẨN DANH» vào ô xác nhận.");
  });

  it("needs a reason and at least one opinion, and says so in Vietnamese", () => {
    const parsed = parseAction(form({ ...base, ids: [], "reason-anonymize": " " }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.fieldErrors.ids).toBe("Vui lòng chọn ít nhất một ý kiến.");
      expect(parsed.fieldErrors.reason).toMatch(/^Vui lòng ghi lý do/);
    }
  });

  it("checks corrected contact details with the comment form's rules, and stores the phone in the national form", () => {
    const correct = { contact: "an@example.vn", ids: "c1", intent: "correct", "reason-correct": "Người góp ý đổi số điện thoại", "confirm-correct": "SUA" };
    const ok = parseAction(form({ ...correct, name: " Nguyễn  Văn An ", email: "", phone: "+84 987 654 321" }));
    expect(ok.ok && ok.request).toMatchObject({ action: "correct", name: "Nguyễn Văn An", email: undefined, phone: "0987654321" });
    const bad = parseAction(form({ ...correct, name: "A", email: "khong-hop-le", phone: "123" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors.name).toBe("Vui lòng nhập họ và tên.");
      expect(bad.fieldErrors.email).toBe("Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn).");
      expect(bad.fieldErrors.phone).toBe("Số điện thoại không hợp lệ (ví dụ: 0912345678).");
    }
  });
});

it("keeps contact details unless PERSONAL_DATA_RETENTION_DAYS is set; the server refuses a bad value at start", () => {
  expect(personalDataRetentionDays({})).toBeNull();
  expect(personalDataRetentionDays({ PERSONAL_DATA_RETENTION_DAYS: "" })).toBeNull();
  expect(personalDataRetentionDays({ PERSONAL_DATA_RETENTION_DAYS: "180" })).toBe(180);
  expect(buildConfig({}).env.PERSONAL_DATA_RETENTION_DAYS).toBeUndefined();
  expect(buildConfig({ PERSONAL_DATA_RETENTION_DAYS: "90" }).env.PERSONAL_DATA_RETENTION_DAYS).toBe(90);
  expect(() => buildConfig({ PERSONAL_DATA_RETENTION_DAYS: "0" })).toThrow(/PERSONAL_DATA_RETENTION_DAYS/);
  expect(() => buildConfig({ PERSONAL_DATA_RETENTION_DAYS: "sáu tháng" })).toThrow(/PERSONAL_DATA_RETENTION_DAYS/);
});
