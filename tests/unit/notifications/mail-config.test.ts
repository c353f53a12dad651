import { describe, expect, it } from "vitest";
import { DEFAULT_MAIL_FROM, readMailConfig } from "~/notifications/mail-config.server.ts";

const PUBLIC_URL = "https://gopy.example.vn";

describe("email settings", () => {
  it("are null when SMTP is not configured, whatever else is set", () => {
    expect(readMailConfig({})).toBeNull();
    expect(readMailConfig({ SMTP_URL: "", SMTP_HOST: " ", PUBLIC_URL, MAIL_FROM: "a@b.vn" })).toBeNull();
  });

  it("read SMTP_URL, decoding the user and password", () => {
    expect(readMailConfig({ SMTP_URL: "smtp://th%C6%B0@gopy.vn:p%40ss%3Aword@mail.example.vn:2525", PUBLIC_URL: `${PUBLIC_URL}/` })).toEqual({
      smtp: { host: "mail.example.vn", port: 2525, secure: false, auth: { user: "thư@gopy.vn", pass: "p@ss:word" } },
      from: DEFAULT_MAIL_FROM,
      publicUrl: PUBLIC_URL,
    });
    expect(readMailConfig({ SMTP_URL: "smtps://mail.example.vn", PUBLIC_URL })?.smtp).toEqual({ host: "mail.example.vn", port: 465, secure: true });
    expect(readMailConfig({ SMTP_URL: "smtp://[::1]", PUBLIC_URL })?.smtp).toEqual({ host: "::1", port: 587, secure: false });
  });

  it("read the SMTP_HOST variables", () => {
    const config = readMailConfig({
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
    expect(readMailConfig({ SMTP_HOST: "h", SMTP_PORT: "465", PUBLIC_URL })?.smtp).toEqual({ host: "h", port: 465, secure: true });
    expect(readMailConfig({ SMTP_HOST: "h", SMTP_SECURE: "true", PUBLIC_URL })?.smtp).toEqual({ host: "h", port: 465, secure: true });
    expect(readMailConfig({ SMTP_HOST: "h", SMTP_PORT: "25", SMTP_SECURE: "false", PUBLIC_URL })?.smtp).toEqual({ host: "h", port: 25, secure: false });
  });

  it("refuse invalid values with a message naming the variable, never the password", () => {
    const error = (env: Record<string, string>) => {
      try {
        readMailConfig(env);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error("no error");
    };
    expect(error({ SMTP_URL: "smtp://u:pw@h", PUBLIC_URL: "gopy.example.vn" })).toMatch(/PUBLIC_URL: expected an http\(s\) URL/);
    expect(error({ SMTP_URL: "smtp://u:pw@h", PUBLIC_URL: "ftp://gopy.example.vn" })).toMatch(/PUBLIC_URL/);
    expect(error({ SMTP_URL: "smtp://u:pw@h", PUBLIC_URL: `${PUBLIC_URL}/?a=1` })).toMatch(/PUBLIC_URL/);
    expect(error({ SMTP_URL: "smtp://u:secret-pw@h" })).toMatch(/PUBLIC_URL: required/);
    expect(error({ SMTP_URL: "http://u:secret-pw@h", PUBLIC_URL })).toMatch(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
    expect(error({ SMTP_URL: "không phải URL", PUBLIC_URL })).toMatch(/SMTP_URL: not a URL/);
    expect(error({ SMTP_URL: "smtp://h", SMTP_HOST: "h", PUBLIC_URL })).toMatch(/SMTP_URL: set SMTP_URL or SMTP_HOST, not both/);
    expect(error({ SMTP_URL: "smtp://h", SMTP_PORT: "25", PUBLIC_URL })).toMatch(/SMTP_PORT: not used with SMTP_URL/);
    expect(error({ SMTP_USER: "u", PUBLIC_URL })).toMatch(/SMTP_USER: has no effect without SMTP_HOST/);
    expect(error({ SMTP_HOST: "h", SMTP_USER: "u", PUBLIC_URL })).toMatch(/SMTP_PASSWORD: SMTP_USER and SMTP_PASSWORD go together/);
    expect(error({ SMTP_HOST: "h", SMTP_PORT: "70000", PUBLIC_URL })).toMatch(/SMTP_PORT/);
    expect(error({ SMTP_HOST: "h", SMTP_SECURE: "có", PUBLIC_URL })).toMatch(/SMTP_SECURE/);
    expect(error({ SMTP_HOST: "h", MAIL_FROM: "Góp ý", PUBLIC_URL })).toMatch(/MAIL_FROM/);
    expect(error({ SMTP_HOST: "h", MAIL_FROM: "a@b.vn\r\nBcc: x@y.vn", PUBLIC_URL })).toMatch(/MAIL_FROM/);
    expect(error({ SMTP_URL: "smtp://u:secret-pw@h" })).not.toContain("secret-pw");
    expect(error({ SMTP_URL: "smtp://u:secret-pw@h" })).toMatch(/^Cấu hình thư điện tử không hợp lệ \/ Invalid email settings: /);
  });
});
