import { findExplicitDates } from '../dates.js';
import { type WorkLine, isBodyLine, trimLine } from '../lines.js';
import { wordCount } from '../text.js';

const LABEL = /^(?:(?:date|published|posted|updated|last updated|first published|publication date)\s*(?:on|at)?\s*[:|-]?\s*)?/i;
const WEEKDAY = /^(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?/i;
const TIME = /^(?:,|\||-|at|\s)*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2}))?/i;
const SEPARATOR = /^[\s|•·,;/–—-]+/;
// Page furniture sits above the article: look no further than this many lines, and stop at the body.
const HEADER_LINES = 15;

export interface PageDate {
  date: string;
  /** The text the date was read from. */
  surface: string;
}

/**
 * Takes a page date from a header line that starts with one (" date 2025-07-10 ...",
 * "Sunday, December 07, 2025 | ..."): the date part is cut, whatever follows stays for the other rules.
 */
export function takePageDate(lines: WorkLine[]): PageDate | null {
  for (const line of lines.slice(0, HEADER_LINES)) {
    if (line.rule !== null) continue;
    if (isBodyLine(line)) return null;
    const dated = bylineDate(line.text);
    if (dated) return dated;
    const found = leadingDate(line.text);
    if (!found) continue;
    trimLine(line, 'page-date', found.surface, line.text.slice(found.surface.length).replace(SEPARATOR, ''));
    return found;
  }
  return null;
}

/** "By Jane Doe | July 10, 2025": the date is read, the line is left whole for the byline rule. */
function bylineDate(text: string): PageDate | null {
  if (!/^by\s+\p{Lu}/iu.test(text) || wordCount(text) > 20) return null;
  const found = findExplicitDates(text).find((m) => m.precision === 'day' && m.yearGiven && m.date);
  return found ? { date: found.date!, surface: found.surface } : null;
}

function leadingDate(text: string): PageDate | null {
  const prefix = (LABEL.exec(text)?.[0] ?? '') + (WEEKDAY.exec(text.slice(LABEL.exec(text)?.[0].length ?? 0))?.[0] ?? '');
  const rest = text.slice(prefix.length);
  const first = findExplicitDates(rest)[0];
  if (!first || first.start !== 0 || first.precision !== 'day' || !first.yearGiven || !first.date) return null;
  let end = prefix.length + first.end;
  const time = TIME.exec(text.slice(end));
  if (time) end += time[0].length;
  return { date: first.date, surface: text.slice(0, end).trim() };
}
