// Rate limits for comment submissions: per client address and per email/phone, each a sliding
// window counter kept in this process's memory. Limits come from the
// environment so a load test can raise them. Several app servers each count their own share
// (docs/decisions/007-comment-abuse.md).

export interface Limit {
  max: number;
  windowMs: number;
}

export function readLimits(env: Record<string, string | undefined> = process.env) {
  const num = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const windowMs = num("RATE_LIMIT_WINDOW_SECONDS", 600) * 1000;
  return {
    address: { max: num("RATE_LIMIT_PER_ADDRESS", 20), windowMs },
    contact: { max: num("RATE_LIMIT_PER_CONTACT", 5), windowMs },
    /** Stricter for forms sent without a captcha solution (browsers without JavaScript). */
    noScriptAddress: { max: num("RATE_LIMIT_NO_SCRIPT_PER_ADDRESS", 5), windowMs },
  };
}

/**
 * Sliding-window counters: per key, the count of the current fixed window and of the previous
 * one; the estimate weighs the previous window by how much of it still overlaps the sliding one.
 * O(1) time and memory per key, however many requests a flood sends.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number; previous: number }>();
  private lastSweep = 0;

  constructor(private readonly maxKeys = 200_000) {}

  /** Records a hit unless over the limit; returns seconds to wait when over it, else 0. */
  hit(key: string, limit: Limit, now = Date.now()): number {
    const wait = this.check(key, limit, now);
    if (wait > 0) return wait;
    this.current(key, limit, now).count++;
    this.sweep(now, limit.windowMs);
    return 0;
  }

  /** Whether a hit would be refused, without recording one: seconds to wait, or 0. */
  check(key: string, limit: Limit, now = Date.now()): number {
    const w = this.current(key, limit, now);
    const overlap = 1 - (now - w.start) / limit.windowMs;
    const estimate = w.previous * overlap + w.count;
    if (estimate < limit.max) return 0;
    // When the previous window's share has decayed enough (or the current window ends), a hit fits again.
    const needed = w.previous > 0 ? ((estimate - limit.max + 1) / w.previous) * limit.windowMs : w.start + limit.windowMs - now;
    return Math.max(1, Math.ceil(Math.min(needed, w.start + limit.windowMs - now + limit.windowMs) / 1000));
  }

  private current(key: string, limit: Limit, now: number) {
    const start = now - (now % limit.windowMs);
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

const globalForLimiter = globalThis as unknown as { __commentLimiter?: RateLimiter };
export function commentLimiter(): RateLimiter {
  return (globalForLimiter.__commentLimiter ??= new RateLimiter());
}
