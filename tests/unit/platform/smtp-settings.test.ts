import { describe, expect, it } from "vitest";
import { buildConfig } from "~/platform/config.server.ts";
import { DEFAULT_MAIL_FROM } from "~/platform/smtp-settings.ts";

const PUBLIC_URL = "https://gopy.example.vn";
const mail = (source: Record<string, string>) => buildConfig(source).mail;

describe("email settings in the one configuration", () => {
  it("are null when SMTP is not configured, whatever else is set", () => {
    expect(mail({})).toBeNull();
    expect(mail({ SMTP_URL: "", SMTP_HOST: " ", PUBLIC_URL, MAIL_FROM: "a@b.vn" })).toBeNull();
  });

  it("read SMTP_URL, decoding the user and password", () => {
    expect(mail({ SMTP_URL: "smtp://th%C6%B0@gopy.vn:p%40ss%3Aword@mail.example.vn:2525", PUBLIC_URL: `${PUBLIC_URL}/` })).toEqual({
      smtp: { host: "mail.example.vn", port: 2525, secure: false, auth: { user: "thư@gopy.vn", pass: "p@ss:word" } },
      from: DEFAULT_MAIL_FROM,
      publicUrl: PUBLIC_URL,
    });
    expect(mail({ SMTP_URL: "smtps://mail.example.vn", PUBLIC_URL })?.smtp).toEqual({ host: "mail.example.vn", port: 465, secure: true });
    expect(mail({ SMTP_URL: "smtp://[::1]", PUBLIC_URL })?.smtp).toEqual({ host: "::1", port: 587, secure: false });
  });

  it("read the SMTP_HOST variables", () => {
    const config = mail({
      SMTP_HOST: "mail.example.vn",
      SMTP_USER: "gopy",
      SMTP_PASSWORD: "bí mật",
      MAIL_FROM: "Ban tổ chức <khong-tra-loi@gopy.example.vn>",
      PUBLIC_URL: "http://localhost:3000",
    });
    expect(config).toEqual({
      smtp: { host: "mail.example.vn", port: 587, secure: false, auth: { user: "gopy", pass: "bí mật" } },
      from: "Ban tổ chức <khong-tra-loi@gopy.example.vn>",
      publicUrl: "http://localhost:3000",
    });
    expect(mail({ SMTP_HOST: "h", SMTP_PORT: "465", PUBLIC_URL })?.smtp).toEqual({ host: "h", port: 465, secure: true });
    expect(mail({ SMTP_HOST: "h", SMTP_SECURE: "true", PUBLIC_URL })?.smtp).toEqual({ host: "h", port: 465, secure: true });
    expect(mail({ SMTP_HOST: "h", SMTP_PORT: "25", SMTP_SECURE: "false", PUBLIC_URL })?.smtp).toEqual({ host: "h", port: 25, secure: false });
  });

  it("refuse invalid values with a Vietnamese message naming the variable, never the password", () => {
    const error = (env: Record<string, string>) => {
      try {
        buildConfig(env);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error("no error");
    };
    expect(error({ SMTP_URL: "smtp://u:pw@h", PUBLIC_URL: "gopy.example.vn" })).toMatch(/PUBLIC_URL: cần một địa chỉ http\(s\)/);
    expect(error({ SMTP_URL: "smtp://u:pw@h", PUBLIC_URL: "ftp://gopy.example.vn" })).toMatch(/PUBLIC_URL/);
    expect(error({ SMTP_URL: "smtp://u:pw@h", PUBLIC_URL: `${PUBLIC_URL}/?a=1` })).toMatch(/PUBLIC_URL/);
    expect(error({ SMTP_URL: "smtp://u:secret-pw@h" })).toMatch(/PUBLIC_URL: bắt buộc khi đã cấu hình SMTP/);
    expect(error({ SMTP_URL: "http://u:secret-pw@h", PUBLIC_URL })).toMatch(/SMTP_URL: phải bắt đầu bằng smtp:\/\/ hoặc smtps:\/\//);
    expect(error({ SMTP_URL: "không phải URL", PUBLIC_URL })).toMatch(/SMTP_URL: không phải một địa chỉ/);
    expect(error({ SMTP_URL: "smtp://h", SMTP_HOST: "h", PUBLIC_URL })).toMatch(/SMTP_URL: chỉ đặt một trong hai biến SMTP_URL và SMTP_HOST/);
    expect(error({ SMTP_URL: "smtp://h", SMTP_PORT: "25", PUBLIC_URL })).toMatch(/SMTP_PORT: không dùng cùng SMTP_URL/);
    expect(error({ SMTP_USER: "u", PUBLIC_URL })).toMatch(/SMTP_USER: không có tác dụng khi chưa đặt SMTP_HOST/);
    expect(error({ SMTP_HOST: "h", SMTP_USER: "u", PUBLIC_URL })).toMatch(/SMTP_PASSWORD: SMTP_USER và SMTP_PASSWORD phải đặt cùng nhau/);
    expect(error({ SMTP_HOST: "h", SMTP_PORT: "70000", PUBLIC_URL })).toMatch(/SMTP_PORT: cần một số không quá 65535/);
    expect(error({ SMTP_HOST: "h", SMTP_SECURE: "có", PUBLIC_URL })).toMatch(/SMTP_SECURE: chỉ nhận một trong các giá trị/);
    expect(error({ SMTP_HOST: "h", MAIL_FROM: "Góp ý", PUBLIC_URL })).toMatch(/MAIL_FROM: cần một địa chỉ thư/);
    expect(error({ SMTP_HOST: "h", MAIL_FROM: "a@b.vn\r\nBcc: x@y.vn", PUBLIC_URL })).toMatch(/MAIL_FROM/);
    expect(error({ SMTP_URL: "smtp://u:secret-pw@h" })).not.toContain("secret-pw");
    expect(error({ SMTP_HOST: "h", SMTP_USER: "u", SMTP_PASSWORD: "secret-pw", SMTP_PORT: "cổng", PUBLIC_URL })).not.toContain("secret-pw");
    expect(error({ SMTP_URL: "smtp://u:secret-pw@h" })).toMatch(/^Cấu hình không hợp lệ — .*Hãy sửa các biến môi trường này rồi khởi động lại\.$/);
  });
});
