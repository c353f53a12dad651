import nodemailer, { type SMTPTransportOptions, type Transporter } from "nodemailer";
import { z } from "zod";
import { blankToUndefined, isBaseUrl } from "~/platform/env-values.ts";

// Email settings, from the environment. Without SMTP_URL or SMTP_HOST the app sends no email and
// queues none; the author's private status link works either way. README: "Thư báo kết quả (SMTP)".

export const DEFAULT_MAIL_FROM = "Góp ý dự thảo <khong-tra-loi@localhost>";

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (smtps, usually port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

export interface MailConfig {
  smtp: SmtpSettings;
  /** The From header, e.g. "Góp ý dự thảo <khong-tra-loi@gopy.example.vn>". */
  from: string;
  /** Base URL of the site for links in emails, without a trailing slash. */
  publicUrl: string;
}

const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

const schema = z
  .object({
    SMTP_URL: optionalText,
    SMTP_HOST: optionalText,
    SMTP_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    SMTP_USER: optionalText,
    SMTP_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
    SMTP_SECURE: z.preprocess(
      (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
      z.enum(["true", "false", "1", "0", "yes", "no"]).optional(),
    ),
    MAIL_FROM: optionalText,
    PUBLIC_URL: optionalText,
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (env.SMTP_URL && env.SMTP_HOST) issue("SMTP_URL", "set SMTP_URL or SMTP_HOST, not both");
    const parts = (["SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD", "SMTP_SECURE"] as const).filter((key) => env[key] !== undefined);
    if (env.SMTP_URL) {
      const error = smtpUrlError(env.SMTP_URL);
      if (error) issue("SMTP_URL", error);
      for (const key of parts) issue(key, "not used with SMTP_URL: put it in the URL");
    } else if (!env.SMTP_HOST) {
      for (const key of parts) issue(key, "has no effect without SMTP_HOST");
      return;
    }
    if (env.SMTP_HOST && (env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
      issue(env.SMTP_USER === undefined ? "SMTP_USER" : "SMTP_PASSWORD", "SMTP_USER and SMTP_PASSWORD go together");
    }
    if (env.MAIL_FROM && !isMailbox(env.MAIL_FROM)) {
      issue("MAIL_FROM", 'expected an address, e.g. "Góp ý dự thảo <khong-tra-loi@gopy.example.vn>"');
    }
    if (!env.PUBLIC_URL) issue("PUBLIC_URL", "required when SMTP is configured (base URL for links in emails, e.g. https://gopy.example.vn)");
    else if (!isBaseUrl(env.PUBLIC_URL)) issue("PUBLIC_URL", "expected an http(s) URL without query or fragment, e.g. https://gopy.example.vn");
  });

/**
 * The email settings, or null when SMTP is not configured (then nothing is queued or sent).
 * Throws a message naming the variables at fault (never their values: they may hold a password).
 */
export function readMailConfig(source: Record<string, string | undefined> = process.env): MailConfig | null {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Cấu hình thư điện tử không hợp lệ / Invalid email settings: ${details}`);
  }
  const env = parsed.data;
  if (!env.SMTP_URL && !env.SMTP_HOST) return null;
  const smtp = env.SMTP_URL ? smtpFromUrl(env.SMTP_URL) : smtpFromParts(env);
  return {
    smtp,
    from: (env.MAIL_FROM ?? DEFAULT_MAIL_FROM).normalize("NFC"),
    publicUrl: env.PUBLIC_URL!.replace(/\/+$/, ""),
  };
}

/** A nodemailer transport for the settings, with timeouts well inside the outbox's lease. */
export function createMailTransport(config: MailConfig): Transporter {
  const options: SMTPTransportOptions = {
    ...config.smtp,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
  return nodemailer.createTransport(options);
}

function smtpUrlError(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not a URL (expected smtp://user:password@host:587 or smtps://…)";
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return "must start with smtp:// or smtps://";
  if (!url.hostname) return "has no host";
  return null;
}

function smtpFromUrl(value: string): SmtpSettings {
  const url = new URL(value);
  const secure = url.protocol === "smtps:";
  const settings: SmtpSettings = { host: unbracket(url.hostname), port: url.port ? Number(url.port) : secure ? 465 : 587, secure };
  if (url.username || url.password) {
    settings.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  }
  return settings;
}

function smtpFromParts(env: { SMTP_HOST?: string; SMTP_PORT?: number; SMTP_USER?: string; SMTP_PASSWORD?: string; SMTP_SECURE?: string }): SmtpSettings {
  const secure = env.SMTP_SECURE === undefined ? env.SMTP_PORT === 465 : ["true", "1", "yes"].includes(env.SMTP_SECURE);
  const settings: SmtpSettings = { host: env.SMTP_HOST!, port: env.SMTP_PORT ?? (secure ? 465 : 587), secure };
  if (env.SMTP_USER !== undefined) settings.auth = { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" };
  return settings;
}

// IPv6 hosts come out of URL as "[::1]"; sockets want "::1".
const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, "$1");

// "local@domain" or "Name <local@domain>", on one line (a line break would start a new header).
function isMailbox(value: string): boolean {
  return !/[\r\n]/.test(value) && /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(value);
}
