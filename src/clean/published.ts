import { addDays, daysBetween, findExplicitDates, findWeekdays, parseDate, resolveWeekday, type DateMention, WEEKDAYS } from './dates.js';
import type { PublishedDate } from './types.js';

export interface DateEvidence {
  metadata: string | null;
  dateline: string | null;
  page: string | null;
  /** The cleaned body, paragraphs joined. */
  body: string;
}

/** A page date more than this many days after every date the body mentions is suspect. */
export const STALE_PAGE_DAYS = 45;

const PRESENT_NARRATION = /\b(?:this week|earlier this week|today|tonight|yesterday|this morning|this afternoon|this evening|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b/;

/** The article's publication date and how sure we are: metadata, then a dateline, then the page date, then a guess. */
export function decidePublished(evidence: DateEvidence): PublishedDate {
  const metadata = parseDate(evidence.metadata);
  if (metadata) return { date: metadata, source: 'metadata', certain: true, note: 'Taken from the input metadata.' };
  if (evidence.dateline) return { date: evidence.dateline, source: 'dateline', certain: true, note: 'Read from the dateline at the start of the story.' };
  if (evidence.page) return judgePageDate(evidence.page, evidence.body);
  return inferFromBody(evidence.body);
}

function judgePageDate(page: string, body: string): PublishedDate {
  // A month named without a year ("in February") could be last or next February: too vague to judge by.
  const mentions = findExplicitDates(body, page).filter((m) => m.date !== null && (m.precision === 'day' || (m.precision === 'month' && m.yearGiven)));
  const latest = latestMention(mentions);
  // Writers leave out the year of dates in the year they write in: a latest date with a written
  // year ("February 24, 2022") is history the story recalls, not a sign of when it was written.
  if (latest && !latest.yearGiven && daysBetween(mentionEnd(latest), page) > STALE_PAGE_DAYS && PRESENT_NARRATION.test(body)) {
    const weekday = dominantWeekday(body);
    const start = latest.date!;
    const date = weekday === null ? start : resolveWeekday(weekday, start, 'on-or-after');
    const weekdayPart = weekday === null ? '' : ` and the ${capitalize(WEEKDAYS[weekday]!)} the body names`;
    return {
      date,
      source: 'inferred',
      certain: false,
      note:
        `The page is dated ${page}, but the latest date the story mentions is "${latest.surface}" (${start}), ` +
        `${daysBetween(mentionEnd(latest), page)} days earlier, and it narrates events as current, so the page date is not the article's; ` +
        `${date} is a guess from that latest date${weekdayPart}.`,
    };
  }
  return { date: page, source: 'page', certain: true, note: 'Read from the date line in the page header.' };
}

function inferFromBody(body: string): PublishedDate {
  const full = findExplicitDates(body).filter((m) => m.yearGiven && m.precision === 'day');
  const latest = latestMention(full);
  if (!latest) return { date: null, source: 'unknown', certain: false, note: 'No metadata, dateline or page date, and no full date in the text.' };
  return {
    date: latest.date,
    source: 'inferred',
    certain: false,
    note: `No metadata, dateline or page date; guessed from the latest full date the story mentions ("${latest.surface}").`,
  };
}

function latestMention(mentions: DateMention[]): DateMention | null {
  let best: DateMention | null = null;
  for (const m of mentions) if (best === null || mentionEnd(m) > mentionEnd(best)) best = m;
  return best;
}

/** The last day a mention can mean: the day itself, or the end of a month named without a day. */
function mentionEnd(mention: DateMention): string {
  if (mention.precision === 'day') return mention.date!;
  return addDays(addMonth(mention.date!), -1);
}

function addMonth(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The weekday the story names most often ("on Sunday"), ties going to the later day of the week. */
function dominantWeekday(body: string): number | null {
  const counts = new Array<number>(7).fill(0);
  for (const m of findWeekdays(body)) if (m.qualifier === null || m.qualifier === 'this') counts[m.weekday]!++;
  let best: number | null = null;
  counts.forEach((count, day) => {
    if (count > 0 && (best === null || count >= counts[best]!)) best = day;
  });
  return best;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
