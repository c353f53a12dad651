import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import type { MailConfig } from "~/platform/config.server.ts";

// The email settings are read with the rest of the configuration (app/platform/config.server.ts,
// `config().mail`); this makes the connection they describe. README: "Thư báo kết quả (SMTP)".

export interface TransportOptions {
  /** Keep connections open and reuse them (default); false: a new connection per message. */
  pool?: boolean;
  /** Connections the pool opens at most; default 4. */
  maxConnections?: number;
}

/**
 * A nodemailer transport for the settings, with timeouts well inside the outbox's lease. Pooled by
 * default (ADR 062): a few connections, each reopened after 100 messages; `close()` ends them.
 */
export function createMailTransport(config: MailConfig, { pool = true, maxConnections = 4 }: TransportOptions = {}): Transporter {
  const options: SMTPPool.Options = {
    ...config.smtp,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
  if (!pool) return nodemailer.createTransport({ ...options, pool: false });
  return nodemailer.createTransport({ ...options, pool: true, maxConnections, maxMessages: 100 });
}
