import { z } from "zod";
import { databaseUrlProblem, resolveDatabaseTarget, type DatabaseTarget } from "./database-url.ts";
import { blankToUndefined, isBaseUrl, isHttpUrl } from "./env-values.ts";
import { existingSingleton, setSingleton } from "./singleton.server.ts";
import { DEFAULT_MAIL_FROM, isMailbox, smtpFromParts, smtpFromUrl, smtpUrlError, type MailConfig } from "./smtp-settings.ts";

// The one configuration of the app and its HTTP server (ADR 028): every variable in one zod schema,
// the email and search settings included, validated once at start (server/index.js calls loadConfig
// through the build before it listens; prisma/setup.ts before the migrations), a bad value stopping the
// start with a Vietnamese message naming the variable. Code reads the typed result through config();
// tests build one from an object of their own with buildConfig(). No other module of app/, search/ or
// server/ reads a setting from process.env (tests/unit/config.test.ts).

type Source = Record<string, string | undefined>;
export type { MailConfig };

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const optionalText = optional(z.string().trim());
const days = z.coerce.number().positive().max(3650);
const positive = (fallback: number) => z.preprocess(blankToUndefined, z.coerce.number().positive().default(fallback));

const fields = z.object({
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
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  /** Largest staff upload (conference files, organization CSV), in bytes; the pages check the file itself. */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(11 * 1024 * 1024),
  PUBLIC_URL: optional(z.string().trim().refine(isBaseUrl, "cần một địa chỉ http(s) không có truy vấn, ví dụ https://gopy.example.vn")),
  COOKIE_SECURE: optional(z.enum(["0", "1"])),
  // Database
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const problem = databaseUrlProblem(value);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  /** Group commit of submissions (ADR 055): how long a write waits for others to share its commit, in ms; 0 turns it off. */
  GROUP_COMMIT_MS: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(50).default(2)),
  /** Writes committed together at most (ADR 055). */
  GROUP_COMMIT_MAX: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(64)),
  /** Demo consultations on start: `auto` only on the embedded SQLite default, `always`, or `never`. */
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  // Redis (ADR 022)
  REDIS_URL: optional(
    z
      .string()
      .trim()
      .regex(/^rediss?:\/\/[^\s]+$/, "cần dạng redis://máy:cổng (hoặc rediss:// khi dùng TLS)"),
  ),
  // Limits (ADR 007)
  RATE_LIMIT_WINDOW_SECONDS: positive(600),
  RATE_LIMIT_PER_ADDRESS: positive(20),
  RATE_LIMIT_PER_CONTACT: positive(5),
  RATE_LIMIT_NO_SCRIPT_PER_ADDRESS: positive(5),
  // Supports (đồng tình) of published opinions, ADR 046
  RATE_LIMIT_SUPPORTS_PER_ADDRESS: positive(60),
  RATE_LIMIT_SUPPORTS_PER_CONTACT: positive(30),
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
  // Background jobs (ADR 029, 052)
  /** How long a background job's lease lasts unrenewed (renewed every third of it): a dead server's jobs move after this. */
  JOB_LEASE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().min(1).max(600).default(30)),
  // Secrets: unset, each is made once and kept in the Setting table.
  SESSION_SECRET: optional(z.string()),
  CAPTCHA_SECRET: optional(z.string()),
  // Email (ADR 011): without SMTP_URL or SMTP_HOST nothing is queued or sent.
  SMTP_URL: optionalText,
  SMTP_HOST: optionalText,
  SMTP_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optional(z.string()),
  SMTP_SECURE: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["true", "false", "1", "0", "yes", "no"]).optional(),
  ),
  MAIL_FROM: optionalText,
  // Search (ADR 013, 014, 051): SEARCH_ENGINE chooses; unset, MEILI_HOST set → Meilisearch, otherwise the embedded engine.
  SEARCH_ENGINE: optional(z.enum(["embedded", "postgres", "meilisearch"])),
  // The PostgreSQL engine's typo tolerance (pg_trgm when the database has it): on by default.
  SEARCH_TYPOS: z.enum(["on", "off"]).default("on"),
  MEILI_HOST: optional(z.string().trim().refine(isHttpUrl, "cần địa chỉ http(s) của máy chủ, ví dụ http://127.0.0.1:7700")),
  MEILI_API_KEY: optionalText,
  MEILI_INDEX: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, "chỉ gồm chữ cái không dấu, chữ số, - và _ (tên chỉ mục Meilisearch)"),
  ),
});

export type Env = z.infer<typeof fields>;

