import { previousRun } from './cron.js';
import type { RunLedger, ScheduledEdition } from './types.js';

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

/** An occurrence a scheduler owes after it (or Redis) was down, and the last run the ledger knows before it. */
export interface MissedOccurrence {
  scheduledFor: Date;
  lastScheduledFor: Date;
}

/**
 * The occurrence to catch up for an edition, by the one rule both schedulers follow (the embedded one at start,
 * `schedule --queue` when Redis lost its jobs): the latest one within the catch-up window that nothing at or after
 * it was claimed for; none for an edition that never ran (a first start does not produce yesterday's edition).
 */
export async function missedOccurrence(edition: ScheduledEdition, ledger: Pick<RunLedger, 'lastRun'>, now: Date): Promise<MissedOccurrence | undefined> {
  const last = await ledger.lastRun(edition.name);
  if (!last) return undefined;
  const [due] = dueRuns(edition, last.scheduledFor, now);
  return due ? { scheduledFor: due, lastScheduledFor: last.scheduledFor } : undefined;
}
