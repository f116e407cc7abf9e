/**
 * Wall-clock arithmetic in an IANA zone, with the DST rules the scheduler promises:
 * a wall time that does not exist (spring forward) maps to the instant the clocks jump,
 * a wall time that occurs twice (fall back) maps to its first occurrence.
 * A "wall time" is represented as the UTC epoch milliseconds of the same calendar fields,
 * so plain UTC arithmetic (and croner run in UTC, which has no DST) works on it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`, as UTC epoch ms. */
export function toWall(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!, ms);
}

/** The zone's UTC offset at `instant`, in ms (positive east of Greenwich). */
export function offsetAt(instant: number, timeZone: string): number {
  return toWall(instant, timeZone) - instant;
}

const DAY = 86_400_000;

/**
 * The instant of wall time `wall` in `timeZone`: the earlier one when the wall time occurs
 * twice, and the moment the clocks jump forward when it does not exist at all.
 */
export function fromWall(wall: number, timeZone: string): number {
  // Any transition that matters lies within a day of the wall time, so the offsets a day
  // either side are the only candidates (no zone changes its offset twice in two days).
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => toWall(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In a gap: the clocks jumped from `before` to a larger `after` offset somewhere in
  // (wall - after, wall - before]; find the first instant already on the new offset.
  let lo = wall - after;
  let hi = wall - before;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** `2026-03-29T02:00:00+01:00`: the instant as the zone's local time with its offset. */
export function formatInZone(instant: Date, timeZone: string): string {
  const wall = toWall(instant.getTime(), timeZone);
  const offsetMin = Math.round((wall - instant.getTime()) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(wall - (wall % 1000)).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}
