// Rate limits for comment submissions: per client address and per email/phone, each a sliding
// window counter kept in this process's memory, or in Redis when REDIS_URL is set so that several
// app servers count together (ADR 022). Limits come from the environment so a load test can raise
// them (docs/decisions/007-comment-abuse.md).

import { createHash } from "node:crypto";
import { redisClient, type Redis } from "~/platform/redis.server.ts";
import { singleton } from "~/platform/singleton.server.ts";
import { buildConfig, config } from "~/platform/config.server.ts";

export interface Limit {
  max: number;
  windowMs: number;
}

export function readLimits(source?: Record<string, string | undefined>) {
  const { address, contact, noScriptAddress } = (source ? buildConfig(source) : config()).limits;
  return { address, contact, noScriptAddress };
}

/** The limits of supports (đồng tình) of published opinions (ADR 046). */
export function readSupportLimits(source?: Record<string, string | undefined>) {
  const { supportAddress, supportContact, noScriptAddress } = (source ? buildConfig(source) : config()).limits;
  return { address: supportAddress, contact: supportContact, noScriptAddress };
}

/** Anything that counts hits: this process's RateLimiter, or the one shared through Redis. */
export interface Limiter {
  /** Records a hit unless over the limit; returns seconds to wait when over it, else 0. */
  hit(key: string, limit: Limit, now?: number): number | Promise<number>;
  /** Whether a hit would be refused, without recording one: seconds to wait, or 0. */
  check(key: string, limit: Limit, now?: number): number | Promise<number>;
  /**
   * A hit on every key, or on none when any of them is over its limit (all at once: one round trip to
   * Redis). `wait`: the longest wait, 0 when recorded; `estimates`: each key's count with this hit.
   */
  hitAll(hits: KeyedLimit[], now?: number): HitAll | Promise<HitAll>;
}

export type KeyedLimit = { key: string; limit: Limit };
export type HitAll = { wait: number; estimates: number[] };

/** The fixed window `now` falls in: windows start at multiples of the window's length. */
export const windowStart = (limit: Limit, now: number) => now - (now % limit.windowMs);

/** The sliding window's count: the current window's hits and the previous one's share that still overlaps. */
export function estimateOf(count: number, previous: number, limit: Limit, now: number): number {
  return previous * (1 - (now - windowStart(limit, now)) / limit.windowMs) + count;
}

/**
 * Seconds to wait before a hit fits, or 0: `count` hits in the current window, `previous` in the one
 * before, that one weighed by how much of it the sliding window still overlaps.
 */
export function waitSeconds(count: number, previous: number, limit: Limit, now: number): number {
  const start = windowStart(limit, now);
  const estimate = estimateOf(count, previous, limit, now);
  if (estimate < limit.max) return 0;
  // When the previous window's share has decayed enough (or the current window ends), a hit fits again.
  const needed = previous > 0 ? ((estimate - limit.max + 1) / previous) * limit.windowMs : start + limit.windowMs - now;
  return Math.max(1, Math.ceil(Math.min(needed, start + limit.windowMs - now + limit.windowMs) / 1000));
}

/**
 * Sliding-window counters: per key, the count of the current fixed window and of the previous
 * one; the estimate weighs the previous window by how much of it still overlaps the sliding one.
 * O(1) time and memory per key, however many requests a flood sends.
 */
export class RateLimiter implements Limiter {
  private windows = new Map<string, { start: number; count: number; previous: number }>();
  private lastSweep = 0;

  constructor(private readonly maxKeys = 200_000) {}

  /** Records a hit unless over the limit; returns seconds to wait when over it, else 0. */
  hit(key: string, limit: Limit, now = Date.now()): number {
    return this.hitAll([{ key, limit }], now).wait;
  }

  /** Whether a hit would be refused, without recording one: seconds to wait, or 0. */
  check(key: string, limit: Limit, now = Date.now()): number {
    const w = this.current(key, limit, now);
    return waitSeconds(w.count, w.previous, limit, now);
  }

  hitAll(hits: KeyedLimit[], now = Date.now()): HitAll {
    const wait = Math.max(0, ...hits.map(({ key, limit }) => this.check(key, limit, now)));
    if (wait > 0) return { wait, estimates: [] };
    const estimates = hits.map(({ key, limit }) => {
      const w = this.current(key, limit, now);
      w.count++;
      return estimateOf(w.count, w.previous, limit, now);
    });
    if (hits.length > 0) this.sweep(now, hits[0].limit.windowMs);
    return { wait: 0, estimates };
  }

  private current(key: string, limit: Limit, now: number) {
    const start = windowStart(limit, now);
    let w = this.windows.get(key);
    if (!w) {
      w = { start, count: 0, previous: 0 };
      this.windows.set(key, w);
    } else if (w.start !== start) {
      w.previous = start - w.start === limit.windowMs ? w.count : 0;
      w.count = 0;
      w.start = start;
    }
    return w;
  }

