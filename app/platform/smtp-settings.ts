// The email settings' pieces for the one configuration (app/platform/config.server.ts): reading SMTP_URL
// or the SMTP_HOST variables into what nodemailer needs, and the checks their messages come from.
// README: "Thư báo kết quả (SMTP)".

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

/** Why SMTP_URL cannot be used, in Vietnamese; null when it can. */
export function smtpUrlError(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "không phải một địa chỉ (cần dạng smtp://người-dùng:mật-khẩu@máy-chủ:587 hoặc smtps://…)";
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return "phải bắt đầu bằng smtp:// hoặc smtps://";
  if (!url.hostname) return "thiếu tên máy chủ";
  return null;
}

export function smtpFromUrl(value: string): SmtpSettings {
  const url = new URL(value);
  const secure = url.protocol === "smtps:";
  const settings: SmtpSettings = { host: unbracket(url.hostname), port: url.port ? Number(url.port) : secure ? 465 : 587, secure };
  if (url.username || url.password) {
    settings.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  }
  return settings;
}

export function smtpFromParts(env: { SMTP_HOST?: string; SMTP_PORT?: number; SMTP_USER?: string; SMTP_PASSWORD?: string; SMTP_SECURE?: string }): SmtpSettings {
  const secure = env.SMTP_SECURE === undefined ? env.SMTP_PORT === 465 : ["true", "1", "yes"].includes(env.SMTP_SECURE);
  const settings: SmtpSettings = { host: env.SMTP_HOST!, port: env.SMTP_PORT ?? (secure ? 465 : 587), secure };
  if (env.SMTP_USER !== undefined) settings.auth = { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" };
  return settings;
}

// IPv6 hosts come out of URL as "[::1]"; sockets want "::1".
const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, "$1");

/** "local@domain" or "Name <local@domain>", on one line (a line break would start a new header). */
export function isMailbox(value: string): boolean {
  return !/[\r\n]/.test(value) && /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(value);
}
