import { createClient } from "redis";
import { buildConfig, config } from "./config.server.ts";
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

/** The Redis address the configuration gives (REDIS_URL, checked at start), or null. */
export function readRedisUrl(source?: Record<string, string | undefined>): string | null {
  return (source ? buildConfig(source) : config()).redisUrl;
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
