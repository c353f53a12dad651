import { expect, it } from "vitest";
import { loadAppConfig } from "~/background.server.ts";

it("at start also checks the email and search settings' own rules", () => {
  expect(() => loadAppConfig({ SMTP_HOST: "smtp.example.vn" })).toThrow(/PUBLIC_URL/);
  expect(() => loadAppConfig({ MEILI_INDEX: "gopy" })).toThrow(/MEILI_INDEX/);
  expect(loadAppConfig({}).nodeEnv).toBe("production");
});
