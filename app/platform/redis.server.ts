import { createClient } from "redis";
import { z } from "zod";
import { blankToUndefined } from "./env-values.ts";
import { singleton } from "./singleton.server.ts";

// Redis, when REDIS_URL names one: the rate limits' shared counts (ADR 022). Never required: without
// it, or while it is away, each process counts in its own memory.

/** What the app uses of a client. */
export interface Redis {
  readonly isReady: boolean;
  sendCommand(args: string[]): Promise<unknown>;
  /** Stops reconnecting and drops the connection. */
  destroy(): void;
}

const schema = z.object({
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), "expected redis://host:port (or rediss:// for TLS)")
      .optional(),
  ),
});

/** The Redis address the environment gives, or null. Throws a message naming the variable (never its value). */
export function readRedisUrl(source: Record<string, string | undefined> = process.env): string | null {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Cấu hình Redis không hợp lệ / Invalid REDIS_URL: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data.REDIS_URL ?? null;
}

/**
 * A client that connects in the background and keeps reconnecting. Commands sent while it is not
 * connected fail at once (no offline queue), so a caller can fall back instead of waiting.
 */
export function connectRedis(url: string): Redis {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  let lastComplaint = 0;
  client.on("error", (error: Error) => {
    if (Date.now() - lastComplaint < 60_000) return;
    lastComplaint = Date.now();
    console.error(`Redis: ${error.message}`);
  });
  client.on("ready", () => console.log(`Redis: đã kết nối ${new URL(url).host} (giới hạn tần suất dùng chung giữa các máy chủ)`));
  client.connect().catch(() => undefined); // reported through "error"; reconnects on its own
  return client;
}

/** The process's Redis client when REDIS_URL is set, else null. */
export function redisClient(): Redis | null {
  return singleton("redis", () => {
    const url = readRedisUrl();
    return url ? connectRedis(url) : null;
  });
}
