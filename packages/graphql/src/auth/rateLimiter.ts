/** Requests per second and burst of one API key; see {@link RateLimiter}. */
export interface RateLimit {
  /** Sustained requests per second per key (> 0). */
  readonly perSecond: number;
  /** Requests a key may make at once after being idle (≥ 1; default 2 × perSecond). */
  readonly burst?: number;
}

/**
 * A token bucket per key, in this process's memory: each key holds up to
 * `burst` tokens, refilled at `perSecond`; a request takes one. Several
 * server processes each apply the limit (document the total). Buckets of
 * keys idle long enough to be full again are dropped, so memory stays bounded
 * by the keys active in the last `burst / perSecond` seconds.
 */
export class RateLimiter {
  readonly perSecond: number;
  readonly burst: number;
  readonly #buckets = new Map<number, { tokens: number; at: number }>();
  #sweptAt = 0;

  constructor(limit: RateLimit, private readonly now: () => number = () => performance.now()) {
    if (!Number.isFinite(limit.perSecond) || limit.perSecond <= 0) throw new RangeError(`rateLimit.perSecond must be > 0, got ${limit.perSecond}`);
    this.perSecond = limit.perSecond;
    this.burst = limit.burst ?? Math.max(1, 2 * limit.perSecond);
    if (!Number.isFinite(this.burst) || this.burst < 1) throw new RangeError(`rateLimit.burst must be ≥ 1, got ${this.burst}`);
  }

  /** Takes a token for `key`: 0 when allowed, else the seconds until one is available. */
  take(key: number): number {
    const now = this.now();
    this.sweep(now);
    const b = this.#buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.#buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.perSecond;
  }

  private sweep(now: number): void {
    const fullAfterMs = (this.burst / this.perSecond) * 1000;
    if (now - this.#sweptAt < fullAfterMs) return;
    this.#sweptAt = now;
    for (const [key, b] of this.#buckets) if (now - b.at >= fullAfterMs) this.#buckets.delete(key);
  }
}
