import { splitParagraph } from '../analyze/sentences.js';
import { detached } from '../util/detached.js';
import { sha256Hex } from '../util/hash.js';
import { assignIds } from './ids.js';
import { collectRemovals, keptIndexes, lineKey, toWorkLines, type WorkLine, removeLine } from './lines.js';
import { lineRule } from './classify.js';
import { decideOutlet } from './outlet.js';
import { normalizeOutlet, stripSiteName } from './site.js';
import { cleanInline } from '../text/markup.js';
import { removeCaptions } from './passes/captions.js';
import {
  datelineDate,
  firstBodyIndex,
  readStandaloneCredit,
  takeInlineDateline,
  takeLeadingCredit,
  takeTrailingCredit,
  type Dateline,
} from './passes/credits.js';
import { readHeader } from './passes/header.js';
import { removeLegalSections } from './passes/legal.js';
import { removeOrphans, removeTrailingFragment } from './passes/orphans.js';
import { takePageDate, type PageDate } from './passes/page-date.js';
import { findExplicitDates } from './dates.js';
import { removeRepeats } from './passes/repeats.js';
import { removeSignOff } from './passes/sign-off.js';
import { removeSandwichedTrailer } from './passes/trailer.js';
import { findLastBodyIndex, removeWidgets } from './passes/widgets.js';
import { decidePublished } from './published.js';
import { DEFAULT_LANGUAGES, DEFAULT_MIN_WORDS, decideStatus, languageStatus } from './status.js';
import { articleLanguage } from '../text/language.js';
import { splitParagraphs, wordCountOfTallies } from './text.js';
import type { CleanArticle, CleanOptions, RawDocument } from './types.js';

export { findDateMentions, findExplicitDates, findWeekdays, resolveWeekday, resolveWeekdayMention, parseDate } from './dates.js';

/**
 * One cleaned article per document, in the same order; later copies of an earlier body are marked 'duplicate'.
 * Each article's strings are its own (`detached`: its paragraphs, title and removals are cut from the document's text),
 * so the documents can be let go once cleaned.
 */
export function cleanDocuments(docs: readonly RawDocument[], options: CleanOptions = {}): CleanArticle[] {
  return cleanHandedOver(docs.slice(), options);
}

/**
 * `cleanDocuments` for a caller that hands over its only list of the documents (the pipeline): each entry is cleared
 * once its document is cleaned, so a big day's texts are never all held twice, as read and as cleaned.
 */
export function cleanHandedOver(docs: (RawDocument | undefined)[], options: CleanOptions = {}): CleanArticle[] {
  const ids = assignIds(docs as RawDocument[]);
  const firstByBody = new Map<string, string>();
  return docs.map((_, i) => {
    const doc = docs[i]!;
    docs[i] = undefined;
    const cleaned = cleanToLines(doc, ids[i]!, options);
    const article = detached(cleaned.article);
    if (article.paragraphs.length === 0) return article;
    // A digest, not the text itself, is kept per article: 10,000 bodies would be a lot to hold. It is the digest of
    // the comparison key of the paragraphs joined, made of the keys the kept lines have (a space between two
    // paragraphs adds nothing to a key and separates them as lower-casing needs: a final sigma stays final).
    const key = sha256Hex(cleaned.kept.map(lineKey).join(''));
    const original = firstByBody.get(key);
    if (original === undefined) {
      firstByBody.set(key, article.id);
      return article;
    }
    return { ...article, status: 'duplicate', statusReason: `Same cleaned text as article ${original}.`, duplicateOf: original };
  });
}

/** Cleans one document: junk out (each removal recorded), metadata in, status decided. */
export function cleanDocument(doc: RawDocument, id: string, options: CleanOptions = {}): CleanArticle {
  return cleanToLines(doc, id, options).article;
}

