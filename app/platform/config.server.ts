import { z } from "zod";
import { resolveDatabaseTarget } from "./database-url.ts";
import { blankToUndefined, isBaseUrl } from "./env-values.ts";
import { existingSingleton, setSingleton } from "./singleton.server.ts";

// The one configuration of the app and its HTTP server (ADR 028): every variable in one zod schema,
// validated once at start (server/index.js calls loadConfig through the build before it listens), a
// bad value stopping the start with a Vietnamese message naming the variable. Code reads the typed
// result through config(); tests build one from an object of their own with buildConfig(). The email
// (SMTP_*, MAIL_FROM) and search (MEILI_*) settings have cross-field rules kept by their owners
// (app/notifications/mail-config.server.ts, search/runtime.server.ts), checked at the same start.

type Source = Record<string, string | undefined>;

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const days = z.coerce.number().positive().max(3650);
const positive = (fallback: number) => z.preprocess(blankToUndefined, z.coerce.number().positive().default(fallback));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  // Server (server/index.js)
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** How long a public page is served from memory before it is rendered again; 0 turns the cache off. */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(2),
  REQUEST_LOG: z.enum(["on", "off"]).default("on"),
  /** Express "trust proxy" value (e.g. "loopback", "1", "10.0.0.0/8") when behind a reverse proxy; unset: the socket's address. */
  TRUST_PROXY: optional(z.string()),
  /** Worker processes sharing the port (node:cluster); 1 runs the server in this process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Largest request body accepted, in bytes (a comment form is a few kilobytes). */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  /** Largest staff upload (conference files, organization CSV), in bytes; the pages check the file itself. */
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(11 * 1024 * 1024),
  PUBLIC_URL: optional(z.string().trim().refine(isBaseUrl, "cần một địa chỉ http(s) không có truy vấn, ví dụ https://gopy.example.vn")),
  COOKIE_SECURE: optional(z.enum(["0", "1"])),
  // Database
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        resolveDatabaseTarget(value);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      }
    }),
  /** Demo consultations on start: `auto` only on the embedded SQLite default, `always`, or `never`. */
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  // Redis (ADR 022)
  REDIS_URL: optional(z.string().trim().regex(/^rediss?:\/\/[^\s]+$/, "cần dạng redis://máy:cổng (hoặc rediss:// khi dùng TLS)")),
  // Limits (ADR 007)
  RATE_LIMIT_WINDOW_SECONDS: positive(600),
  RATE_LIMIT_PER_ADDRESS: positive(20),
  RATE_LIMIT_PER_CONTACT: positive(5),
  RATE_LIMIT_NO_SCRIPT_PER_ADDRESS: positive(5),
  SIGN_IN_FAILURES_PER_ADDRESS: positive(30),
  // Exports and retention (ADR 020, 027)
  EXPORT_DIR: optional(z.string()),
  /** Days an export file (personal data) is kept before it is deleted. */
  EXPORT_RETENTION_DAYS: z.preprocess(blankToUndefined, days.default(7)),
  /** Days after a consultation closes that its opinions' contact details are kept; unset: kept. */
  PERSONAL_DATA_RETENTION_DAYS: optional(days),
  // Consultations (ADR 034)
  /** How often the background job looks for consultations to open or close (it also wakes at the next time it knows of). */
  CONSULTATION_SCHEDULE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().min(1).max(3600).default(30)),
  // Secrets: unset, each is made once and kept in the Setting table.
  SESSION_SECRET: optional(z.string()),
  CAPTCHA_SECRET: optional(z.string()),
});

export type Env = z.infer<typeof schema>;
export type Config = ReturnType<typeof shape>;

function shape(env: Env) {
  const windowMs = env.RATE_LIMIT_WINDOW_SECONDS * 1000;
  return {
    env,
    nodeEnv: env.NODE_ENV,
    server: {
      port: env.PORT,
      host: env.HOST,
      pageCacheSeconds: env.PAGE_CACHE_SECONDS,
      requestLog: env.REQUEST_LOG === "on",
      trustProxy: env.TRUST_PROXY,
      webConcurrency: env.WEB_CONCURRENCY,
      maxBodyBytes: env.MAX_BODY_BYTES,
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      publicUrl: env.PUBLIC_URL?.replace(/\/+$/, "") ?? null,
      cookieSecure: env.COOKIE_SECURE === "1",
    },
    databaseUrl: env.DATABASE_URL,
    seedDemo: env.SEED_DEMO,
    redisUrl: env.REDIS_URL ?? null,
    limits: {
      address: { max: env.RATE_LIMIT_PER_ADDRESS, windowMs },
      contact: { max: env.RATE_LIMIT_PER_CONTACT, windowMs },
      /** Stricter for forms sent without a captcha solution (browsers without JavaScript). */
      noScriptAddress: { max: env.RATE_LIMIT_NO_SCRIPT_PER_ADDRESS, windowMs },
      signInFailuresPerAddress: { max: env.SIGN_IN_FAILURES_PER_ADDRESS, windowMs: 10 * 60 * 1000 },
    },
    exports: { dir: env.EXPORT_DIR ?? "data/exports", retentionDays: env.EXPORT_RETENTION_DAYS },
    retention: { personalDataDays: env.PERSONAL_DATA_RETENTION_DAYS ?? null },
    consultationScheduleMs: env.CONSULTATION_SCHEDULE_SECONDS * 1000,
    secrets: { session: env.SESSION_SECRET ?? null, captcha: env.CAPTCHA_SECRET ?? null },
  };
}

/** zod's messages in Vietnamese, saying what is expected (never the value given: it may be a secret). */
const vietnamese: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `chỉ nhận một trong các giá trị ${issue.options.map((o) => `"${String(o)}"`).join(", ")}` };
    case z.ZodIssueCode.invalid_type:
      return { message: issue.expected === "number" ? "cần một số" : `cần một giá trị kiểu ${issue.expected}` };
    case z.ZodIssueCode.too_small:
      return { message: issue.type === "string" ? `cần ít nhất ${issue.minimum} ký tự` : `cần một số ${issue.inclusive ? "từ" : "lớn hơn"} ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      return { message: `cần một số ${issue.inclusive ? "không quá" : "nhỏ hơn"} ${issue.maximum}` };
    case z.ZodIssueCode.not_finite:
      return { message: "cần một số" };
    case z.ZodIssueCode.invalid_string:
      return { message: "không đúng dạng" };
    default:
      return { message: ctx.defaultError };
  }
};

/** A configuration from `source`; throws a Vietnamese message naming each variable at fault (never its value). */
export function buildConfig(source: Source): Config {
  const parsed = schema.safeParse(source, { errorMap: vietnamese });
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Cấu hình không hợp lệ — ${details}. Hãy sửa các biến môi trường này rồi khởi động lại.`);
  }
  return shape(parsed.data);
}

/** Validates the process's environment once (at start) and keeps the result for config(). */
export function loadConfig(source: Source = process.env): Config {
  const built = buildConfig(source);
  setSingleton("config", built);
  return built;
}

/** The configuration loaded at start; scripts and tests that did not load one get the environment's. */
export function config(): Config {
  return existingSingleton<Config>("config") ?? loadConfig();
}
