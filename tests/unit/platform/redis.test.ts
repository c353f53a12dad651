import { expect, it } from "vitest";
import { readRedisUrl } from "~/platform/redis.server.ts";

it("reads REDIS_URL: unset or blank is none, a redis:// or rediss:// address is kept, anything else stops the start", () => {
  expect(readRedisUrl({})).toBeNull();
  expect(readRedisUrl({ REDIS_URL: "  " })).toBeNull();
  expect(readRedisUrl({ REDIS_URL: "redis://127.0.0.1:6379/2" })).toBe("redis://127.0.0.1:6379/2");
  expect(readRedisUrl({ REDIS_URL: "rediss://user:secret@cache.internal:6380" })).toBe("rediss://user:secret@cache.internal:6380");
  expect(() => readRedisUrl({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/REDIS_URL/);
  const message = (() => {
    try {
      readRedisUrl({ REDIS_URL: "http://user:secret@host" });
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(message).toContain("REDIS_URL");
  expect(message).not.toContain("secret"); // the message names the variable, never its value
});
