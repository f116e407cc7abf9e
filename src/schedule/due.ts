import { previousRun } from './cron.js';
import type { ScheduledEdition } from './types.js';

export const DEFAULT_CATCH_UP_MS = 24 * 3_600_000;

/**
 * The occurrence of `edition` to produce now, if any: only the most recent one at or before
 * `now`, only if it is younger than the catch-up window, and only if nothing at or after it
 * was claimed already. A scheduler that was down for three days produces one edition, not three.
 */
export function dueRuns(edition: ScheduledEdition, lastClaimed: Date | undefined, now: Date): Date[] {
  const latest = previousRun(edition.cron, edition.timeZone, now);
  if (!latest) return [];
  if (lastClaimed && lastClaimed.getTime() >= latest.getTime()) return [];
  const window = edition.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  if (now.getTime() - latest.getTime() > window) return [];
  return [latest];
}
