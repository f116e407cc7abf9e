/**
 * Date helpers shared by the cleaner (published date) and the analyzer (dates mentioned in a body).
 * All arithmetic is on UTC calendar days so results never depend on the machine's time zone.
 */

export type DatePrecision = 'day' | 'month' | 'year';

/** An explicit calendar date written in a text ("July 10", "10 July 2025", "2025-07-10", "in February", "since 2023"). */
export interface DateMention {
  surface: string;
  start: number;
  end: number;
  year: number | null;
  /** 1-12, or null for a bare year. */
  month: number | null;
  day: number | null;
  precision: DatePrecision;
  /** YYYY-MM-DD (first day of the month / year when less precise), or null when the year is unknown and there is no reference. */
  date: string | null;
  /** True when the year was written; false when it came from the reference date. */
  yearGiven: boolean;
}

export interface WeekdayMention {
  surface: string;
  start: number;
  end: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** "last Sunday", "next Sunday", "this Sunday", or a plain "on Sunday" (null). */
  qualifier: 'last' | 'next' | 'this' | null;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

// Month names must be capitalized: lower-case "may" and "march" are verbs far more often than months.
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

// The word a bare month or year needs in front of it ("in May", "the February meeting", "since 2023").
const BEFORE_MONTH = /\b(?:in|since|last|early|late|mid-?|until|by|from|of|this|next|during|before|after|the)\s+$/i;
const BEFORE_YEAR = /\b(?:in|since|until|by|from|during|early|late|mid-?)\s+$/i;

interface DatePattern {
  regex: RegExp;
  read: (m: RegExpExecArray) => [number | null, number | null, number | null];
  /** Required just before the match (tested on the few characters in front, which is much faster than a look-behind). */
  before?: RegExp;
}

const PATTERNS: DatePattern[] = [
  { regex: /\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b/g, read: (m) => [num(m[1]), num(m[2]), num(m[3])] },
  { regex: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?:,?\\s+${YEAR}\\b)?`, 'g'), read: (m) => [num(m[3]), MONTHS[m[1]!.toLowerCase()]!, num(m[2])] },
  { regex: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR}\\b)?`, 'g'), read: (m) => [num(m[3]), MONTHS[m[2]!.toLowerCase()]!, num(m[1])] },
  { regex: new RegExp(`\\b${MONTH}\\s+${YEAR}\\b`, 'g'), read: (m) => [num(m[2]), MONTHS[m[1]!.toLowerCase()]!, null] },
  { regex: new RegExp(`\\b${MONTH}(?!\\s*\\d)\\b`, 'g'), read: (m) => [null, MONTHS[m[1]!.toLowerCase()]!, null], before: BEFORE_MONTH },
  { regex: new RegExp(`\\b${YEAR}\\b(?!-\\d)`, 'g'), read: (m) => [num(m[1]), null, null], before: BEFORE_YEAR },
];

function num(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const value = toUtc(date);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export function weekdayOf(date: string): number {
  return toUtc(date).getUTCDay();
}

/** YYYY-MM-DD of an ISO date / date-time or a date string such as "10 July 2025", else null. */
export function parseDate(value: string | undefined | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  // Placeholder years ("0001-01-01") are how some sites say "no date".
  if (iso) return Number(iso[1]) >= 1900 ? validDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
  const written = findExplicitDates(trimmed).find((m) => m.precision === 'day' && m.yearGiven);
  if (written) return written.date;
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed) || new Date(parsed).getUTCFullYear() < 1900) return null;
  return new Date(parsed).toISOString().slice(0, 10);
}

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return formatDate(year, month, day);
}

// How far after the reference a yearless date may fall before we assume it meant the previous year
// (news mostly reports the past, but announces events a few weeks ahead).
const FUTURE_TOLERANCE_DAYS = 60;

/** Year for a yearless month/day: the latest year whose date is not more than ~2 months after the reference. */
export function resolveYear(month: number, day: number, reference: string): number {
  const refYear = Number(reference.slice(0, 4));
  for (const year of [refYear + 1, refYear, refYear - 1]) {
    const safeDay = Math.min(day, daysInMonth(year, month));
    if (daysBetween(reference, formatDate(year, month, safeDay)) <= FUTURE_TOLERANCE_DAYS) return year;
  }
  return refYear - 1;
}

/**
 * Explicit dates in a text, in reading order, overlaps resolved in favour of the longest match.
 * Yearless dates are placed relative to `reference` (YYYY-MM-DD) when given.
 */
export function findExplicitDates(text: string, reference?: string | null): DateMention[] {
  const found: DateMention[] = [];
  for (const { regex, read, before } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (before && !before.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      const [year, month, day] = read(m);
      const mention = buildMention(m[0], m.index, year, month, day, reference ?? null);
      if (mention) found.push(mention);
    }
  }
  return dropOverlaps(found);
}

