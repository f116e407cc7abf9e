/**
 * Whether a quantity can be a key figure of a briefing. Precision first: a number that is part of a name, a code,
 * a phone number, a score or a date, or that comes from a story's background, is kept out and the reason recorded,
 * because an omitted figure costs the reader little and a wrong one costs their trust.
 */
import type { Quantity } from '../types.js';
import { readsAsEnglish } from './label.js';
import { countsPeople } from './score.js';

/** Why a quantity is not a key figure; each names one rule. */
export type DropReason =
  | 'language'
  | 'phone-number'
  | 'emergency-number'
  | 'year'
  | 'code'
  | 'name'
  | 'list'
  | 'score'
  | 'unlabelled'
  | 'small-count'
  | 'fragment'
  | 'background';

export interface KeyFigureInput {
  /** The sentence the quantity is in. */
  text: string;
  quantity: Quantity;
  label: string;
  /** Years the sentence places itself in ("in 2011", "the 14th century"), for the background rule. */
  pastYears: readonly number[];
  /** The year the article was published, when known. */
  publishedYear: number | null;
}

/** A quantity with no unit, currency or percent: a bare count or number. */
function isBare(q: Quantity): boolean {
  return q.unit === null && (q.kind === 'count' || q.kind === 'number');
}

/**
 * Telephone and account numbers are dialled or quoted, never counted: "+49 (0)40 1234 5678", "(555) 123-4567",
 * "555-123-4567", "1111-22223333-4444". A range ("10-15") or an ISO date ("2025-07-10") has too few or too short
 * groups to match.
 */
const PHONE_NUMBERS = [
  /(?<![\p{L}\d])\+\d{1,3}(?:[ \u00a0.\-]*\(0\))?(?:[ \u00a0.\-/]*\(?\d{2,}\)?){2,}/gu,
  /(?<![\p{L}\d])\(\d{2,5}\)[ \u00a0]?\d{3,4}[ \u00a0.\-]?\d{3,4}(?![\p{L}\d])/gu,
  /(?<![\p{L}\d.])\d{3}([.\-])\d{3}\1\d{4}(?![\p{L}\d])/gu,
  /(?<![\p{L}\d])\d{3,}(?:-\d{3,}){2,}(?![\p{L}\d])/gu,
];

/** Where the sentence's telephone numbers are, as start and end pairs. */
function phoneNumberBounds(text: string): number[] {
  const bounds: number[] = [];
  for (const re of PHONE_NUMBERS) for (const m of text.matchAll(re)) bounds.push(m.index, m.index + m[0].length);
  return bounds;
}

function insidePhoneNumber(phoneNumbers: readonly number[], q: Quantity): boolean {
  for (let k = 0; k < phoneNumbers.length; k += 2) if (phoneNumbers[k]! < q.end && q.start < phoneNumbers[k + 1]!) return true;
  return false;
}

/** Emergency lines are dialled, not counted: "called 911", "999 calls", "a 112 operator". */
const EMERGENCY_NUMBERS = new Set(['911', '999', '112']);
const DIALLED_BEFORE = /\b(call|calls|called|calling|dial|dials|dialed|dialled|dialing|dialling|phoned|phoning|rang|ring|text|texted)\s+$/i;
const LINE_AFTER = /^[\s-]+(call|calls|caller|callers|dispatch|dispatcher|dispatchers|operator|operators|cent(?:er|re)s?|lines?|services?|system|emergency|number)\b/i;

function isEmergencyNumber(text: string, q: Quantity): boolean {
  if (!EMERGENCY_NUMBERS.has(q.surface)) return false;
  return DIALLED_BEFORE.test(text.slice(Math.max(0, q.start - 20), q.start)) || LINE_AFTER.test(text.slice(q.end, q.end + 20));
}

