const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** RFC 822 zone names; US zones are still common in RSS. Military letters are ambiguous in practice: read as UTC. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480,
  PDT: -420, BST: 60, CET: 60, CEST: 120, MSK: 180,
};

export type FeedDate = { ok: true; iso: string } | { ok: false };

/**
 * Reads a feed date: RFC 822 (RSS), ISO 8601 / RFC 3339 (Atom, JSON Feed, dc:date) and common variants
 * ("2025-07-11 10:00:00", "11 July 2025"). A date with a zone becomes UTC `...Z`; one without a zone keeps its
 * wall-clock time without a zone; a bare date stays a bare date, so no day shifts across zones.
 */
export function parseFeedDate(raw: string): FeedDate {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false };
  return parseIso(value) ?? parseRfc822(value) ?? { ok: false };
}

function parseIso(value: string): FeedDate | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (h === undefined) return validDate(year, month, day, 0, 0, 0) ? { ok: true, iso: `${y}-${mo}-${d}` } : { ok: false };
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(year, month, day, Number(h), Number(mi), Number(s ?? 0), ms, zone ? isoOffset(zone) : null);
}

function parseRfc822(value: string): FeedDate | null {
  // Optional weekday, day, month name, year (2 or 4 digits), optional time, optional zone; also "Jul 11, 2025".
  const dayFirst =
    /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?:\s*([a-z]{1,5}|[+-]\d{2}:?\d{2}))?$/i.exec(
      value,
    );
  const monthFirst =
    /^(?:[a-z]{2,9}\.?,?\s*)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?(?:\s*([a-z]{1,5}|[+-]\d{2}:?\d{2}))?$/i.exec(
      value,
    );
  let day: number, monthName: string, yearText: string, h: string | undefined, mi: string | undefined;
  let s: string | undefined, zoneText: string | undefined, meridiem: string | undefined;
  if (dayFirst) {
    day = Number(dayFirst[1]);
    monthName = dayFirst[2]!;
    yearText = dayFirst[3]!;
    [h, mi, s, zoneText] = [dayFirst[4], dayFirst[5], dayFirst[6], dayFirst[7]];
  } else if (monthFirst) {
    monthName = monthFirst[1]!;
    day = Number(monthFirst[2]);
    yearText = monthFirst[3]!;
    [h, mi, s, meridiem, zoneText] = [monthFirst[4], monthFirst[5], monthFirst[6], monthFirst[7], monthFirst[8]];
  } else {
    return null;
  }
  const month = monthNumber(monthName);
  if (month === null) return null;
  let year = Number(yearText);
  // RFC 822 two-digit years: the 1900s for 70-99, the 2000s otherwise (as RFC 2822 section 4.3 advises).
  if (yearText.length === 2) year += year >= 70 ? 1900 : 2000;
  let zone: number | null = null;
  if (zoneText !== undefined) {
    const offset = zoneOffset(zoneText);
    if (offset === undefined) return { ok: false };
    zone = offset;
  }
  if (h === undefined) {
    if (!validDate(year, month, day, 0, 0, 0)) return { ok: false };
    return { ok: true, iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
  }
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return { ok: false };
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  return build(year, month, day, hour, Number(mi), Number(s ?? 0), 0, zone);
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const index = full.indexOf(lower);
  if (index >= 0) return index + 1;
  return MONTHS[lower] ?? null;
}

function zoneOffset(text: string): number | undefined {
  if (/^[+-]\d{2}:?\d{2}$/.test(text)) return isoOffset(text);
  const upper = text.toUpperCase();
  if (upper in ZONES) return ZONES[upper];
  if (/^[A-IK-Z]$/.test(upper)) return 0;
  return undefined;
}

function isoOffset(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number | null): FeedDate {
  // 24:00 is valid ISO for the end of a day; a leap second reads as the last second.
  if (!validDate(year, month, day, hour === 24 && minute === 0 && second === 0 ? 0 : hour, minute, Math.min(second, 59))) return { ok: false };
  if (offsetMinutes === null) {
    const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(Math.min(second, 59), 2)}`;
    return { ok: true, iso };
  }
  if (Math.abs(offsetMinutes) > 18 * 60) return { ok: false };
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  return { ok: true, iso: new Date(utc).toISOString() };
}

function validDate(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCDate() === day && probe.getUTCMonth() === month - 1;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
