import { wordCount } from '../text/words.js';
import type { Sentence } from '../analyze/types.js';
import type { CleanArticle } from '../clean/types.js';
import { buildTermSpace, centroidOf, cosineDense, sentenceTokens, vectorizeIn, type SentenceTokens } from './term-space.js';
import { collapseWhitespace } from '../text/spaces.js';
import { contentTokens } from './text.js';

const MAX_HEADLINE_WORDS = 16;
/** Past this many words a sentence reads better cut at its first clause boundary. */
const CLAUSE_CUT_WORDS = 12;

// Titles that describe the page rather than the story.
// "Home", "Index", "News" alone name a page; "Home Depot shares fall" is a story.
const NOT_A_TITLE = /^(?:\d{3}\b|error\b|sorry\b|page not found|not found|access denied|untitled\b|(?:home|index|news)$)/i;
const TITLE_PREFIX = /^(?:breaking(?: news)?|update(?:d)?|exclusive|watch|live|opinion|analysis|video|photos?)\s*(?:\d+\s*)?[:|-]\s*/i;
const ATTRIBUTION_TAIL = /,?\s+(?:(?:officials?|police|authorities|sources|reports?|witnesses)\s+(?:said|say|says)|according to [^,.;]+|(?:he|she|they|it) (?:said|says|added))\.?$/i;

/**
 * A title as a reader should see it: no "BREAKING:" tag, straightened spacing. The site's name was cut from the
 * title where titles are decided (clean/site.ts), with the page's own evidence.
 */
export function cleanTitle(title: string): string {
  return collapseWhitespace(title).replace(TITLE_PREFIX, '').replace(/[\s.:;,|-]+$/u, '');
}

/** Whether a cleaned title can head a story: several words, not an error page or a file name. */
export function isUsableTitle(title: string): boolean {
  const words = wordCount(title);
  if (words < 3 || words > 25) return false;
  if (NOT_A_TITLE.test(title)) return false;
  return !/^[\w-]*\d[\w-]*$/.test(title);
}

/**
 * Headline for a group of articles: the usable title closest to what the articles are about,
 * preferring headline-length titles; else the lead sentence compressed.
 */
export function chooseHeadline(
  articles: readonly CleanArticle[],
  sentences: readonly Sentence[],
  leadSentence: string | null,
  tokens: SentenceTokens = sentenceTokens,
): string {
  const titles = uniqueUsableTitles(articles);
  // One title is the choice whatever its score: no term space to build (most threads of a big day have one article).
  if (titles.length === 1) return titles[0]!;
  if (titles.length > 0) {
    const titleTokens = titles.map(contentTokens);
    // Titles join the IDF documents so a word used in every title is not mistaken for a distinctive one.
    const space = buildTermSpace([...sentences.map(tokens), ...titleTokens]);
    const centroid = centroidOf(space.vectors.slice(0, sentences.length), space.vocabulary.size);
    const scored = titles.map((title, index) => ({
      title,
      score: cosineDense(vectorizeIn(space, titleTokens[index]!), centroid) * lengthFit(wordCount(title)),
    }));
    scored.sort((left, right) => right.score - left.score || left.title.localeCompare(right.title));
    return scored[0]!.title;
  }
  return leadSentence ? compressSentence(leadSentence) : '';
}

function uniqueUsableTitles(articles: readonly CleanArticle[]): string[] {
  const seen = new Set<string>();
  const titles: string[] = [];
  for (const article of articles) {
    const title = cleanTitle(article.title ?? '');
    const key = title.toLowerCase();
    if (!isUsableTitle(title) || seen.has(key)) continue;
    seen.add(key);
    titles.push(title);
  }
  return titles;
}

/** 6-14 words is a headline; longer ones are subtitles or whole sentences. */
function lengthFit(words: number): number {
  if (words < 6) return 0.7 + 0.05 * words;
  if (words <= 14) return 1;
  return Math.max(0.5, 1 - 0.05 * (words - 14));
}

/** A sentence cut to headline size: attribution tail and parentheses removed, cut at a clause boundary if long. */
export function compressSentence(sentence: string, maxWords = MAX_HEADLINE_WORDS): string {
  let text = collapseWhitespace(sentence)
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/[.!]+["'”’]?$/u, '')
    .replace(ATTRIBUTION_TAIL, '');
  if (wordCount(text) > Math.min(maxWords, CLAUSE_CUT_WORDS)) {
    const clause = text.split(/(?:,\s+(?:which|who|where|while|after|as|but|and)\b|;\s+|\s+[–—]\s+)/)[0]!;
    if (wordCount(clause) >= 5) text = clause;
  }
  const words = text.split(/\s+/);
  if (words.length > maxWords) text = `${words.slice(0, maxWords).join(' ')}…`;
  return text.replace(/[\s,;:]+$/u, '');
}
