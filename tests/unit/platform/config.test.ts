import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { buildConfig, loadConfig } from "~/platform/config.server.ts";
import { ROOT, sourceFiles } from "../../support/source-files.ts";

it("has one default for NODE_ENV, for the server and the app alike", () => {
  expect(buildConfig({}).nodeEnv).toBe("production");
  expect(buildConfig({ NODE_ENV: "development" }).nodeEnv).toBe("development");
});

it("refuses values that used to be read unchecked, naming the variable in Vietnamese and never showing a secret", () => {
  const refused = (source: Record<string, string>, name: string) => {
    let message = "";
    try {
      buildConfig(source);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Cấu hình không hợp lệ — /);
    expect(message).toContain(`${name}:`);
    expect(message).toMatch(/Hãy sửa các biến môi trường này rồi khởi động lại\.$/);
    for (const value of Object.values(source)) if (value.length > 3) expect(message).not.toContain(value);
  };
  refused({ SIGN_IN_FAILURES_PER_ADDRESS: "ba mươi" }, "SIGN_IN_FAILURES_PER_ADDRESS");
  refused({ RATE_LIMIT_PER_ADDRESS: "-5" }, "RATE_LIMIT_PER_ADDRESS");
  refused({ RATE_LIMIT_WINDOW_SECONDS: "mười phút" }, "RATE_LIMIT_WINDOW_SECONDS");
  refused({ COOKIE_SECURE: "bật" }, "COOKIE_SECURE");
  refused({ REDIS_URL: "http://user:bi-mat@cache" }, "REDIS_URL");
  refused({ EXPORT_RETENTION_DAYS: "0" }, "EXPORT_RETENTION_DAYS");
});

it("gives typed sections with the documented defaults", () => {
  const config = buildConfig({ RATE_LIMIT_WINDOW_SECONDS: "60", SIGN_IN_FAILURES_PER_ADDRESS: "10", EXPORT_DIR: "/srv/xuat", SESSION_SECRET: "a".repeat(32) });
  expect(config.limits.address).toEqual({ max: 20, windowMs: 60_000 });
  expect(config.limits.signInFailuresPerAddress).toEqual({ max: 10, windowMs: 600_000 });
  expect(config.exports).toEqual({ dir: "/srv/xuat", retentionDays: 7 });
  expect(config.retention.personalDataDays).toBeNull();
  expect(config.secrets).toEqual({ session: "a".repeat(32), captcha: null });
  expect(config.redisUrl).toBeNull();
});

it("refuses a bad environment at start-up with a message naming the variable", () => {
  expect(buildConfig({}).seedDemo).toBe("auto");
  expect(() => buildConfig({ SEED_DEMO: "yes" })).toThrow(/SEED_DEMO/);
  expect(() => buildConfig({ DATABASE_URL: "mongodb://x" })).toThrow(/DATABASE_URL/);
  expect(buildConfig({}).server.port).toBe(3000);
  expect(buildConfig({ PAGE_CACHE_SECONDS: "0" }).server.pageCacheSeconds).toBe(0);
  expect(() => buildConfig({ PORT: "http" })).toThrow(/PORT/);
});

it("holds the email and search settings too, with their rules between variables checked at the same start", () => {
  expect(() => loadConfig({ SMTP_HOST: "smtp.example.vn" })).toThrow(/^Cấu hình không hợp lệ — PUBLIC_URL: bắt buộc khi đã cấu hình SMTP/);
  expect(() => loadConfig({ MEILI_INDEX: "gopy" })).toThrow(/^Cấu hình không hợp lệ — MEILI_INDEX: không có tác dụng khi chưa đặt MEILI_HOST/);
  expect(() => buildConfig({ SEARCH_ENGINE: "postgres" })).toThrow(
    /^Cấu hình không hợp lệ — SEARCH_ENGINE: postgres chỉ dùng được khi DATABASE_URL là một cơ sở dữ liệu PostgreSQL/,
  );
  expect(() => buildConfig({ SEARCH_ENGINE: "meilisearch" })).toThrow(/SEARCH_ENGINE: cần đặt MEILI_HOST/);
  expect(() => buildConfig({ SEARCH_ENGINE: "postgres", DATABASE_URL: "postgresql://u@h/d", MEILI_HOST: "http://127.0.0.1:7700" })).toThrow(
    /MEILI_HOST: không có tác dụng khi SEARCH_ENGINE=postgres/,
  );
  expect(buildConfig({ SEARCH_ENGINE: "postgres", DATABASE_URL: "postgresql://u@h/d" }).search).toEqual({ engine: "postgres", typos: true });
  expect(buildConfig({ SEARCH_ENGINE: "postgres", SEARCH_TYPOS: "off", DATABASE_URL: "postgresql://u@h/d" }).search).toEqual({
    engine: "postgres",
    typos: false,
  });
  expect(buildConfig({ MEILI_HOST: "http://127.0.0.1:7700" }).search.engine).toBe("meilisearch");
  expect(() => loadConfig({ DATABASE_URL: "mysql://u:bi-mat@h/d" })).toThrow(/^Cấu hình không hợp lệ — DATABASE_URL: cần bắt đầu bằng file:/);
  expect(() => loadConfig({ DATABASE_URL: "mysql://u:bi-mat@h/d" })).not.toThrow(/bi-mat/);
  const loaded = loadConfig({ SMTP_HOST: "smtp.example.vn", PUBLIC_URL: "https://gopy.example.vn/", MEILI_HOST: "http://127.0.0.1:7700" });
  expect(loaded.nodeEnv).toBe("production");
  expect(loaded.mail).toMatchObject({ smtp: { host: "smtp.example.vn", port: 587 }, publicUrl: "https://gopy.example.vn" });
  expect(loaded.search).toEqual({ engine: "meilisearch", host: "http://127.0.0.1:7700", apiKey: undefined, indexUid: undefined });
  expect(buildConfig({}).mail).toBeNull();
  expect(buildConfig({}).search).toEqual({ engine: "embedded" });
});

// The other mentions of process.env in the app, the search engine and the server, each for a reason that is not reading a setting.
const ENV_MENTIONS: Record<string, string> = {
  "app/platform/config.server.ts": "the one reader",
  "app/backup/postgres-tools.server.ts": "hands the environment (PATH, locale) on to pg_dump and pg_restore, with libpq's variables added",
  "server/index.js": "sets NODE_ENV's default before React and Remix are loaded (they read it when imported)",
};

it("is the only module of app/, search/ and server/ that reads process.env", () => {
  const files = [...sourceFiles("app"), ...sourceFiles("search"), ...sourceFiles("server")];
  expect(files.length).toBeGreaterThan(100);
  const readers = files.filter((path) => /\bprocess\.env\b/.test(readFileSync(join(ROOT, path), "utf8")));
  expect(readers.sort()).toEqual(Object.keys(ENV_MENTIONS).sort());
});
