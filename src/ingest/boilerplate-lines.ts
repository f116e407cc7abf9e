/**
 * Paragraph-level boilerplate that survives the DOM pass because it sits in plain <p> elements: date stamps,
 * bylines, site controls, and the calls to action that close many articles.
 */

const MAX_STAMP_WORDS = 16;
const MAX_CALL_TO_ACTION_WORDS = 40;
/** Calls to action are only trusted near the end, where outlets put them; earlier they may be reporting. */
const TAIL_PARAGRAPHS = 4;

const DATE_STAMP = /^(posted|updated|published|first published|last updated|modified|originally published|original)\b/i;
/** "By Jane Smith - 11/18/19": capitalised name words, then a separator and a date. */
const BYLINE_WITH_DATE = /^[Bb][Yy]\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:(?:and|&)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4})?[-–|,]\s*\S*\d/u;
const CONTROL = /^(advert(isement)?|sponsored|comments?|\d+\s+comments?|post (a )?comment.*|leave a (comment|reply)|tags?\s*:.*|share( this( article| story)?)?|print( article)?|text size|order reprints|sign in|log in|home|menu|skip to (main )?content|tell us what you think\W*|you may also like\W*|(don'?t|do not) miss\W*|read more\W*|related( news| articles| stories| posts)?\s*:?|trending( now| stories)?|more from [\p{L} ]{1,30}|most (read|popular|viewed|shared))$/iu;
/** A line that is only a time stamp: a clock time and a year, with a few words around (weekday, month, zone). */
const MAX_TIMESTAMP_WORDS = 10;
const CLOCK_TIME = /\b\d{1,2}:\d{2}\b/;
const YEAR = /\b(19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/;
/** Photo credits and captions left as text: "(Image: © Agency)", "Image copyright Getty Images". */
const MAX_CREDIT_WORDS = 12;
const CREDIT = /©|^\(?(image|photo|picture|photograph)( copyright| caption| credit)?\s*:|^(image|photo) (copyright|caption|credit)\b/i;
/** Taxonomy lines list many terms, so they may be long. */
const TAXONOMY = /^(tags|tagged|filed under|categories|category|topics)\b\s*[:/|\n]/i;
const MAX_TAXONOMY_WORDS = 60;
const CALL_TO_ACTION = /\b(subscribe|sign up|newsletters?|follow (us|him|her|them|@\w+)|on (twitter|facebook|instagram)|may be reached at|write to \S.* at \S+@|have a tip\?|click here|download (our|the) app|all rights reserved)\b/i;

export function dropBoilerplateParagraphs(paragraphs: string[], title?: string): string[] {
  const normalizedTitle = title ? normalize(title) : null;
  return paragraphs.filter((paragraph, index) => {
    const text = paragraph.replace(/\s+/g, ' ').trim();
    const words = text.split(' ').length;
    if (normalizedTitle && index < 3 && normalize(text) === normalizedTitle) return false;
    if (words <= MAX_STAMP_WORDS && /\d/.test(text) && (DATE_STAMP.test(text) || BYLINE_WITH_DATE.test(text))) return false;
    if (words <= MAX_STAMP_WORDS && CONTROL.test(text)) return false;
    if (words <= MAX_TIMESTAMP_WORDS && CLOCK_TIME.test(text) && YEAR.test(text)) return false;
    if (words <= MAX_CREDIT_WORDS && CREDIT.test(text)) return false;
    if (words <= MAX_TAXONOMY_WORDS && TAXONOMY.test(paragraph.trim())) return false;
    const inTail = index >= paragraphs.length - TAIL_PARAGRAPHS;
    if (inTail && words <= MAX_CALL_TO_ACTION_WORDS && CALL_TO_ACTION.test(text)) return false;
    return true;
  });
}

function normalize(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}
