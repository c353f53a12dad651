import { expect, it } from "vitest";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";

const limit = { max: 3, windowMs: 60_000 };

it("lets a key through up to the limit, then says how long to wait", () => {
  const limiter = new RateLimiter();
  const t0 = 1_000_000 * 60_000; // the start of a window
  expect([1, 2, 3].map((i) => limiter.hit("a", limit, t0 + i))).toEqual([0, 0, 0]);
  const wait = limiter.hit("a", limit, t0 + 10);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(120);
  expect(limiter.hit("b", limit, t0 + 10)).toBe(0); // other keys are not affected
});

it("forgets old hits as the window slides", () => {
  const limiter = new RateLimiter();
  const t0 = 1_000_000 * 60_000;
  for (let i = 0; i < 3; i++) limiter.hit("a", limit, t0 + i);
  // Half-way into the next window, half of the 3 earlier hits still count: 1.5 + 2 new ones reach 3.
  expect(limiter.hit("a", limit, t0 + 90_000)).toBe(0);
  expect(limiter.hit("a", limit, t0 + 90_001)).toBe(0);
  expect(limiter.hit("a", limit, t0 + 90_002)).toBeGreaterThan(0);
  // Two windows later nothing is left.
  expect(limiter.hit("a", limit, t0 + 180_000)).toBe(0);
  expect(limiter.hit("a", limit, t0 + 180_001)).toBe(0);
});

it("check does not count a hit", () => {
  const limiter = new RateLimiter();
  for (let i = 0; i < 10; i++) expect(limiter.check("a", limit, 5)).toBe(0);
});

it("reads limits from the environment, with safe defaults; a value that is not a positive number stops the start", () => {
  expect(readLimits({}).contact).toEqual({ max: 5, windowMs: 600_000 });
  expect(readLimits({ RATE_LIMIT_PER_ADDRESS: "100", RATE_LIMIT_WINDOW_SECONDS: "60" }).address).toEqual({ max: 100, windowMs: 60_000 });
  expect(() => readLimits({ RATE_LIMIT_PER_ADDRESS: "abc" })).toThrow(/RATE_LIMIT_PER_ADDRESS: cần một số/);
});

it("hitAll counts a hit on every key, or on none when one of them is over its limit", () => {
  const limiter = new RateLimiter();
  const t0 = 1_000_000 * 60_000;
  const small = { max: 1, windowMs: 60_000 };
  expect(
    limiter.hitAll(
      [
        { key: "contact:a", limit },
        { key: "address:x", limit: small },
      ],
      t0,
    ),
  ).toEqual({ wait: 0, estimates: [1, 1] });
  const refused = limiter.hitAll(
    [
      { key: "contact:a", limit },
      { key: "address:x", limit: small },
    ],
    t0 + 1,
  );
  expect(refused.wait).toBeGreaterThan(0);
  expect(refused.estimates).toEqual([]);
  // The refused hit was not counted on the contact either.
  expect(limiter.hitAll([{ key: "contact:a", limit }], t0 + 2)).toEqual({ wait: 0, estimates: [2] });
});
