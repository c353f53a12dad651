// The Redis the tests use: TEST_REDIS_URL, else the local one; `SKIP_REDIS=1` leaves those tests out
// (CI never sets it). Each test keeps its keys under a prefix of its own and removes them.
import { RateLimiter, RedisLimiter } from "~/platform/rate-limit.server.ts";
import { connectRedis, type Redis } from "~/platform/redis.server.ts";
import { uniqueName } from "./databases.ts";

export const redisEnabled = process.env.SKIP_REDIS !== "1";
export const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A connected client (waits for the connection). */
export async function connectedRedis(url = testRedisUrl): Promise<Redis> {
  const client = connectRedis(url);
  const deadline = Date.now() + 5_000;
  while (!client.isReady) {
    if (Date.now() > deadline) throw new Error(`Redis at ${url} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return client;
}

/** Limiters as on several app servers: one client and one memory fallback each, one key prefix. */
export async function sharedLimiters(servers: number) {
  const prefix = `${uniqueName("gopy-test")}:`;
  const clients = await Promise.all(Array.from({ length: servers }, () => connectedRedis()));
  const limiters = clients.map((client) => new RedisLimiter(client, new RateLimiter(), prefix));
  const keys = async () => {
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = (await clients[0].sendCommand(["SCAN", cursor, "MATCH", `${prefix}*`, "COUNT", "1000"])) as [string, string[]];
      found.push(...batch);
      cursor = next;
    } while (cursor !== "0");
    return found;
  };
  const close = async () => {
    const left = await keys();
    if (left.length > 0) await clients[0].sendCommand(["DEL", ...left]);
    for (const client of clients) client.destroy();
  };
  return { limiters, keys, close };
}
