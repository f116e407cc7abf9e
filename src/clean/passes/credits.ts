import { findExplicitDates } from '../dates.js';
import { type WorkLine, isBodyLine, trimLine } from '../lines.js';
import { splitTrailingCredit } from '../rules/captions.js';
import { isSentenceLike, wordCount } from '../text.js';
import { WIRE_SERVICES } from '../../text/agencies.js';

export interface Dateline {
  /** "WASHINGTON", "KUALA LUMPUR", "MOSCOW, Russia". */
  place: string;
  /** Wire named in the dateline: "Reuters" in "WASHINGTON (Reuters) -". */
  wire: string | null;
  /** The date as written ("March 16"), when the dateline has one. */
  dateText: string | null;
}

const LEADING_CREDIT = /^\(([A-Z][\w&.'’ -]{1,30})\)\s*(?:[-–—:]{1,2}\s*)?(?=\S)/;
const MONTH_DAY = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.? \\d{1,2}(?:,? \\d{4})?';
const DATELINE = new RegExp(
  `^([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+)?)?)` +
    `(?: ?\\(([A-Za-z][\\w&.'’ -]{1,30})\\))?(?:,? (${MONTH_DAY}))?(?: ?\\(([A-Za-z][\\w&.'’ -]{1,30})\\))?` +
    `(?: ?[-–—:]{1,2} ?| [-–—]{1,2} )(?=["“‘'A-Z])`,
);

/**
 * "Hong Kong (CNN Business)A muddled view ..." / "Washington (CNN) — ...": a place in ordinary capitals with the
 * outlet in brackets. Prose never glues a capital to a closing bracket, so glued or dash-separated is a dateline;
 * with a plain space, only when the bracket names a wire or broadcaster.
 */
const BRACKETED_DATELINE = /^(\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,3}(?:, \p{Lu}[\p{L}.'’-]+)?) ?\((\p{Lu}[\p{L}&.'’ -]{1,30})\)(\s?[-–—:]{1,2}\s?|\s?)(?=["“‘'\p{Lu}])/u;
const BROADCASTERS = /^(?:CNN|BBC|NBC|CBS|ABC|Fox|CNBC|Sky|RFI|DW|NPR)\b/;

/** "(MENAFN) Russian Foreign Minister ..." -> the outlet credit, cut from the first paragraph of the story. */
export function takeLeadingCredit(line: WorkLine): string | null {
  const match = LEADING_CREDIT.exec(line.text);
  if (!match || wordCount(match[1]!) > 4) return null;
  trimLine(line, 'credit', match[0].trim(), line.text.slice(match[0].length));
  return match[1]!.trim();
}

/** "WASHINGTON (Reuters) March 16 - ..." / "WASHINGTON: ..." at the start of the story. */
export function takeInlineDateline(line: WorkLine): Dateline | null {
  const match = DATELINE.exec(line.text);
  if (!match) return takeBracketedDateline(line);
  const place = match[1]!;
  // An all-caps word or two is a place; one letter-pair ("US:") or an acronym list is too weak to tell.
  if (place.replace(/[^A-Z]/g, '').length < 3) return null;
  trimLine(line, 'dateline', match[0].trim(), line.text.slice(match[0].length));
  return { place, wire: match[2] ?? match[4] ?? null, dateText: match[3] ?? null };
}

function takeBracketedDateline(line: WorkLine): Dateline | null {
  const match = BRACKETED_DATELINE.exec(line.text);
  if (!match) return null;
  const [whole, place, wire, separator] = match as unknown as [string, string, string, string];
  const known = WIRES.has(wire.toLowerCase()) || BROADCASTERS.test(wire);
  if (separator === ' ' && !known) return null;
  if (wordCount(wire) > 4) return null;
  trimLine(line, 'dateline', whole.trim(), line.text.slice(whole.length));
  return { place, wire, dateText: null };
}

/** "... previously held by Ukraine. — AFP" closing the story -> the outlet credit. */
export function takeTrailingCredit(line: WorkLine): string | null {
  const split = splitTrailingCredit(line.text);
  // A parenthesized credit at the end is a photo credit ("(AFP/Getty)"), not the outlet's byline.
  if (!split || split.removed.startsWith('(') || !isSentenceLike(split.body)) return null;
  trimLine(line, 'credit', split.removed, split.body);
  return split.credit;
}

/** A credit on a line of its own at the end: "— AFP", "AFP", "(Reuters)". */
export function readStandaloneCredit(text: string): string | null {
  const match = /^(?:[-–—]{1,2}\s*|\()?([A-Z][\w&.'’]*(?: [A-Z][\w&.'’]*){0,2}|dpa)\)?$/.exec(text);
  if (!match) return null;
  return WIRES.has(match[1]!.toLowerCase()) ? match[1]! : null;
}

/** Who may credit a story at its end or in its dateline: the wire services, broadcasters, and "Agencies". */
const WIRES: ReadonlySet<string> = new Set([...WIRE_SERVICES, 'agencies', 'bbc', 'cnn']);

/** The date a dateline carries, resolved against the page date when it has no year. */
export function datelineDate(dateline: Dateline, reference: string | null): string | null {
  if (!dateline.dateText) return null;
  const mention = findExplicitDates(dateline.dateText, reference)[0];
  return mention?.precision === 'day' ? mention.date : null;
}

export function firstBodyIndex(lines: WorkLine[]): number {
  return lines.findIndex((line) => line.rule === null && isBodyLine(line));
}
