import type { CleanArticle } from '../clean/types.js';
import { objectMemo } from '../util/memo.js';
import { datesInSentences } from './dates.js';
import { mergeMentions, placedCandidates } from './entities.js';
import type { PlacedCandidate } from './merge.js';
import { figureCandidates } from './figures/index.js';
import { extractQuotes } from './quotes.js';
import { paragraphsOf, sentenceBounds } from './sentences.js';
import type { AnalyzedArticle, Analysis, Entity, EntityMention, Figure, Quote, Sentence } from './types.js';
import { appendAll } from '../util/append.js';
import { detached } from '../util/detached.js';

export { splitSentences } from './sentences.js';
export { extractEntities, findNameCandidates } from './entities.js';
export { extractQuotes } from './quotes.js';

/** An article's sentences in reading order, each with the paragraph it came from. */
export function articleSentences(article: CleanArticle): Sentence[] {
  return sentencesFromLayout(article, sentenceLayout(article));
}

/** Numbers a sentence takes in a `sentenceLayout`: paragraph, part of the paragraph, start, end. */
const LAYOUT_STRIDE = 4;

/**
 * The part number of a paragraph that is its own one part (one collapsed line, as nearly every cleaned paragraph is):
 * its sentences are sliced from the paragraph itself, which is then never split again when they are read.
 */
const WHOLE_PARAGRAPH = -1;

/**
 * Where the article's sentences are, as numbers: for each, its paragraph, the part of that paragraph (`paragraphsOf`
 * splits a paragraph whose lines are not wraps; `WHOLE_PARAGRAPH` when the part is the paragraph) and its bounds in
 * that part. Four numbers instead of a string and an object a sentence; `sentencesFromLayout` slices the same texts
 * again. The parts are normalized as `splitParagraph` reads them: `paragraphsOf` makes each one collapsed.
 */
export function sentenceLayout(article: CleanArticle): Int32Array {
  const layout: number[] = [];
  article.paragraphs.forEach((paragraph, paragraphIndex) => {
    const parts = paragraphsOf(paragraph);
    const whole = parts.length === 1 && parts[0] === paragraph;
    parts.forEach((part, partIndex) => {
      const bounds = sentenceBounds(part);
      const partNumber = whole ? WHOLE_PARAGRAPH : partIndex;
      for (let k = 0; k < bounds.length; k += 2) layout.push(paragraphIndex, partNumber, bounds[k]!, bounds[k + 1]!);
    });
  });
  return Int32Array.from(layout);
}

/**
 * The texts a layout's rows are cut from, read row by row: a paragraph split into parts is split once for all its
 * rows in a row (rows come in reading order), one that is its own part not at all.
 */
class LayoutTexts {
  private splitOf = -1;
  private parts: string[] = [];

  constructor(
    private readonly paragraphs: readonly string[],
    private readonly layout: Int32Array,
  ) {}

  /** The text the bounds of the layout's row at `row` (a multiple of LAYOUT_STRIDE) are offsets into. */
  textOf(row: number): string {
    const paragraphIndex = this.layout[row]!;
    const paragraph = this.paragraphs[paragraphIndex]!;
    const part = this.layout[row + 1]!;
    if (part === WHOLE_PARAGRAPH) return paragraph;
    if (this.splitOf !== paragraphIndex) {
      this.parts = paragraphsOf(paragraph);
      this.splitOf = paragraphIndex;
    }
    return this.parts[part]!;
  }
}

/** The sentences a `sentenceLayout` of the article describes: equal to the ones it was taken from. */
export function sentencesFromLayout(article: CleanArticle, layout: Int32Array): Sentence[] {
  const sentences: Sentence[] = [];
  const texts = new LayoutTexts(article.paragraphs, layout);
  for (let row = 0; row < layout.length; row += LAYOUT_STRIDE) {
    const text = texts.textOf(row).slice(layout[row + 2], layout[row + 3]);
    sentences.push({ articleId: article.id, index: sentences.length, paragraph: layout[row]!, text });
  }
  return sentences;
}

/** Numbers a mention takes in a compact list: entity key, sentence, start, end. */
const MENTION_STRIDE = 4;

/**
 * An article after the first depth whose sentences and mentions are kept as numbers (`sentenceLayout`, and each
 * mention's key, sentence and bounds), not as strings and objects: on a day of many thousand articles those were
 * most of what stayed in memory for the whole run (about 12 KB an article), though a briefing shows a few dozen
 * threads in full. Each read of `sentences` or `mentions` makes the same lists again from the cleaned text.
 */
class CompactAnalyzedArticle implements AnalyzedArticle {
  readonly figures: Figure[] = [];
  readonly quotes: Quote[] = [];
  readonly inFull = false;

  constructor(
    readonly article: CleanArticle,
    private readonly layout: Int32Array,
    private readonly mentionNumbers: Int32Array,
    /** The run's entity keys, which mentions refer to by position. */
    private readonly keys: readonly string[],
    readonly datesMentioned: AnalyzedArticle['datesMentioned'],
  ) {}