function buildMention(
  matched: string,
  index: number,
  year: number | null,
  month: number | null,
  day: number | null,
  reference: string | null,
): DateMention | null {
  const surface = matched.replace(/[.,]$/, '');
  const start = index;
  const precision: DatePrecision = day !== null ? 'day' : month !== null ? 'month' : 'year';
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  let resolvedYear = year;
  if (resolvedYear === null && reference && month !== null) resolvedYear = resolveYear(month, day ?? 1, reference);
  let date: string | null = null;
  if (resolvedYear !== null) {
    date = validDate(resolvedYear, month ?? 1, day ?? 1);
    if (date === null) return null;
  }
  return { surface, start, end: start + surface.length, year: resolvedYear, month, day, precision, date, yearGiven: year !== null };
}

function dropOverlaps(mentions: DateMention[]): DateMention[] {
  const byPreference = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateMention[] = [];
  for (const mention of byPreference) {
    if (kept.every((k) => mention.end <= k.start || mention.start >= k.end)) kept.push(mention);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const WEEKDAY_PATTERN = /\b(?:(last|next|this)\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b(?!,?\s+(?:\d{1,2}\b|January|February|March|April|May|June|July|August|September|October|November|December))/g;

/** Weekday names used as dates ("on Sunday", "said Thursday", "last Friday"); a weekday inside a full date is skipped. */
export function findWeekdays(text: string): WeekdayMention[] {
  const found: WeekdayMention[] = [];
  WEEKDAY_PATTERN.lastIndex = 0;
  for (let m = WEEKDAY_PATTERN.exec(text); m !== null; m = WEEKDAY_PATTERN.exec(text)) {
    found.push({
      surface: m[0],
      start: m.index,
      end: m.index + m[0].length,
      weekday: WEEKDAYS.indexOf(m[2]!.toLowerCase() as (typeof WEEKDAYS)[number]),
      qualifier: (m[1]?.toLowerCase() as WeekdayMention['qualifier']) ?? null,
    });
  }
  return found;
}

export type WeekdayDirection = 'on-or-before' | 'on-or-after' | 'before' | 'after';

/**
 * The date of a weekday relative to a reference date. News says "on Sunday" about the most recent
 * Sunday (the same day included), so 'on-or-before' is the default.
 */
export function resolveWeekday(weekday: number | string, reference: string, direction: WeekdayDirection = 'on-or-before'): string {
  const target = typeof weekday === 'number' ? weekday : WEEKDAYS.indexOf(weekday.toLowerCase() as (typeof WEEKDAYS)[number]);
  if (target < 0 || target > 6) throw new RangeError(`Not a weekday: ${weekday}`);
  const current = weekdayOf(reference);
  const back = (current - target + 7) % 7;
  const forward = (target - current + 7) % 7;
  switch (direction) {
    case 'on-or-before':
      return addDays(reference, -back);
    case 'before':
      return addDays(reference, -(back === 0 ? 7 : back));
    case 'on-or-after':
      return addDays(reference, forward);
    case 'after':
      return addDays(reference, forward === 0 ? 7 : forward);
  }
}

/** Resolve a weekday mention against the article's date, honouring "last" / "next". */
export function resolveWeekdayMention(mention: WeekdayMention, reference: string): string {
  if (mention.qualifier === 'next') return resolveWeekday(mention.weekday, reference, 'after');
  if (mention.qualifier === 'last') return resolveWeekday(mention.weekday, reference, 'before');
  return resolveWeekday(mention.weekday, reference, 'on-or-before');
}

export interface ResolvedDateMention {
  surface: string;
  start: number;
  end: number;
  /** YYYY-MM-DD. */
  date: string;
  precision: DatePrecision;
  kind: 'explicit' | 'weekday' | 'relative';
}

const RELATIVE_DAYS: Record<string, number> = { today: 0, tonight: 0, yesterday: -1, tomorrow: 1 };

/**
 * Every date a text mentions that can be placed on the calendar: explicit dates, weekdays and
 * today / yesterday / tomorrow (the last two need `reference`, the article's date).
 */
export function findDateMentions(text: string, reference: string | null): ResolvedDateMention[] {
  const result: ResolvedDateMention[] = [];
  for (const m of findExplicitDates(text, reference)) {
    if (m.date) result.push({ surface: m.surface, start: m.start, end: m.end, date: m.date, precision: m.precision, kind: 'explicit' });
  }
  if (reference) {
    for (const m of findWeekdays(text)) {
      result.push({ surface: m.surface, start: m.start, end: m.end, date: resolveWeekdayMention(m, reference), precision: 'day', kind: 'weekday' });
    }
    const relative = /\b(today|tonight|yesterday|tomorrow)\b/gi;
    for (let m = relative.exec(text); m !== null; m = relative.exec(text)) {
      result.push({ surface: m[0], start: m.index, end: m.index + m[0].length, date: addDays(reference, RELATIVE_DAYS[m[1]!.toLowerCase()]!), precision: 'day', kind: 'relative' });
    }
  }
  return result.sort((a, b) => a.start - b.start || a.end - b.end);
}