  private sweep(now: number, windowMs: number) {
    if (this.windows.size < this.maxKeys && now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (w.start < now - 2 * windowMs) this.windows.delete(key);
  }
}

/** The process's limiter for comment submissions: shared through Redis when REDIS_URL is set (ADR 022). */
export function commentLimiter(): Limiter {
  return singleton<Limiter>("commentLimiter", () => sharedOrLocal(new RateLimiter()));
}

/** `local` alone, or a RedisLimiter falling back on it when REDIS_URL is set. */
export function sharedOrLocal(local: RateLimiter): Limiter {
  const client = redisClient();
  return client ? new RedisLimiter(client, local) : local;
}

// One round trip for any number of keys: reads each key's two windows and, when asked and every key
// is under its limit, counts a hit on each, so that two servers cannot both let the last allowed hit
// through. KEYS: per key, its current window and the previous one. ARGV: now, then per key its max,
// window length (ms) and current window's start, then 1 to record. Returns the counts before the hit.
const SCRIPT = `
local now = tonumber(ARGV[1])
local counts = {}
local over = false
for i = 1, #KEYS / 2 do
  local count = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local previous = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  local windowMs = tonumber(ARGV[3 * i])
  if previous * (1 - (now - tonumber(ARGV[3 * i + 1])) / windowMs) + count >= tonumber(ARGV[3 * i - 1]) then over = true end
  counts[2 * i - 1] = count
  counts[2 * i] = previous
end
if ARGV[#ARGV] == '1' and not over then
  for i = 1, #KEYS / 2 do
    if redis.call('INCR', KEYS[2 * i - 1]) == 1 then redis.call('PEXPIRE', KEYS[2 * i - 1], 2 * tonumber(ARGV[3 * i])) end
  end
end
return counts`;
const SCRIPT_SHA = createHash("sha1").update(SCRIPT).digest("hex");

/** How long a server waits for Redis before counting in its own memory instead. */
const REDIS_WAIT_MS = 250;

/**
 * The sliding-window limiter with its counts in Redis, shared by every app server. Keys are hashed:
 * emails and phone numbers do not leave the app server. When Redis does not answer (down, slow,
 * not yet connected) each call counts in this process's memory, as without Redis, and says so in
 * the log at most once a minute: a citizen's comment is never refused because Redis is away.
 */
export class RedisLimiter implements Limiter {
  private lastComplaint = 0;

  constructor(
    private readonly client: Redis,
    private readonly local: RateLimiter,
    // One hash tag for every key: a Redis Cluster keeps them in one slot, as a multi-key script needs.
    private readonly prefix = "gopy:{rl}:",
  ) {}

  async hit(key: string, limit: Limit, now = Date.now()): Promise<number> {
    return (await this.hitAll([{ key, limit }], now)).wait;
  }

  async check(key: string, limit: Limit, now = Date.now()): Promise<number> {
    const counts = await this.run([{ key, limit }], now, false);
    return counts ? waitSeconds(counts[0], counts[1], limit, now) : this.local.check(key, limit, now);
  }

  async hitAll(hits: KeyedLimit[], now = Date.now()): Promise<HitAll> {
    const counts = await this.run(hits, now, true);
    if (!counts) return this.local.hitAll(hits, now);
    const wait = Math.max(0, ...hits.map(({ limit }, i) => waitSeconds(counts[2 * i], counts[2 * i + 1], limit, now)));
    if (wait > 0) return { wait, estimates: [] };
    return { wait: 0, estimates: hits.map(({ limit }, i) => estimateOf(counts[2 * i] + 1, counts[2 * i + 1], limit, now)) };
  }

  /** Each key's current and previous window counts (before this hit), or null when Redis did not answer. */
  private async run(hits: KeyedLimit[], now: number, record: boolean): Promise<number[] | null> {
    if (hits.length === 0) return [];
    if (!this.client.isReady) return this.fallBack("not connected");
    const keys: string[] = [];
    const args: string[] = [String(now)];
    for (const { key, limit } of hits) {
      const start = windowStart(limit, now);
      const id = `${this.prefix}${createHash("sha256").update(key).digest("base64url").slice(0, 22)}:${limit.windowMs}:`;
      keys.push(`${id}${start}`, `${id}${start - limit.windowMs}`);
      args.push(String(limit.max), String(limit.windowMs), String(start));
    }
    args.push(record ? "1" : "0");
    const command = [String(keys.length), ...keys, ...args];
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await Promise.race([
        this.client.sendCommand(["EVALSHA", SCRIPT_SHA, ...command]).catch((error: Error) => {
          if (!String(error?.message).startsWith("NOSCRIPT")) throw error;
          return this.client.sendCommand(["EVAL", SCRIPT, ...command]);
        }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${REDIS_WAIT_MS} ms`)), REDIS_WAIT_MS))),
      ]);
      return (reply as unknown[]).map(Number);
    } catch (error) {
      return this.fallBack((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Says (at most once a minute) that this server counts on its own; null tells the caller to. */
  private fallBack(reason: string): null {
    if (Date.now() - this.lastComplaint > 60_000) {
      this.lastComplaint = Date.now();
      console.error(`Giới hạn tần suất: Redis không trả lời (${reason}); máy chủ này tự đếm trong bộ nhớ.`);
    }
    return null;
  }
}
