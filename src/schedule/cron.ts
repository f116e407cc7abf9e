/**
 * Occurrences of a cron expression in an IANA zone, computed on the wall clock and mapped to
 * instants with the scheduler's DST rules (see zoned.ts). cron-parser is only ever run in UTC,
 * where it has no DST to get wrong: in its tz mode it maps a skipped 01:30 (Europe/London) to
 * 02:30 and its prev() drops whole days around a transition; node-cron skips a time that falls
 * in the spring-forward gap entirely and runs the second 01:30 of a fall-back night.
 */
import { CronExpressionParser } from 'cron-parser';
import { validateDetailed } from 'node-cron';
import { UsageError } from '../util/errors.js';
import { isValidTimeZone } from '../util/dates.js';
import { fromWall, offsetAt, toWall } from './zoned.js';

const CRON_HELP =
  'Use five fields "minute hour day-of-month month day-of-week" (or six with seconds first), ' +
  'e.g. "0 6 * * 1-5" for 06:00 Monday to Friday.';

/** Throws a UsageError saying how to fix `cron` unless both cron-parser and node-cron accept it. */
export function validateCron(cron: string, context = 'schedule'): void {
  const fields = cron.trim().split(/\s+/);
  const nickname = fields.length === 1 && fields[0]!.startsWith('@');
  if (!nickname && (fields.length < 5 || fields.length > 6)) {
    throw new UsageError(`Invalid cron expression "${cron}" in ${context}: expected 5 or 6 fields, got ${fields.length}. ${CRON_HELP}`);
  }
  const detailed = validateDetailed(cron);
  if (!detailed.valid) {
    const why = detailed.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new UsageError(`Invalid cron expression "${cron}" in ${context}: ${why}. ${CRON_HELP}`);
  }
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC' }).next();
  } catch (err) {
    throw new UsageError(`Invalid cron expression "${cron}" in ${context}: ${(err as Error).message}. ${CRON_HELP}`);
  }
  if (!nickname) {
    // node-cron ANDs day-of-month with day-of-week, cron-parser ORs them (classic cron):
    // refusing the combination keeps the trigger and the occurrence arithmetic in agreement.
    const dom = fields[fields.length - 3]!;
    const dow = fields[fields.length - 1]!;
    if (!isWildcard(dom) && !isWildcard(dow)) {
      throw new UsageError(
        `Cron expression "${cron}" in ${context} restricts both day-of-month (${dom}) and day-of-week (${dow}), ` +
          'which cron implementations read differently. Restrict only one of them and leave the other "*".',
      );
    }
  }
}

function isWildcard(field: string): boolean {
  return field === '*' || field === '?';
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

function wallIterator(cron: string, wallStart: number) {
  return CronExpressionParser.parse(cron, { tz: 'UTC', currentDate: new Date(wallStart) });
}

/** The next `count` occurrences strictly after `after`, in time order, each at most once. */
export function nextRuns(cron: string, timeZone: string, after: Date, count: number): Date[] {
  validateCron(cron);
  validateTimeZone(timeZone);
  const afterMs = after.getTime();
  // Wall times at or before the wall time of `after` map to instants at or before `after`
  // (the wall-to-instant map is monotonic), so the search can start there.
  const it = wallIterator(cron, toWall(afterMs, timeZone));
  const out: Date[] = [];
  let last = afterMs;
  for (let step = 0; out.length < count && step < MAX_STEPS; step++) {
    let wall: number;
    try {
      wall = it.next().getTime();
    } catch {
      break;
    }
    const instant = fromWall(wall, timeZone);
    // Several skipped wall times collapse onto one jump instant; a repeated hour maps back
    // onto instants already passed: both are dropped here.
    if (instant > last) {
      out.push(new Date(instant));
      last = instant;
    }
  }
  return out;
}

/** The latest occurrence at or before `before`, or undefined if there is none. */
export function previousRun(cron: string, timeZone: string, before: Date): Date | undefined {
  validateCron(cron);
  validateTimeZone(timeZone);
  const beforeMs = before.getTime();
  // After a fall-back, wall times up to the shift later than now already happened (in the
  // first pass of the repeated hour), so the backwards search starts that much later.
  const shift = Math.max(0, offsetAt(beforeMs - 3 * 3_600_000, timeZone) - offsetAt(beforeMs, timeZone));
  // +1 s because prev() is strict and occurrences fall on whole seconds.
  const it = wallIterator(cron, toWall(beforeMs, timeZone) + shift + 1000);
  for (let step = 0; step < MAX_STEPS; step++) {
    let wall: number;
    try {
      wall = it.prev().getTime();
    } catch {
      return undefined;
    }
    const instant = fromWall(wall, timeZone);
    if (instant <= beforeMs) return new Date(instant);
  }
  return undefined;
}
