import { z } from "zod";
import { resolveDatabaseTarget } from "./database-url.ts";

// The app's settings, validated at first use; the HTTP server's own are in server/env.js.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
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
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${details}`);
  }
  return parsed.data;
}