  get sentences(): Sentence[] {
    return sentencesFromLayout(this.article, this.layout);
  }

  get mentions(): EntityMention[] {
    const numbers = this.mentionNumbers;
    if (numbers.length === 0) return [];
    // Only the paragraphs that name someone are read again, and no sentence is made: grouping reads mentions often.
    const texts = new LayoutTexts(this.article.paragraphs, this.layout);
    const mentions: EntityMention[] = [];
    for (let k = 0; k < numbers.length; k += MENTION_STRIDE) {
      const sentenceIndex = numbers[k + 1]!;
      const start = numbers[k + 2]!;
      const end = numbers[k + 3]!;
      const row = sentenceIndex * LAYOUT_STRIDE;
      // The surface is the sentence's text at its bounds (findNameCandidates cuts it so).
      const sentenceStart = this.layout[row + 2]!;
      const surface = texts.textOf(row).slice(sentenceStart + start, sentenceStart + end);
      mentions.push({ key: this.keys[numbers[k]!]!, surface, sentenceIndex, start, end });
    }
    return mentions;
  }

  static compactMentions(mentions: readonly EntityMention[], keyIndex: ReadonlyMap<string, number>): Int32Array {
    const numbers = new Int32Array(mentions.length * MENTION_STRIDE);
    mentions.forEach((mention, m) => {
      numbers.set([keyIndex.get(mention.key)!, mention.sentenceIndex, mention.start!, mention.end!], m * MENTION_STRIDE);
    });
    return numbers;
  }
}

/**
 * Sentences, named entities (variants merged across all the articles given), figures, quotes and dates of every
 * article with status 'ok'; the others pass through with empty lists.
 */
export function analyze(articles: CleanArticle[]): Analysis {
  return analyzeInFull(analyzeForGrouping(articles));
}

/**
 * The first depth, for every article: sentences, named entities (variants merged across all the articles given)
 * and dates, which grouping and ranking read. Figures and quotes are left empty (`inFull: false`): they cost
 * most of the analysis and only the threads a briefing shows in full need them (analyzeInFull). Each article's
 * sentences are read once here and kept as numbers (`CompactAnalyzedArticle`); only one article's are held at a time.
 */
export function analyzeForGrouping(articles: CleanArticle[]): Analysis {
  const candidates: PlacedCandidate[] = [];
  const read = articles.map((article, i) => {
    if (article.status !== 'ok') return null;
    const layout = sentenceLayout(article);
    if (layout.length === 0) return null;
    const sentences = sentencesFromLayout(article, layout);
    appendAll(candidates, placedCandidates(article.id, sentences, i));
    // Detached: a date's surface is cut from its sentence, which would keep the sentence's paragraph alive.
    return { layout, datesMentioned: detached(datesInSentences(sentences, article.published.date)) };
  });
  const merged = mergeMentions(candidates, articles.length);
  const mentions = merged.mentions;
  // Names and variants are cut from sentences: detached, so they do not keep the sentences' paragraphs alive.
  const entities = detached(merged.entities);
  candidates.length = 0;
  const keys = entities.map((entity) => entity.key);
  const keyIndex = new Map(keys.map((key, k) => [key, k]));
  const analyzed = articles.map((article, i): AnalyzedArticle => {
    const sentenceRead = read[i];
    if (!sentenceRead) return { article, sentences: [], mentions: [], figures: [], quotes: [], datesMentioned: [], inFull: true };
    const compact = CompactAnalyzedArticle.compactMentions(mentions[i]!, keyIndex);
    mentions[i] = [];
    return new CompactAnalyzedArticle(article, sentenceRead.layout, compact, keys, sentenceRead.datesMentioned);
  });
  return { articles: analyzed, entities };
}

/** The day's entities by key, made once per list: summarize asks for the second depth thread by thread. */
const entityIndex = objectMemo((entities: readonly Entity[]): ReadonlyMap<string, Entity> => new Map(entities.map((entity) => [entity.key, entity])));

/**
 * The second depth: figures and quotes of the articles named (all when `articleIds` is absent). Returns a new
 * analysis; articles already analysed in full are kept as they are.
 */
export function analyzeInFull(analysis: Analysis, articleIds?: ReadonlySet<string>): Analysis {
  const entityByKey = entityIndex(analysis.entities);
  const articles = analysis.articles.map((analyzed): AnalyzedArticle => {
    if (analyzed.inFull || (articleIds && !articleIds.has(analyzed.article.id))) return analyzed;
    // Read once: a compact article makes its sentences and mentions again at every read.
    const { article, sentences, mentions, datesMentioned } = analyzed;
    return {
      article,
      sentences,
      mentions,
      figures: figureCandidates(sentences, { published: article.published.date, language: article.language }),
      quotes: extractQuotes(sentences, mentions, entityByKey),
      datesMentioned,
      inFull: true,
    };
  });
  return { articles, entities: analysis.entities };
}
