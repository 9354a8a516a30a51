/** What `@RateLimit` declares on a route. */
export interface RateLimitWindow {
  /** Requests allowed per window; the one past it starts a lockout of one window. */
  limit: number;
  windowSeconds: number;
}

export interface AccountRateLimit extends RateLimitWindow {
  /** Top-level body member holding the account's email; default `email`. Trimmed and lower-cased. */
  field?: string;
}

export interface RateLimitOptions {
  /** Kebab-case name of the limit, e.g. `sign-in`: part of every key and log line. Routes of one name share counts. */
  name: string;
  /** Counted per client IP (an IPv6 client per /64), taken from X-Forwarded-For only behind TRUST_PROXY. */
  perIp?: RateLimitWindow;
  /** Counted per account named in the body, whatever IP the attempts come from. */
  perAccount?: AccountRateLimit;
  /**
   * Counted per authenticated actor (user or API key), whatever IP or session: for signed-in routes that check a
   * secret (current password, a TOTP code), so a stolen session cannot guess it at the IP limit's pace.
   */
  perActor?: RateLimitWindow;
}

/** Reflection key of the options on the handler. */
export const RATE_LIMIT_METADATA = 'quire:rate-limit';
