import { z } from "zod";

// process.env is validated once, at start-up; a bad value stops the server with a clear message.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Load the demo consultations on start when the database has none (default: only on the embedded SQLite). */
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  /** How long a rendered public page may be served from memory before it is rendered again. */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(2),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${details}`);
  }
  cached = parsed.data;
  return cached;
}
