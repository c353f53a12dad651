import nodemailer, { type SMTPTransportOptions, type Transporter } from "nodemailer";
import type { MailConfig } from "~/platform/config.server.ts";

// The email settings are read with the rest of the configuration (app/platform/config.server.ts,
// `config().mail`); this makes the connection they describe. README: "Thư báo kết quả (SMTP)".

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
