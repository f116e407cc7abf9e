/**
 * Occurrences of a cron expression in an IANA zone, with croner as the one cron library (parsing, validation,
 * iteration). croner iterates the expression in UTC over "wall times" (see zoned.ts), which have no DST, and the
 * wall times are mapped to instants with the scheduler's DST rules: a time in the spring-forward gap runs once at
 * the jump, a repeated time once, at its first occurrence, for every expression. croner's own zoned mode applies
 * those rules to fixed-time jobs only (an every-15-minutes job skips the gap and runs the repeated hour twice).
 */
import { Cron } from 'croner';
import { UsageError } from '../util/errors.js';
import { isValidTimeZone } from '../util/dates.js';
import { fromWall, offsetAt, toWall } from './zoned.js';

const CRON_HELP =
  'Use five fields "minute hour day-of-month month day-of-week" (or six with seconds first), ' +
  'e.g. "0 6 * * 1-5" for 06:00 Monday to Friday.';

/**
 * The expression as croner reads it: 5 or 6 fields (or a nickname such as @daily), day-of-month and day-of-week
 * combined with OR when both are restricted, as classic cron does.
 */
function pattern(cron: string): Cron {
  return new Cron(cron.trim(), { paused: true, timezone: 'UTC', mode: '5-or-6-parts', domAndDow: false });
}

/** Throws a UsageError saying how to fix `cron` unless croner accepts it. */
export function validateCron(cron: string, context = 'schedule'): void {
  const fields = cron.trim().split(/\s+/);
  const nickname = fields.length === 1 && fields[0]!.startsWith('@');
  if (!nickname && (fields.length < 5 || fields.length > 6)) {
    throw new UsageError(`Invalid cron expression "${cron}" in ${context}: expected 5 or 6 fields, got ${fields.length}. ${CRON_HELP}`);
  }
  try {
    pattern(cron);
  } catch (err) {
    const why = (err as Error).message.replace(/^CronPattern:\s*/, '');
    throw new UsageError(`Invalid cron expression "${cron}" in ${context}: ${why}. ${CRON_HELP}`);
  }
}

/** Throws a UsageError unless `timeZone` is an IANA zone this Node knows. */
export function validateTimeZone(timeZone: string, context = 'schedule'): void {
  if (!timeZone || !isValidTimeZone(timeZone)) {
    throw new UsageError(
      `Unknown time zone "${timeZone}" in ${context}. Use an IANA zone name such as "Europe/London", "America/New_York" or "UTC".`,
    );
  }
}

/** Gives up rather than loop forever on an expression that (almost) never matches. */
const MAX_STEPS = 100_000;
/** Wall times are fetched from croner this many at a time. */
const BATCH = 16;

/** The next `count` occurrences strictly after `after`, in time order, each at most once. */
export function nextRuns(cron: string, timeZone: string, after: Date, count: number): Date[] {
  validateCron(cron);
  validateTimeZone(timeZone);
  const job = pattern(cron);
  const afterMs = after.getTime();
  const out: Date[] = [];
  let last = afterMs;
  // Wall times at or before the wall time of `after` map to instants at or before `after` (the wall-to-instant
  // map is monotonic), so the search can start there.
  let cursor = new Date(toWall(afterMs, timeZone));
  for (let step = 0; out.length < count && step < MAX_STEPS; step += BATCH) {
    const walls = job.nextRuns(BATCH, cursor);
    if (walls.length === 0) break;
    for (const wall of walls) {
      const instant = fromWall(wall.getTime(), timeZone);
      // Several skipped wall times collapse onto one jump instant; a repeated hour maps back onto instants
      // already passed: both are dropped here.
      if (instant > last && out.length < count) {
        out.push(new Date(instant));
        last = instant;
      }
    }
    cursor = walls.at(-1)!;
  }
  return out;
}

/** The latest occurrence at or before `before`, or undefined if there is none. */
export function previousRun(cron: string, timeZone: string, before: Date): Date | undefined {
  validateCron(cron);
  validateTimeZone(timeZone);
  const job = pattern(cron);
  const beforeMs = before.getTime();
  // After a fall-back, wall times up to the shift later than now already happened (in the first pass of the
  // repeated hour), so the backwards search starts that much later; +1 s makes a run exactly at `before` count.
  const shift = Math.max(0, offsetAt(beforeMs - 3 * 3_600_000, timeZone) - offsetAt(beforeMs, timeZone));
  let cursor = new Date(toWall(beforeMs, timeZone) + shift + 1000);
  for (let step = 0; step < MAX_STEPS; step += BATCH) {
    const walls = job.previousRuns(BATCH, cursor);
    if (walls.length === 0) return undefined;
    for (const wall of walls) {
      const instant = fromWall(wall.getTime(), timeZone);
      if (instant <= beforeMs) return new Date(instant);
    }
    cursor = walls.at(-1)!;
  }
  return undefined;
}
