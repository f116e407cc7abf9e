import { type WorkLine, lineKey, removeLine } from '../lines.js';
import { comparisonKey, endsLikeSentence, isAllCapitalized, isSentenceLike, isUpperCase, words, wordCount } from '../text.js';

export interface HeaderFacts {
  title: string | null;
  author: string | null;
  masthead: string | null;
  /** Place line above the story ("KUALA LUMPUR"). */
  datelinePlace: string | null;
}

const PUBLICATION_WORD =
  /\b(?:Times|Post|News|Herald|Journal|Tribune|Guardian|Independent|Telegraph|Gazette|Observer|Daily|Chronicle|Express|Mail|Mirror|Standard|Monitor|Insider|Review|Reporter|Inquirer|Courier|Press|Dispatch|Sun|Star|Today|Agency|Wire|Online|Magazine|Weekly)\b/;
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'bin', 'al', 'da', 'del', 'der', 'la', 'le', 'du']);
// "By" in any case, then a capitalized name: "By the end of the day, ..." opens a sentence, not a byline.
const BY_LINE = /^[Bb][Yy]\s+(\p{Lu}[^|,;]*?)(?:\s*(?:[|,;]|\band\b(?=\s+[a-z])).*)?$/u;

/**
 * The block above the first paragraph of the story: finds the headline, removes repeats of it,
 * the byline, a place line and masthead furniture. Lines that read as prose are left alone.
 */
export function readHeader(lines: WorkLine[], firstBody: number, metaTitle: string | null): HeaderFacts {
  const end = firstBody < 0 ? lines.length : firstBody;
  const header = range(0, end).filter((i) => lines[i]!.rule === null);
  const masthead = findMasthead(lines, header);
  const facts: HeaderFacts = { title: metaTitle, author: null, masthead: masthead?.name ?? null, datelinePlace: null };
  for (const i of masthead?.indexes ?? []) removeLine(lines[i]!, 'masthead');

  const metaKey = metaTitle ? comparisonKey(metaTitle) : '';
  const titleIndex = metaTitle ? header.find((i) => isTitle(lines[i]!, metaKey)) : header.find((i) => isHeadlineCandidate(lines[i]!));
  if (titleIndex !== undefined) {
    facts.title ??= lines[titleIndex]!.text;
    removeLine(lines[titleIndex]!, 'title');
  }
  // The title is the page's own (its key made above) or the header line taken for it (its key made once, with the line).
  const titleKey = facts.title === metaTitle ? metaKey : lineKey(lines[titleIndex!]!);
  for (const i of header) {
    const line = lines[i]!;
    if (line.rule !== null) continue;
    if (isTitle(line, titleKey)) removeLine(line, 'title');
    else if (facts.author === null && readByline(line.text, nearTitle(header, i, titleIndex)) !== null) {
      facts.author = readByline(line.text, true);
      removeLine(line, 'byline');
    } else if (titleIndex !== undefined && i < titleIndex && !isSentenceLike(line.text, line.tally.words) && line.tally.words <= 12) {
      removeLine(line, 'header');
    } else if (isPlaceLine(line.text) && facts.datelinePlace === null) {
      facts.datelinePlace = line.text;
      removeLine(line, 'dateline');
    }
  }
  return facts;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

/**
 * Titles compare on letters and digits only, so a copy that lost its apostrophes still matches: the line's key (made
 * once per line, `lineKey`) against the title's, made once per header.
 */
function isTitle(line: WorkLine, titleKey: string): boolean {
  return titleKey.length > 0 && lineKey(line) === titleKey;
}

function isHeadlineCandidate(line: WorkLine): boolean {
  const count = line.tally.words;
  if (count < 4 || count > 30 || /https?\s*:|www\s*\./i.test(line.text)) return false;
  if (/\.["'”’]?$/.test(line.text) && !/\b[A-Z]\.$/.test(line.text)) return false;
  return !(isUpperCase(line.text) && count <= 5);
}

/** A publication name above the headline: a short line printed twice, or one that reads like a paper's name. */
function findMasthead(lines: WorkLine[], header: number[]): { name: string; indexes: number[] } | null {
  const byKey = new Map<string, number[]>();
  for (const i of header) {
    const text = lines[i]!.text;
    if (lines[i]!.tally.words > 6 || endsLikeSentence(text) || !isAllCapitalized(text)) continue;
    const key = lineKey(lines[i]!);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  }
  for (const indexes of byKey.values()) {
    if (indexes.length >= 2 && !isNameLike(lines[indexes[0]!]!.text)) return { name: outletName(lines[indexes[0]!]!.text), indexes };
  }
  for (const indexes of byKey.values()) {
    const text = lines[indexes[0]!]!.text;
    if (PUBLICATION_WORD.test(text) && header.indexOf(indexes[0]!) < header.length - 1) return { name: outletName(text), indexes };
  }
  return null;
}

/** "The Independent UK" -> "The Independent": edition suffixes are not part of the name. */
export function outletName(text: string): string {
  return text.replace(/\s+(?:UK|US|USA|Online|Digital|International|Edition|\.com|\.co\.uk)$/i, '').trim();
}

/** "By Jane Doe, Reuters" -> "Jane Doe"; a bare "Jane Doe" line only counts when `bareNameAllowed`. */
export function readByline(text: string, bareNameAllowed: boolean): string | null {
  const by = BY_LINE.exec(text);
  if (by && wordCount(by[1]!) <= 8) return by[1]!.trim();
  return bareNameAllowed && isNameLike(text) ? text : null;
}

// A bare name is a byline only right next to the headline; elsewhere it is more likely a label.
const BYLINE_DISTANCE = 2;

function nearTitle(header: number[], index: number, titleIndex: number | undefined): boolean {
  if (titleIndex === undefined) return false;
  return Math.abs(header.indexOf(index) - header.indexOf(titleIndex)) <= BYLINE_DISTANCE;
}

/** Two to four capitalized words with nothing else: how a bare byline looks. */
function isNameLike(text: string): boolean {
  const list = words(text);
  if (list.length < 2 || list.length > 4 || isUpperCase(text) || /[\d.,:;!?()"“”<>|/]/.test(text)) return false;
  const capitalized = list.filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length;
  return list.every((w) => /^\p{Lu}/u.test(w) || NAME_PARTICLES.has(w)) && capitalized >= 2 && !PUBLICATION_WORD.test(text) && !/^The\b/.test(text);
}

/** "KUALA LUMPUR": a short all-capitals place line above the story. */
function isPlaceLine(text: string): boolean {
  return isUpperCase(text) && wordCount(text) <= 4 && /^[\p{Lu}][\p{Lu} ,.'’-]+$/u.test(text);
}