/** "1990s", "his 20s": a decade or an age bracket read as seconds. */
function isDecade(q: Quantity): boolean {
  return q.unit === 'second' && /^\d*0['’]?s$/.test(q.surface);
}

/**
 * News copy groups thousands ("2,000 people"); an ungrouped run of four or more digits is a year ("2016
 * elections"), a postcode, a box number or a model number ("8088 chip").
 */
function isUngroupedDigits(q: Quantity): boolean {
  return isBare(q) && /^\d{4,}$/.test(q.surface);
}

function isYearShaped(q: Quantity): boolean {
  return isUngroupedDigits(q) && q.value >= 1000 && q.value <= 2100;
}

/**
 * Digits that belong to a code: a leading zero ("095", "0100 GMT"), letters glued on either side ("1080p",
 * "401(k)"), a magnitude letter with no currency ("4K", "5G", "2B"), or digits joined to digits by a slash or a
 * dot ("2022/23", "24/7").
 */
function isCode(text: string, q: Quantity): boolean {
  if (!isBare(q)) return false;
  if (/^0\d/.test(q.surface)) return true;
  if (/^\d+(?:\.\d+)?[kKMGBT]$/.test(q.surface)) return true;
  const before = text.slice(Math.max(0, q.start - 2), q.start);
  const after = text.slice(q.end, q.end + 2);
  if (/\p{L}$/u.test(before) || /^\p{L}/u.test(after) || /^\(\p{L}/u.test(after)) return true;
  return /\d[/.:]$/.test(before) || /^[/:]\d/.test(after);
}

/** True when the text before a word ends where a sentence, a quotation or a clause opens: its capital says nothing. */
function opensClause(before: string): boolean {
  return /(?:^|[:;—–(“‘"'])[\s"'“‘(]*$/.test(before);
}

/** The word right before the number and whether it opens the sentence. */
function wordBefore(text: string, q: Quantity): { word: string; opensSentence: boolean } | null {
  const m = /([\p{L}\p{N}&.'’]+)\s+$/u.exec(text.slice(Math.max(0, q.start - 40), q.start));
  if (!m) return null;
  const at = q.start - m[0].length;
  return { word: m[1]!, opensSentence: opensClause(text.slice(0, at)) };
}

/** Calendar words name days and years, not things: "March 3", "in May 2019", "on Tuesday 300 people". */
const CALENDAR_WORDS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?$/i;

/**
 * A number inside a name: after a capitalised word ("Week 11", "iPhone 11", "S&P 500", "Section 230", "Destiny
 * 2"), after another number ("400 737 Max jets": the 737), or a capitalised number word mid-sentence ("SIX Swiss
 * Exchange", "Half Life").
 */
function isNamePart(text: string, q: Quantity): boolean {
  // "SIX Swiss Exchange", "Half Life", "the Fair Hill Three-Day Event": a number word capitalised mid-sentence.
  if (/^\p{L}/u.test(q.surface) && q.kind !== 'money' && q.kind !== 'percent') {
    return /\p{Lu}/u.test(q.surface) && !opensClause(text.slice(0, q.start));
  }
  if (!isBare(q)) return false;
  if (/^\d+\s+\p{Lu}/u.test(text.slice(q.start)) && /\d\s+$/.test(text.slice(Math.max(0, q.start - 3), q.start))) return true;
  // "40 Under 40": a capitalised word between two numbers makes one name of them.
  if (/^\s+\p{Lu}\p{L}*\s+\d/u.test(text.slice(q.end))) return true;
  const before = wordBefore(text, q);
  // "Russia's 415 drones": a possessive owns the figure, it does not name it.
  if (!before || !/\p{Lu}/u.test(before.word) || /['’]s?$/.test(before.word) || CALENDAR_WORDS.test(before.word)) return false;
  // A sentence's first word is capitalised anyway ("About 200 people"); there only a capital inside ("iPhone 11") names.
  return !before.opensSentence || /\p{Lu}/u.test(before.word.slice(1));
}

/** "520 Third Street", "10 Downing St.": a house number names a place. */
const STREET_AFTER = /^\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Dr|Place|Square|Way|Court|Terrace)\b/u;

function isHouseNumber(text: string, q: Quantity): boolean {
  return isBare(q) && /^\d+$/.test(q.surface) && STREET_AFTER.test(text.slice(q.end));
}

/** "the 10 best deals", "top 10": the length of a list, page furniture rather than news. */
function isListSize(text: string, q: Quantity): boolean {
  if (!isBare(q)) return false;
  const after = /^\s+(best|worst|biggest|greatest|largest|smallest|highest|lowest|cheapest|most|top)\b/i.test(text.slice(q.end));
  return after || /\btop\s+$/i.test(text.slice(Math.max(0, q.start - 5), q.start));
}

/** "won 24-17", "a 1-6-2 skid", "at 5-4", "0-3 in the division": scores and records, not ranges or counts. */
function isScore(text: string, q: Quantity): boolean {
  if (q.unit !== null) return false;
  if (q.range && /^\d+\s?[-–]\s?\d+$/.test(q.surface) && (q.range.low === 0 || q.range.high === 0)) return true;
  const joinedBefore = /\d[-–]$/.test(text.slice(Math.max(0, q.start - 2), q.start));
  const joinedAfter = /^[-–]\d/.test(text.slice(q.end, q.end + 2));
  return joinedBefore || joinedAfter;
}

/**
 * A figure must say what it measures: a unit, or a label, and some words of its own around it; an unlabelled
 * "100%" is the idiom ("suits you 100%"), not a share of anything.
 */
function isUnlabelled(text: string, q: Quantity, label: string): boolean {
  if (label !== '') return false;
  if (q.unit === null || (q.unit === 'percent' && q.value >= 100)) return true;
  const rest = `${text.slice(0, q.start)} ${text.slice(q.end)}`;
  return (rest.match(/\p{L}+/gu) ?? []).length < 3;
}

/** People whose number is news even when small. */
const PEOPLE = /\b(persons?|men|women|kids|babies|students|workers|service ?members|residents|patients|passengers|migrants|protesters|militants|insurgents|miners|crew|firefighters|officers|journalists)\b/i;

/** What happened to the people a small count counts, said right after it: "Two service members have been killed". */
const HUMAN_COST_AFTER = /^[^.;:]{0,50}?\b(killed|dead|died|wounded|injured|hurt|missing|arrested|detained|released|freed|rescued|kidnapped|abducted|executed|captured|hospitali[sz]ed|evacuated)\b/i;

/** "Get access to ... for as little as Rs 599", "Save 40% today": a call to the reader is the page selling itself. */
const CALL_TO_ACTION = /^[\s"'“‘]*(get|subscribe|sign up|download|click|register|join|buy|order|shop|save|follow|listen|watch|read on|try)\b/i;

/**
 * A key figure comes with a sentence that says what happened; a line of three words or fewer is a list item, a
 * stat line or a caption (page furniture, like a call to action) ("Davis 17 points.", "1 tsp ground ginger", "85%"), while "Prices rose 20% in May." says it.
 */
function isFragment(text: string): boolean {
  return (text.match(/\S*\p{L}\S*/gu) ?? []).length <= 3;
}

/** What happened to the people counted, said right before: "the deaths of at least four members of the security forces". */
const HUMAN_COST_BEFORE = /\b(deaths?|killings?|killing|murders?|kidnappings?|arrests?|detention|release|rescue|evacuation)\s+of\s+(?:at\s+least\s+|some\s+|about\s+|nearly\s+|another\s+)?$/i;

/**
 * Small counts are trivia ("two stairs", "one exception", "2 articles"), unless what they count is people or human
 * cost: "two hostages", "three children", "Two service members have been killed".
 */
function isSmallCount(text: string, q: Quantity, label: string): boolean {
  if (!isBare(q) || Math.abs(q.value) >= 10) return false;
  if (countsPeople(label, '') || PEOPLE.test(label)) return false;
  return !HUMAN_COST_AFTER.test(text.slice(q.end)) && !HUMAN_COST_BEFORE.test(text.slice(Math.max(0, q.start - 60), q.start));
}

/**
 * A sentence set before last year tells the story's background ("the Black Death killed 25 million people in the
 * 14th century", "as of 2016, the country had admitted 1.4 million refugees"): its figures are not today's news.
 */
function isBackground(pastYears: readonly number[], publishedYear: number | null): boolean {
  if (publishedYear === null) return false;
  return pastYears.some((year) => year < publishedYear - 1);
}

/**
 * What the rules read from the whole sentence rather than around one quantity: the same for every quantity in it,
 * so a sentence with several is read once (`sentenceFacts`), not once per quantity.
 */
export interface SentenceFacts {
  english: boolean;
  /** Start and end of each telephone number in the sentence. */
  phoneNumbers: readonly number[];
  /** A list item, stat line, caption or call to action. */
  fragment: boolean;
}

export function sentenceFacts(text: string): SentenceFacts {
  return { english: readsAsEnglish(text), phoneNumbers: phoneNumberBounds(text), fragment: isFragment(text) || CALL_TO_ACTION.test(text) };
}

/**
 * The first rule a quantity breaks, or null when it can be a key figure. `facts` are the sentence's (`sentenceFacts`
 * of `text`), read here when not given.
 */
export function whyNotKeyFigure(
  { text, quantity: q, label, pastYears, publishedYear }: KeyFigureInput,
  facts: SentenceFacts = sentenceFacts(text),
): DropReason | null {
  if (!facts.english) return 'language';
  if (insidePhoneNumber(facts.phoneNumbers, q)) return 'phone-number';
  if (isEmergencyNumber(text, q)) return 'emergency-number';
  if (isDecade(q) || isYearShaped(q)) return 'year';
  if (isUngroupedDigits(q) || isCode(text, q) || isHouseNumber(text, q)) return 'code';
  if (isNamePart(text, q)) return 'name';
  if (isListSize(text, q)) return 'list';
  if (isScore(text, q)) return 'score';
  if (isUnlabelled(text, q, label)) return 'unlabelled';
  if (isSmallCount(text, q, label)) return 'small-count';
  if (facts.fragment) return 'fragment';
  if (isBackground(pastYears, publishedYear)) return 'background';
  return null;
}

/** "since 2016" reaches to now; "in 2011", "as of 2016", "a 2018 analysis" place the sentence in that year. */
const SINCE_BEFORE = /\b(since|from|until|till|through|by|to)\s+$/i;
const CENTURY = /\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b/gi;

/** Past years a sentence is set in: its years (but not "since ..."), its decades, and centuries by their first year. */
export function yearsSetIn(text: string, quantities: readonly Quantity[]): number[] {
  const years: number[] = [];
  for (const q of quantities) {
    const year = q.kind === 'year' ? q.value : isDecade(q) && q.value >= 1000 ? q.value : null;
    if (year === null || !Number.isInteger(year)) continue;
    if (SINCE_BEFORE.test(text.slice(Math.max(0, q.start - 12), q.start))) continue;
    years.push(year);
  }
  for (const m of text.matchAll(CENTURY)) years.push((Number(m[1]) - 1) * 100);
  return years;
}
