import { expect, it } from "vitest";
import { expiredMessage, exportRetentionDays } from "~/reports/export/jobs.server.ts";
import { buildConfig } from "~/platform/config.server.ts";

it("keeps export files 7 days unless EXPORT_RETENTION_DAYS says otherwise; the server refuses a bad value at start", () => {
  expect(exportRetentionDays({})).toBe(7);
  expect(exportRetentionDays({ EXPORT_RETENTION_DAYS: "30" })).toBe(30);
  expect(exportRetentionDays({ EXPORT_RETENTION_DAYS: "0.5" })).toBe(0.5);
  expect(buildConfig({}).env.EXPORT_RETENTION_DAYS).toBe(7);
  expect(() => buildConfig({ EXPORT_RETENTION_DAYS: "0" })).toThrow(/EXPORT_RETENTION_DAYS/);
  expect(() => buildConfig({ EXPORT_RETENTION_DAYS: "bảy" })).toThrow(/EXPORT_RETENTION_DAYS/);
  expect(expiredMessage(7)).toBe("Tệp đã được xóa khỏi máy chủ sau 7 ngày lưu giữ, để bảo vệ dữ liệu cá nhân trong tệp. Vui lòng xuất lại.");
});