/** The rules between variables: the email settings hang together, the search key and index need a host. */
function crossFieldRules(env: Env, ctx: z.RefinementCtx) {
  const issue = (path: keyof Env, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  for (const key of ["MEILI_API_KEY", "MEILI_INDEX"] as const) {
    if (env[key] !== undefined && !env.MEILI_HOST) issue(key, "không có tác dụng khi chưa đặt MEILI_HOST");
  }
  if (env.SEARCH_ENGINE === "meilisearch" && !env.MEILI_HOST) issue("SEARCH_ENGINE", "cần đặt MEILI_HOST (địa chỉ máy chủ Meilisearch) khi chọn meilisearch");
  if (env.MEILI_HOST && env.SEARCH_ENGINE && env.SEARCH_ENGINE !== "meilisearch") {
    issue("MEILI_HOST", `không có tác dụng khi SEARCH_ENGINE=${env.SEARCH_ENGINE}: hãy bỏ biến này hoặc chọn SEARCH_ENGINE=meilisearch`);
  }
  if (env.SEARCH_ENGINE === "postgres" && !databaseUrlProblem(env.DATABASE_URL) && resolveDatabaseTarget(env.DATABASE_URL).provider !== "postgresql") {
    issue("SEARCH_ENGINE", "postgres chỉ dùng được khi DATABASE_URL là một cơ sở dữ liệu PostgreSQL (postgresql://…); với SQLite hãy dùng embedded");
  }
  if (env.SMTP_URL && env.SMTP_HOST) issue("SMTP_URL", "chỉ đặt một trong hai biến SMTP_URL và SMTP_HOST");
  const parts = (["SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_SECURE"] as const).filter((key) => env[key] !== undefined);
  if (env.SMTP_URL) {
    const error = smtpUrlError(env.SMTP_URL);
    if (error) issue("SMTP_URL", error);
    for (const key of parts) issue(key, "không dùng cùng SMTP_URL: hãy ghi nó trong SMTP_URL");
  } else if (!env.SMTP_HOST) {
    for (const key of parts) issue(key, "không có tác dụng khi chưa đặt SMTP_HOST");
    return;
  }
  if (env.SMTP_HOST && (env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
    issue(env.SMTP_USER === undefined ? "SMTP_USER" : "SMTP_PASSWORD", "SMTP_USER và SMTP_PASSWORD phải đặt cùng nhau");
  }
  if (env.MAIL_FROM && !isMailbox(env.MAIL_FROM)) {
    issue("MAIL_FROM", 'cần một địa chỉ thư, ví dụ "Góp ý dự thảo <khong-tra-loi@gopy.example.vn>"');
  }
  if (!env.PUBLIC_URL) issue("PUBLIC_URL", "bắt buộc khi đã cấu hình SMTP (địa chỉ gốc cho các liên kết trong thư, ví dụ https://gopy.example.vn)");
}

const schema = fields.superRefine(crossFieldRules);

export type Config = ReturnType<typeof shape>;

/** The search settings as given; search/runtime.server.ts turns them into its engine's (with the default index). */
export type SearchSettings =
  { engine: "embedded" } | { engine: "postgres"; typos?: boolean } | { engine: "meilisearch"; host: string; apiKey?: string; indexUid?: string };

/** The email settings, or null when SMTP is not configured (then nothing is queued or sent). */
function mailSettings(env: Env): MailConfig | null {
  if (!env.SMTP_URL && !env.SMTP_HOST) return null;
  return {
    smtp: env.SMTP_URL ? smtpFromUrl(env.SMTP_URL) : smtpFromParts(env),
    from: (env.MAIL_FROM ?? DEFAULT_MAIL_FROM).normalize("NFC"),
    publicUrl: env.PUBLIC_URL!.replace(/\/+$/, ""),
  };
}

function searchSettings(env: Env): SearchSettings {
  if (env.SEARCH_ENGINE === "postgres") return { engine: "postgres", typos: env.SEARCH_TYPOS === "on" };
  if (!env.MEILI_HOST || env.SEARCH_ENGINE === "embedded") return { engine: "embedded" };
  return { engine: "meilisearch", host: env.MEILI_HOST.replace(/\/+$/, ""), apiKey: env.MEILI_API_KEY, indexUid: env.MEILI_INDEX };
}

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
    groupCommit: { windowMs: env.GROUP_COMMIT_MS, maxBatch: env.GROUP_COMMIT_MAX },
    seedDemo: env.SEED_DEMO,
    redisUrl: env.REDIS_URL ?? null,
    limits: {
      address: { max: env.RATE_LIMIT_PER_ADDRESS, windowMs },
      contact: { max: env.RATE_LIMIT_PER_CONTACT, windowMs },
      /** Stricter for forms sent without a captcha solution (browsers without JavaScript). */
      noScriptAddress: { max: env.RATE_LIMIT_NO_SCRIPT_PER_ADDRESS, windowMs },
      /** Supports (đồng tình) per address and per contact; without a captcha solution, noScriptAddress too (ADR 046). */
      supportAddress: { max: env.RATE_LIMIT_SUPPORTS_PER_ADDRESS, windowMs },
      supportContact: { max: env.RATE_LIMIT_SUPPORTS_PER_CONTACT, windowMs },
      signInFailuresPerAddress: { max: env.SIGN_IN_FAILURES_PER_ADDRESS, windowMs: 10 * 60 * 1000 },
    },
    exports: { dir: env.EXPORT_DIR ?? "data/exports", retentionDays: env.EXPORT_RETENTION_DAYS },
    retention: { personalDataDays: env.PERSONAL_DATA_RETENTION_DAYS ?? null },
    consultationScheduleMs: env.CONSULTATION_SCHEDULE_SECONDS * 1000,
    jobLeaseMs: env.JOB_LEASE_SECONDS * 1000,
    secrets: { session: env.SESSION_SECRET ?? null, captcha: env.CAPTCHA_SECRET ?? null },
    mail: mailSettings(env),
    search: searchSettings(env),
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

/** The database of the configuration (DATABASE_URL). */
export function configuredDatabase(): DatabaseTarget {
  return resolveDatabaseTarget(config().databaseUrl);
}
