import { wordCount } from '../text/words.js';
import type { Quote } from '../analyze/types.js';
import { collapseWhitespace } from '../text/spaces.js';
import { contentTokens } from './text.js';
import { jaccard } from './sets.js';

export const DEFAULT_MAX_QUOTES = 8;

/** Rank bonus for each further article quoting the same speaker, and its cap. */
const PROMINENCE_PER_ARTICLE = 0.5;
const MAX_PROMINENCE_BONUS = 1;

/** Word overlap at which two quotes are the same words reported twice. */
const SAME_QUOTE_OVERLAP = 0.6;

/**
 * The thread's best quotes among those analysis found showable: attributed to a known person first, then substantive length; no quote twice;
 * every speaker gets a first quote before anyone gets a second.
 */
export function threadQuotes(
  quotes: readonly Quote[],
  articleOrder: readonly string[] = [],
  max = DEFAULT_MAX_QUOTES,
): Quote[] {
  const orderOf = new Map(articleOrder.map((id, index) => [id, index]));
  // A voice several outlets quote is a main actor of the story: their words lead, ahead of a longer aside.
  const outletsQuoting = new Map<string, Set<string>>();
  for (const quote of quotes) {
    if (!quote.speakerKey && !quote.speaker) continue;
    const articles = outletsQuoting.get(speakerId(quote)) ?? new Set<string>();
    articles.add(quote.articleId);
    outletsQuoting.set(speakerId(quote), articles);
  }
  const prominence = (quote: Quote): number =>
    Math.min(MAX_PROMINENCE_BONUS, PROMINENCE_PER_ARTICLE * ((outletsQuoting.get(speakerId(quote))?.size ?? 1) - 1));
  const ranked = quotes
    // Titles, slogans, fragments and quotes nobody can be named or described for are kept for audit, never shown.
    .filter((quote) => quote.problem === null)
    .map((quote) => ({ quote, value: quoteValue(quote) + prominence(quote) }))
    .sort(
      (left, right) =>
        right.value - left.value ||
        (orderOf.get(left.quote.articleId) ?? Infinity) - (orderOf.get(right.quote.articleId) ?? Infinity) ||
        left.quote.sentenceIndex - right.quote.sentenceIndex ||
        left.quote.text.localeCompare(right.quote.text),
    )
    // Only the best few can make the cut; bounding the pairwise duplicate test keeps big threads fast.
    .slice(0, max * 25)
    .map(({ quote }) => ({ quote, words: new Set(contentTokens(quote.text)) }));
  const distinct: typeof ranked = [];
  for (const item of ranked) {
    if (distinct.some((kept) => sameQuote(kept.quote, kept.words, item.quote, item.words))) continue;
    distinct.push(item);
  }
  return spreadAcrossSpeakers(distinct.map((item) => item.quote), max);
}

/** Quotations of the thread the analysis would not show, each with its problem (for audit), in reading order. */
export function droppedQuotes(quotes: readonly Quote[], articleOrder: readonly string[] = [], max = DEFAULT_MAX_QUOTES * 3): Quote[] {
  const orderOf = new Map(articleOrder.map((id, index) => [id, index]));
  return quotes
    .filter((quote) => quote.problem !== null)
    .sort(
      (left, right) =>
        (orderOf.get(left.articleId) ?? Infinity) - (orderOf.get(right.articleId) ?? Infinity) || left.sentenceIndex - right.sentenceIndex,
    )
    .slice(0, max);
}

/**
 * Resolved people beat resolved organizations beat raw attributions beat anonymous quotes; whole sentences
 * beat fragments picked out of reported speech; 12-40 words reads best.
 */
export function quoteValue(quote: Quote): number {
  const attribution = quote.speakerKey?.startsWith('person:')
    ? 2
    : quote.speakerKey
      ? 1.5
      : quote.speaker
        ? 1
        : 0;
  const opening = quote.text.replace(/^[\s"'“‘…]+/u, '');
  const fragment = /^[\p{Ll}]/u.test(opening) ? 0.75 : 0;
  // "He's very nice..." needs the sentence before it to know who "he" is.
  const leansOnContext = /^(?:he|she|it|they|this|that|these|those|his|her|their)\b/i.test(opening) ? 1 : 0;
  const words = wordCount(quote.text);
  const substance = words < 12 ? words / 12 : words <= 40 ? 1 : 40 / words;
  return attribution + substance - fragment - leansOnContext;
}

function sameQuote(left: Quote, leftWords: Set<string>, right: Quote, rightWords: Set<string>): boolean {
  const leftText = collapseWhitespace(left.text).toLowerCase();
  const rightText = collapseWhitespace(right.text).toLowerCase();
  if (leftText.includes(rightText) || rightText.includes(leftText)) return true;
  return jaccard(leftWords, rightWords) >= SAME_QUOTE_OVERLAP;
}

/** Takes quotes in rank order, one per speaker per round, so one talkative source does not crowd out the others. */
function spreadAcrossSpeakers(ranked: readonly Quote[], max: number): Quote[] {
  const picked: Quote[] = [];
  const taken = new Set<number>();
  for (let round = 0; picked.length < max && taken.size < ranked.length; round++) {
    const quotesBySpeaker = new Map<string, number>();
    for (const quote of picked) {
      const speaker = speakerId(quote);
      quotesBySpeaker.set(speaker, (quotesBySpeaker.get(speaker) ?? 0) + 1);
    }
    let pickedThisRound = false;
    ranked.forEach((quote, index) => {
      if (picked.length >= max || taken.has(index)) return;
      const speaker = speakerId(quote);
      if ((quotesBySpeaker.get(speaker) ?? 0) > round) return;
      taken.add(index);
      picked.push(quote);
      quotesBySpeaker.set(speaker, (quotesBySpeaker.get(speaker) ?? 0) + 1);
      pickedThisRound = true;
    });
    if (!pickedThisRound) break;
  }
  // The spread changes which quotes are in, not how they rank.
  return picked.sort((left, right) => ranked.indexOf(left) - ranked.indexOf(right));
}

function speakerId(quote: Quote): string {
  return quote.speakerKey ?? quote.speaker?.toLowerCase() ?? 'anonymous';
}
