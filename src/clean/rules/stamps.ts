
/**
 * Date and time stamps printed above or below the story: "Posted: Fri 6:45 PM, Feb 16, 2018 |", "Updated at
 * 1:23 p.m.", "By Jane Smith - 11/18/19". Short lines only: a sentence that mentions when something was updated
 * is reporting.
 */
const MAX_STAMP_WORDS = 16;
const STAMP_WORD = /^(?:posted|updated|published|first published|last updated|modified|originally published|original)\b/i;
/** "By Jane Smith - 11/18/19": capitalised name words, then a separator and a date. */
const BYLINE_WITH_DATE = /^[Bb][Yy]\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:(?:and|&)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4})?[-–|,]\s*\S*\d/u;
/** A line that is only a time stamp: a clock time and a year, with a few words around (weekday, month, zone). */
const MAX_TIMESTAMP_WORDS = 10;
const CLOCK_TIME = /\b\d{1,2}[:h]\d{2}\b/;
const YEAR = /\b(?:19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/;

export function isDateStamp(line: string, words: number): boolean {
  if (words <= MAX_STAMP_WORDS && /\d/.test(line) && (STAMP_WORD.test(line) || BYLINE_WITH_DATE.test(line))) return true;
  return words <= MAX_TIMESTAMP_WORDS && CLOCK_TIME.test(line) && YEAR.test(line);
}
