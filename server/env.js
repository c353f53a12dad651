// The server's own settings, validated once at start-up: a bad value stops it with a clear message.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** How long a public page is served from memory before it is rendered again; 0 turns the cache off. */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(2),
  REQUEST_LOG: z.enum(["on", "off"]).default("on"),
  /** Express "trust proxy" value (e.g. "loopback", "1", "10.0.0.0/8") when behind a reverse proxy; unset: the socket's address. */
  TRUST_PROXY: z.string().optional(),
  /** Worker processes sharing the port (node:cluster); 1 runs the server in this process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Largest request body accepted, in bytes (a comment form is a few kilobytes). */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  /** Largest staff upload (conference files, organization CSV), in bytes; the pages check the file itself. */
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(11 * 1024 * 1024),
  /** Days an export file (personal data) is kept before it is deleted (app/reports/export/jobs.server.ts). */
  EXPORT_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(7),
  /** Days after a consultation closes that its opinions' contact details are kept (app/personal-data/retention.server.ts); unset: kept. */
  PERSONAL_DATA_RETENTION_DAYS: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.coerce.number().positive().max(3650).optional()),
});

/** @param {Record<string, string | undefined>} [source] */
export function readServerEnv(source = process.env) {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid server environment: ${details}`);
  }
  return parsed.data;
}
