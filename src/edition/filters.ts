import type { CleanArticle } from '../clean/types.js';
import type { EditionConfig } from '../config/index.js';
import { keywordFilter } from '../sources/filter.js';
import { fromWall } from '../schedule/zoned.js';

const DAY_MS = 86_400_000;

/** The instants an edition covers: `hours` before its end. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/**
 * The window of an edition for a briefing date: it ends at `now` when the date is today (or later) in the edition's
 * zone, else at the end of that date, so `generate --date` of a past day covers that day and not today.
 */
export function editionWindow(hours: number, date: string, timeZone: string, now: Date): TimeWindow {
  const endOfDate = new Date(fromWall(Date.parse(`${date}T00:00:00Z`) + DAY_MS, timeZone));
  const end = endOfDate.getTime() <= now.getTime() ? endOfDate : now;
  return { start: new Date(end.getTime() - hours * 3_600_000), end };
}

/** What an edition keeps of a day's articles, as data: the filter is made from it where the engine runs (a thread). */
export interface EditionFilter {
  edition: EditionConfig;
  window?: TimeWindow;
}

/**
 * The edition's article filter for the pipeline: null keeps an article, a reason leaves it out.
 * Published dates are days (YYYY-MM-DD in the article's own terms), so an article is in the window when any part of
 * its day (read in the edition's zone) overlaps it; an undated article counts as in the window, since dropping it
 * would silently lose news whose page simply carries no date.
 */
export function editionArticleFilter({ edition, window }: EditionFilter): ((article: CleanArticle) => string | null) | undefined {
  const keywords = keywordFilter(edition.filters);
  const entities = keywordFilter({ include: edition.filters.entities });
  const outlets = new Set(edition.filters.outlets.map((o) => o.toLowerCase()));
  if (!window && !keywords && !entities && outlets.size === 0) return undefined;
  const zone = edition.schedule.timezone;
  return (article) => {
    const text = article.paragraphs.join('\n');
    if (window && article.published.date) {
      const dayStart = fromWall(Date.parse(`${article.published.date}T00:00:00Z`), zone);
      const dayEnd = fromWall(Date.parse(`${article.published.date}T00:00:00Z`) + DAY_MS, zone);
      if (dayEnd <= window.start.getTime() || dayStart >= window.end.getTime()) {
        return `edition "${edition.name}": published ${article.published.date}, outside the edition's window (${window.start.toISOString()} to ${window.end.toISOString()})`;
      }
    }
    if (outlets.size > 0 && !(article.outlet && outlets.has(article.outlet.toLowerCase()))) {
      return `edition "${edition.name}": outlet ${article.outlet ?? '(unknown)'} is not one of the edition's outlets`;
    }
    if (keywords && !keywords(article.title, text)) return `edition "${edition.name}": left out by the edition's include/exclude keywords`;
    if (entities && !entities(article.title, text)) return `edition "${edition.name}": mentions none of the edition's entities`;
    return null;
  };
}
