// Rate limits for comment submissions: per client address and per email/phone, each a sliding
// window of recent submission times kept in this process's memory. Limits come from the
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

export class RateLimiter {
  private hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private readonly maxKeys = 200_000) {}

  /** Records a hit unless over the limit; returns seconds to wait when over it, else 0. */
  hit(key: string, limit: Limit, now = Date.now()): number {
    const since = now - limit.windowMs;
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (times.length >= limit.max) {
      this.hits.set(key, times);
      return Math.max(1, Math.ceil((times[0] + limit.windowMs - now) / 1000));
    }
    times.push(now);
    this.hits.set(key, times);
    this.sweep(now, limit.windowMs);
    return 0;
  }

  /** Whether a hit would be refused, without recording one. */
  check(key: string, limit: Limit, now = Date.now()): number {
    const since = now - limit.windowMs;
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    return times.length >= limit.max ? Math.max(1, Math.ceil((times[0] + limit.windowMs - now) / 1000)) : 0;
  }

  private sweep(now: number, windowMs: number) {
    if (this.hits.size < this.maxKeys && now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits) if (times.at(-1)! <= now - windowMs) this.hits.delete(key);
  }
}

const globalForLimiter = globalThis as unknown as { __commentLimiter?: RateLimiter };
export function commentLimiter(): RateLimiter {
  return (globalForLimiter.__commentLimiter ??= new RateLimiter());
}
