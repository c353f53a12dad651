import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter, RedisLimiter } from "~/platform/rate-limit.server.ts";
import { connectRedis } from "~/platform/redis.server.ts";
import { connectedRedis, redisEnabled, sharedLimiters } from "../../support/redis.ts";

const limit = { max: 3, windowMs: 60_000 };
const T0 = 1_000_000 * 60_000; // the start of a window

describe.skipIf(!redisEnabled)("rate limits shared through Redis", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("counts the hits of every app server against one limit", async () => {
    const shared = await sharedLimiters(2);
    close = shared.close;
    const [a, b] = shared.limiters;
    expect([await a.hit("contact:x", limit, T0 + 1), await b.hit("contact:x", limit, T0 + 2), await a.hit("contact:x", limit, T0 + 3)]).toEqual([0, 0, 0]);
    const wait = await b.hit("contact:x", limit, T0 + 4);
    const local = new RateLimiter();
    for (let i = 1; i <= 3; i++) local.hit("contact:x", limit, T0 + i);
    expect(wait).toBe(local.hit("contact:x", limit, T0 + 4));
    expect(wait).toBeGreaterThan(0);
    expect(await a.check("contact:x", limit, T0 + 5)).toBeGreaterThan(0);
    expect(await a.hit("contact:y", limit, T0 + 5)).toBe(0); // other keys are not affected
  });

  it("answers as the in-memory limiter does, hit for hit, as the window slides", async () => {
    const shared = await sharedLimiters(1);
    close = shared.close;
    const [redis] = shared.limiters;
    const local = new RateLimiter();
    const times = [0, 1, 2, 3, 30_000, 59_999, 60_000, 75_000, 90_000, 90_001, 90_002, 119_999, 150_000, 180_000, 180_001, 240_001, 300_000];
    for (const t of times) {
      expect([t, await redis.check("a", limit, T0 + t)]).toEqual([t, local.check("a", limit, T0 + t)]);
      expect([t, await redis.hit("a", limit, T0 + t)]).toEqual([t, local.hit("a", limit, T0 + t)]);
    }
  });

  it("hitAll counts on every key or on none, as the in-memory limiter does", async () => {
    const shared = await sharedLimiters(1);
    close = shared.close;
    const [redis] = shared.limiters;
    const local = new RateLimiter();
    const small = { max: 1, windowMs: 60_000 };
    const hits = [
      { key: "contact:a", limit },
      { key: "address:x", limit: small },
    ];
    for (const t of [0, 1, 2, 60_000, 90_000, 130_000]) {
      expect([t, await redis.hitAll(hits, T0 + t)]).toEqual([t, local.hitAll(hits, T0 + t)]);
      expect([t, await redis.hitAll(hits.slice(0, 1), T0 + t + 1)]).toEqual([t, local.hitAll(hits.slice(0, 1), T0 + t + 1)]);
    }
  });

  it("lets exactly the limit through when two servers are hit at the same moment", async () => {
    const shared = await sharedLimiters(2);
    close = shared.close;
    const flood = { max: 10, windowMs: 60_000 };
    const waits = await Promise.all(Array.from({ length: 60 }, (_, i) => shared.limiters[i % 2].hit("address:203.0.113.9", flood, T0 + 10)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
  });

  it("keeps no email or address in Redis, only hashes, and lets them expire", async () => {
    const shared = await sharedLimiters(1);
    close = shared.close;
    const now = Date.now();
    await shared.limiters[0].hit("contact:ngoc.tran@example.vn", limit, now);
    await shared.limiters[0].hit("address:203.0.113.7", limit, now);
    const keys = await shared.keys();
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).not.toMatch(/example|203\.0/);
    const client = await connectedRedis();
    try {
      const ttl = Number(await client.sendCommand(["PTTL", keys[0]]));
      expect(ttl).toBeGreaterThan(60_000);
      expect(ttl).toBeLessThanOrEqual(120_000);
    } finally {
      client.destroy();
    }
  });
});

it("counts in the server's own memory, at once, while Redis does not answer", async () => {
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  const client = connectRedis("redis://127.0.0.1:1"); // nothing listens there
  try {
    const limiter = new RedisLimiter(client, new RateLimiter());
    const started = performance.now();
    expect([await limiter.hit("a", limit, T0), await limiter.hit("a", limit, T0), await limiter.hit("a", limit, T0)]).toEqual([0, 0, 0]);
    expect(await limiter.hit("a", limit, T0)).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(errors.some((e) => String(e).includes("tự đếm trong bộ nhớ"))).toBe(true);
  } finally {
    client.destroy();
    console.error = original;
  }
});
