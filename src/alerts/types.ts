/** The resolved `alerts:` section: who hears about a failed run, and how often at most. */
export interface AlertSettings {
  /** Addresses mailed through the configuration's smtp: settings. */
  email: string[];
  /** POSTed the alert as JSON; signed like edition webhooks when a secret is set. */
  webhook?: { url: string; secret?: string };
  /** At most one alert per edition and kind in this many minutes (0: every one). */
  minIntervalMinutes: number;
}

/**
 * What went wrong, for whom: `kind` groups alerts for the rate limit (`run-failed`, `delivery-failed`, ...), so a
 * run failing every minute sends one alert an interval, while a different problem of the same edition still gets
 * through.
 */
export interface Alert {
  kind: string;
  edition: string;
  /** The briefing date concerned, YYYY-MM-DD. */
  date: string;
  /** One line each: what failed. */
  reasons: string[];
  /** What the operator should do about it. */
  fix: string;
}

export interface AlertChannelResult {
  channel: 'email' | 'webhook';
  recipient: string;
  ok: boolean;
  error?: string;
}

/** What sendAlert did: sent (to which channels), or skipped because one of this kind went out recently. */
export type AlertResult =
  | { status: 'sent'; channels: AlertChannelResult[] }
  | { status: 'rate-limited'; lastSentAt: string }
  | { status: 'not-configured' };