/** `cleanDocument`, with the lines its paragraphs are (what the cleaner knows of each, such as its key, included). */
function cleanToLines(doc: RawDocument, id: string, options: CleanOptions): { article: CleanArticle; kept: WorkLine[] } {
  // Metadata comes from markup (JSON-LD, meta tags, feeds) and is often escaped twice: decoded here, for every format.
  const site = { outlet: cleanInline(doc.meta.source), url: doc.meta.url ?? null };
  const metaTitle = cleanInline(doc.meta.title);
  const lines = toWorkLines(splitParagraphs(doc.text));
  const headerDate = takePageDate(lines);
  for (const line of lines) {
    const rule = line.rule === null ? lineRule(line.text, line.tally.words) : null;
    if (rule) removeLine(line, rule);
  }
  // A date stamp leaves the text but still dates the page ("Updated : Sep 27 , 2013 5 : 50 PM").
  const pageDate = headerDate ?? stampDate(lines);
  removeLegalSections(lines);
  removeWidgets(lines);
  removeSandwichedTrailer(lines);
  removeSignOff(lines);
  const credit = takeClosingCredit(lines);
  removeCaptions(lines);
  const header = readHeader(lines, firstBodyIndex(lines), metaTitle ? stripSiteName(metaTitle, site) : null);
  const opening = takeOpening(lines);
  removeRepeats(lines);
  removeOrphans(lines);
  removeTrailingFragment(lines);

  const kept = keptIndexes(lines).map((i) => lines[i]!);
  const paragraphs = kept.map((line) => line.text);
  const body = paragraphs.join('\n');
  const removed = collectRemovals(lines);
  const bodyWords = wordCountOfTallies(kept.map((line) => line.tally));
  const reference = pageDate?.date ?? null;
  const published = decidePublished({
    metadata: doc.meta.published ?? null,
    dateline: opening.dateline ? datelineDate(opening.dateline, reference) : null,
    page: reference,
    body,
  });
  const outlet = decideOutlet({
    metadata: normalizeOutlet(site.outlet, site.url),
    credit: opening.credit ?? opening.dateline?.wire ?? credit,
    masthead: header.masthead,
    url: doc.meta.url ?? null,
  });
  const language = articleLanguage(body, doc.meta.language);
  const readable = decideStatus({ rawText: doc.text, bodyWords, lastParagraph: paragraphs[paragraphs.length - 1] ?? null, removed, minWords: options.minWords ?? DEFAULT_MIN_WORDS });
  const status = (readable.status === 'ok' && languageStatus(language, options.languages ?? DEFAULT_LANGUAGES)) || readable;
  const datelineText = opening.dateline ? datelineLabel(opening.dateline) : header.datelinePlace;

  const article: CleanArticle = {
    id,
    path: doc.path,
    title: stripSiteName(header.title ?? fallbackTitle(paragraphs), site),
    ...outlet,
    url: doc.meta.url ?? null,
    author: cleanInline(doc.meta.author) ?? header.author,
    language,
    published,
    paragraphs,
    removed,
    ...status,
    digest: doc.digest,
    ...(datelineText ? { dateline: datelineText } : {}),
    ...(pageDate ? { pageDate: pageDate.date } : {}),
  };
  return { article, kept };
}

function stampDate(lines: WorkLine[]): PageDate | null {
  for (const line of lines) {
    if (line.rule !== 'date-stamp') continue;
    const found = findExplicitDates(line.text).find((m) => m.precision === 'day' && m.yearGiven && m.date);
    if (found) return { date: found.date!, surface: found.surface };
  }
  return null;
}

/** The credit closing the story: a trailing "— AFP" on the last paragraph, or a credit line of its own. */
function takeClosingCredit(lines: WorkLine[]): string | null {
  const kept = keptIndexes(lines);
  const last = kept[kept.length - 1];
  if (last === undefined) return null;
  const standalone = readStandaloneCredit(lines[last]!.text);
  if (standalone && kept.length > 1) {
    removeLine(lines[last]!, 'credit');
    return standalone;
  }
  // The credit closes the story only on its last paragraph (not on a caption above more text).
  return last >= findLastBodyIndex(lines) ? takeTrailingCredit(lines[last]!) : null;
}

/** The start of the story's first paragraph: a "(MENAFN)" credit or a "WASHINGTON (Reuters) -" dateline. */
function takeOpening(lines: WorkLine[]): { credit: string | null; dateline: Dateline | null } {
  const first = firstBodyIndex(lines);
  if (first < 0) return { credit: null, dateline: null };
  const credit = takeLeadingCredit(lines[first]!);
  const dateline = credit === null ? takeInlineDateline(lines[first]!) : null;
  return { credit, dateline };
}

function datelineLabel(dateline: Dateline): string {
  return [dateline.place, dateline.wire ? `(${dateline.wire})` : '', dateline.dateText ?? ''].filter(Boolean).join(' ');
}

/** Without a headline: the first sentence of the body, or its first clause when the sentence is long. */
function fallbackTitle(paragraphs: string[]): string {
  const first = paragraphs[0] ?? '';
  // The sentence splitter knows "U.S." and "Sen." do not end a sentence.
  const sentence = (splitParagraph(first)[0] ?? first).replace(/[.!?]+["'”’]?$/, '');
  const list = sentence.split(/\s+/).filter(Boolean);
  if (list.length <= TITLE_WORDS) return sentence;
  // "A man ... has been jailed for 18 years, the police said": the clause before the attribution reads as a headline.
  for (let end = Math.min(list.length - 1, TITLE_WORDS); end >= MIN_CLAUSE_WORDS; end--) {
    if (/[,;:—–]$/.test(list[end - 1]!) || CLAUSE_OPENER.test(list[end]!)) return list.slice(0, end).join(' ').replace(/[,;:—–]$/, '');
  }
  return `${list.slice(0, SHORT_TITLE_WORDS).join(' ')}…`;
}

const TITLE_WORDS = 20;
const SHORT_TITLE_WORDS = 16;
const MIN_CLAUSE_WORDS = 6;
/** Words that open a second clause: a headline can end before them. */
const CLAUSE_OPENER = /^(?:and|but|while|after|as|because|which|who|where|when)$/;
