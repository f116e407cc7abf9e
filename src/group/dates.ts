import type { AnalyzedArticle } from '../analyze/types.js';

/** One piece of evidence for when a happening took place. */
export interface DateEvidence {
  date: string;
  /** Days since 1970-01-01, kept so comparing two dates costs no parsing. */
  day: number;
  certain: boolean;
  /** Lower is stronger: a mention in the lead beats the publication date, which beats an inferred date. */
  tier: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** How many opening sentences count as the lead, where reports say when the happening was. */
const LEAD_SENTENCES = 2;
/** A lead date further before publication than this is background ("since February 2022"), not the happening. */
const MAX_LEAD_LAG_DAYS = 7;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Evidence for when the happening an article reports took place, strongest first: dates stated in the lead
 * (including "on Sunday" resolved against the publication date) that fall shortly before publication, then the
 * publication date. Certain only when anchored to a certain publication date.
 */
export function articleDateEvidence(analyzed: AnalyzedArticle): DateEvidence[] {
  const published = analyzed.article.published;
  const pubDate = published.date !== null && ISO_DATE.test(published.date) ? published.date : null;
  const certain = pubDate !== null && published.certain;
  const lead = leadDates(analyzed, pubDate).filter(
    (date) => pubDate === null || isShortlyBefore(date, pubDate, MAX_LEAD_LAG_DAYS),
  );
  const evidence = lead.map((date) => dateEvidence(date, certain, certain ? 0 : 2));
  if (pubDate !== null) evidence.push(dateEvidence(pubDate, certain, certain ? 1 : 3));
  return evidence;
}

export function dateEvidence(date: string, certain: boolean, tier: number): DateEvidence {
  return { date, day: dayNumber(date), certain, tier };
}

/** The strongest single date of an article, used to keep far-apart reports out of one event. */
export function bestArticleDate(evidence: readonly DateEvidence[]): DateEvidence | null {
  return strongest(evidence);
}

/**
 * Date of an event from all its articles' evidence: the strongest tier present, the date most articles give in
 * it, then the earliest (the happening precedes the reports on it).
 */
export function eventDate(evidence: readonly DateEvidence[]): { date: string | null; dateCertain: boolean } {
  const best = strongest(evidence);
  return best === null ? { date: null, dateCertain: false } : { date: best.date, dateCertain: best.certain };
}

function strongest(evidence: readonly DateEvidence[]): DateEvidence | null {
  if (evidence.length === 0) return null;
  const tier = Math.min(...evidence.map((item) => item.tier));
  const votes = new Map<string, number>();
  for (const item of evidence) if (item.tier === tier) votes.set(item.date, (votes.get(item.date) ?? 0) + 1);
  const [date] = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]!;
  return evidence.find((item) => item.tier === tier && item.date === date)!;
}

/**
 * How compatible two articles' dates are as one happening: 1 within a few days, falling towards 0 as they drift
 * apart (halved at ten days, about a sixth at a month). A guessed date only ever halves; unknown is neutral.
 */
export function dateAffinity(a: DateEvidence | null, b: DateEvidence | null): number {
  if (a === null || b === null) return 1;
  const days = Math.abs(a.day - b.day);
  const affinity = 1 / (1 + Math.max(0, days - 3) / 7);
  return a.certain && b.certain ? affinity : 0.5 + 0.5 * affinity;
}

function leadDates(analyzed: AnalyzedArticle, pubDate: string | null): string[] {
  const mentioned = analyzed.datesMentioned
    .filter((mention) => mention.sentenceIndex < LEAD_SENTENCES && ISO_DATE.test(mention.date))
    .filter((mention) => namesADay(mention.surface))
    .map((mention) => mention.date);
  if (pubDate === null) return mentioned;
  const weekdays = analyzed.sentences
    .filter((sentence) => sentence.index < LEAD_SENTENCES)
    .flatMap((sentence) => weekdayDates(sentence.text, pubDate));
  return [...new Set([...mentioned, ...weekdays])];
}

/**
 * Whether a date as written pins a day ("July 10", "Sunday", "yesterday") rather than a month or year ("April 2022",
 * "in 2023"), which resolve to the 1st and would fake a precise date.
 */
export function namesADay(surface: string): boolean {
  return /\b\d{1,2}(?:st|nd|rd|th)?\b|day\b|yesterday|tonight/i.test(surface);
}

/** "on Sunday", "said Thursday": the latest such weekday on or before the publication date. */
export function weekdayDates(text: string, pubDate: string): string[] {
  const pubDay = dayNumber(pubDate);
  const pubWeekday = new Date(pubDay * DAY_MS).getUTCDay();
  const found = text.toLowerCase().match(/\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/g) ?? [];
  return [...new Set(found)].map((name) => {
    const back = (pubWeekday - WEEKDAYS.indexOf(name) + 7) % 7;
    return new Date((pubDay - back) * DAY_MS).toISOString().slice(0, 10);
  });
}

function isShortlyBefore(date: string, reference: string, maxDays: number): boolean {
  const lag = dayNumber(reference) - dayNumber(date);
  return lag >= 0 && lag <= maxDays;
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
