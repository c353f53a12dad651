import { expect, it } from "vitest";
import { parseVietnamDateTime, toDateTimeInput } from "~/consultations/drafting/period.ts";
import { NEW_SETTINGS, parseSettings, settingsValues, type SettingsValues } from "~/consultations/drafting/settings-form.ts";

const VALID: SettingsValues = {
  ...NEW_SETTINGS,
  title: "Dự thảo Báo cáo chính trị",
  slug: "",
  summary: "Tóm tắt",
  issuingBody: "Ban Chấp hành Đảng bộ tỉnh",
  opensAt: "2026-12-10T08:00",
  closesAt: "2026-12-20T17:00",
};

it("reads the times in Viet Nam's time (UTC+7) whatever the server's zone, and shows them back the same", () => {
  expect(parseVietnamDateTime("2026-12-10T08:00")?.toISOString()).toBe("2026-12-10T01:00:00.000Z");
  expect(parseVietnamDateTime("10/12/2026 08:00")?.toISOString()).toBe("2026-12-10T01:00:00.000Z");
  expect(parseVietnamDateTime("08:00 10/12/2026")?.toISOString()).toBe("2026-12-10T01:00:00.000Z");
  // Midnight in Viet Nam is the evening before in UTC.
  expect(parseVietnamDateTime("1/1/2027 00:30")?.toISOString()).toBe("2026-12-31T17:30:00.000Z");
  expect(toDateTimeInput(new Date("2026-12-31T17:30:00Z"))).toBe("2027-01-01T00:30");
  expect(toDateTimeInput(null)).toBe("");
  for (const bad of ["31/02/2026 08:00", "2026-12-10T25:00", "ngày mai", "10/12/26 08:00", "2026-12-10"]) expect(parseVietnamDateTime(bad), bad).toBeNull();
});

it("accepts valid settings, makes an empty slug from the title, cleans the text", () => {
  const parsed = parseSettings({ ...VALID, title: "  Dự thảo\u200B Báo cáo chính trị  ".normalize("NFD") });
  expect(parsed).toEqual({
    ok: true,
    settings: {
      title: "Dự thảo Báo cáo chính trị",
      slug: "du-thao-bao-cao-chinh-tri",
      summary: "Tóm tắt",
      issuingBody: "Ban Chấp hành Đảng bộ tỉnh",
      kind: "POLITICAL_REPORT",
      opensAt: new Date("2026-12-10T01:00:00Z"),
      closesAt: new Date("2026-12-20T10:00:00Z"),
      commentCharLimit: 2000,
      acceptsOnline: true,
      acceptsConference: true,
      acceptsLetter: false,
    },
  });
  if (!parsed.ok) return;
  // What the form shows for stored settings reads back to the same settings.
  expect(parseSettings(settingsValues(parsed.settings))).toEqual(parsed);
  // A draft may have no period yet.
  expect(parseSettings({ ...VALID, opensAt: "", closesAt: "" })).toMatchObject({ ok: true, settings: { opensAt: null, closesAt: null } });
});

it("says every problem at once, in Vietnamese, beside its field", () => {
  const parsed = parseSettings({
    title: "ab",
    slug: "Có Dấu",
    kind: "POEM",
    opensAt: "2026-12-20T17:00",
    closesAt: "2026-12-10T08:00",
    commentCharLimit: "50",
  });
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(parsed.fieldErrors).toEqual({
    title: "Vui lòng nhập tiêu đề (ít nhất 3 ký tự).",
    slug: expect.stringContaining("chữ thường không dấu"),
    kind: "Vui lòng chọn loại văn bản.",
    closesAt: "Thời điểm kết thúc phải sau thời điểm bắt đầu.",
    commentCharLimit: "Số ký tự tối đa ít nhất là 100.",
    acceptsOnline: "Vui lòng chọn ít nhất một hình thức nhận ý kiến.",
  });
  expect(parseSettings({ ...VALID, opensAt: "ngày mai" })).toMatchObject({ ok: false, fieldErrors: { opensAt: expect.stringContaining("không đọc được") } });
  // The same instant for opening and closing is no period at all.
  expect(parseSettings({ ...VALID, closesAt: VALID.opensAt })).toMatchObject({ ok: false, fieldErrors: { closesAt: expect.any(String) } });
  expect(parseSettings({ ...VALID, title: "!!! ???" })).toMatchObject({
    ok: false,
    fieldErrors: { slug: expect.stringContaining("Tiêu đề không tạo được đường dẫn") },
  });
  expect(parseSettings({ ...VALID, commentCharLimit: "1.500" })).toMatchObject({ ok: true, settings: { commentCharLimit: 1500 } });
});
