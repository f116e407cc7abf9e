import type { Analysis, AnalyzedArticle, Sentence } from '../analyze/types.js';
import type { EventGroup, Grouping, ThreadGroup } from '../group/types.js';
import { findConflicts } from './conflicts.js';
import { analyzeInFull } from '../analyze/index.js';
import { summarizeSentences } from './extractive.js';
import { droppedFigures, threadFigures } from './figures.js';
import { chooseHeadline, cleanTitle } from './headline.js';
import { personResolver } from './people.js';
import { droppedQuotes, threadQuotes } from './quotes.js';
import { threadScore } from './rank.js';
import { contentTokens } from './text.js';
import { cachedSentenceTokens, type SentenceTokens } from './term-space.js';
import { DEFAULT_THREADS_IN_FULL, type EventSummary, type SummarizeOptions, type ThreadSummary } from './types.js';
import { objectMemo } from '../util/memo.js';

export { DEFAULT_THREADS_IN_FULL, type EventSummary, type SummarizeOptions, type ThreadSummary } from './types.js';

const DEFAULT_THREAD_WORDS = 120;
const DEFAULT_EVENT_WORDS = 60;
/** A thread in brief gets one sentence; the budget only bounds how long that sentence may be. */
const BRIEF_WORDS = 40;

/** What every thread of the day is summarized with. */
interface DayContext {
  articles: Map<string, AnalyzedArticle>;
  analysisOrder: Map<string, number>;
  personBefore: (sentence: Sentence) => string | null;
  threadWords: number;
  eventWords: number;
}

/** ... and what one thread is (threadContext). */
interface Context extends DayContext {
  /** Tokens of the thread's sentences, cached for the thread. */
  tokens: SentenceTokens;
  /** An article's sentences, read once for the thread. */
  sentencesOf: (article: AnalyzedArticle) => Sentence[];
}

/**
 * One summary per thread, threads ranked by importance, most important first. The `threadsInFull` most important
 * (ranked on what grouping knows: outlets and recency) get the full treatment: headline, extractive summary,
 * per-event summaries (newest first), key figures, quotes and conflicting figures, their articles analysed in
 * full here (analyzeInFull). The others follow "in brief": headline, one lead sentence and their sources, no
 * figures or quotes looked for, which keeps a day of thousands of articles affordable.
 */
export function summarize(analysis: Analysis, grouping: Grouping, options: SummarizeOptions = {}): ThreadSummary[] {
  const order = new Map(analysis.articles.map((article, index) => [article.article.id, index]));
  const shallow = new Map(analysis.articles.map((article) => [article.article.id, article]));
  const ranked = rankBeforeAnalysis(grouping.threads, shallow);
  const inFull = ranked.slice(0, options.threadsInFull ?? DEFAULT_THREADS_IN_FULL);
  const inBrief = ranked.slice(inFull.length);
  const context: DayContext = {
    articles: shallow,
    analysisOrder: order,
    personBefore: personResolver(analysis),
    threadWords: options.threadWords ?? DEFAULT_THREAD_WORDS,
    eventWords: options.eventWords ?? DEFAULT_EVENT_WORDS,
  };
  // One thread at a time is analysed in full (its articles are in no other thread), so only its sentences, figures
  // and quotes are held: the threads shown in full grow with the day, a few thousand articles on a big one.
  const drafts = inFull
    .map(({ thread }) => summarizeThread(thread, inFullContext(thread, analysis, context)))
    .filter((draft): draft is ThreadDraft => draft !== null);
  const newestDate = newestOf(ranked.map(({ latestDate }) => latestDate));
  const full = drafts
    .map(({ summary, sources, latestDate }) => ({
      ...summary,
      score: threadScore({ sources, latestDate, figures: summary.figures }, newestDate),
      latestDate,
    }))
    .sort(
      (left, right) =>
        right.score - left.score ||
        (right.latestDate ?? '').localeCompare(left.latestDate ?? '') ||
        left.threadId.localeCompare(right.threadId),
    )
    .map(({ latestDate: _latestDate, ...summary }) => summary);
  const brief = inBrief
    .map(({ thread, score }) => summarizeInBrief(thread, score, threadContext(context)))
    .filter((summary): summary is ThreadSummary => summary !== null);
  return [...full, ...brief];
}

/**
 * The context of one thread: its sentences' tokens kept for the thread only (an event's sentences are its thread's
 * too; the events' headlines and the lead of a thread in brief read the lead article's sentences both), and each
 * article's sentences read once (a compact article makes them again at each read); let go with the thread.
 */
function threadContext(context: DayContext): Context {
  return { ...context, tokens: cachedSentenceTokens(), sentencesOf: objectMemo((article: AnalyzedArticle) => article.sentences) };
}

/** The context of a thread shown in full: its articles analysed in full, the person resolver reading those. */
function inFullContext(thread: ThreadGroup, analysis: Analysis, context: DayContext): Context {
  const deep = analyzeInFull({ articles: articlesOf(thread.articleIds, context), entities: analysis.entities });
  return {
    ...threadContext(context),
    articles: new Map(deep.articles.map((article) => [article.article.id, article])),
    personBefore: personResolver(deep),
  };
}

interface RankedThread {
  thread: ThreadGroup;
  /** threadScore without figures: what is known before the thread's articles are analysed in full. */
  score: number;
  latestDate: string | null;
}

/** Threads by importance on outlets and recency alone (figures are not known yet); ties by date, then id. */
function rankBeforeAnalysis(threads: readonly ThreadGroup[], articles: ReadonlyMap<string, AnalyzedArticle>): RankedThread[] {
  const signals = threads.map((thread) => ({
    thread,
    sources: sourceCount(thread.articleIds.map((id) => articles.get(id)).filter((a): a is AnalyzedArticle => a !== undefined)),
    latestDate: newestOf(thread.events.map((event) => event.date)),
  }));
  const newestDate = newestOf(signals.map(({ latestDate }) => latestDate));
  return signals
    .map(({ thread, sources, latestDate }) => ({ thread, latestDate, score: threadScore({ sources, latestDate, figures: [] }, newestDate) }))
    .sort(
      (left, right) =>
        right.score - left.score ||
        (right.latestDate ?? '').localeCompare(left.latestDate ?? '') ||
        left.thread.id.localeCompare(right.thread.id),
    );
}

/** Distinct outlets among the articles; an article without a known outlet counts as its own source. */
function sourceCount(articles: readonly AnalyzedArticle[]): number {
  return new Set(articles.map((article) => article.article.outlet?.toLowerCase() ?? `article:${article.article.id}`)).size;
}

function newestOf(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>((newest, date) => maxDate(newest, date), null);
}

/**
 * A thread past those shown in full: its events' headlines (from titles), the latest one heading it, and one lead
 * sentence from the article that headline is the title of.
 */
function summarizeInBrief(thread: ThreadGroup, score: number, context: Context): ThreadSummary | null {
  const dateOfArticle = eventDates(thread.events);
  const articles = articlesOf(thread.articleIds, context).sort((left, right) => compareArticles(left, right, dateOfArticle, context));
  if (articles.length === 0) return null;
  const dateOf = (articleId: string): string | null => dateOfArticle.get(articleId) ?? null;
  const events = thread.events
    .map((event) => summarizeEvent(event, context, dateOf, { inBrief: true }))
    .filter((event): event is EventSummary => event !== null)
    .sort(newestEventFirst);
  const latest = events[0]!;
  const titled = headlineArticles(articles, latest.headline)[0] ?? latest.articleIds[0]!;
  const lead = summarizeSentences(context.sentencesOf(context.articles.get(titled)!), BRIEF_WORDS, {
    dateOf,
    personBefore: context.personBefore,
    tokens: context.tokens,
  }).slice(0, 1);
  return {
    threadId: thread.id,
    headline: latest.headline,
    summary: lead,
    events,
    figures: [],
    quotes: [],
    conflicts: [],
    articleIds: articles.map((article) => article.article.id),
    link: thread.link,
    score,
    inBrief: true,
  };
}

interface ThreadDraft {
  summary: ThreadSummary;
  sources: number;
  latestDate: string | null;
}

function summarizeThread(thread: ThreadGroup, context: Context): ThreadDraft | null {
  const dateOfArticle = eventDates(thread.events);
  const articles = articlesOf(thread.articleIds, context)
    .sort((left, right) => compareArticles(left, right, dateOfArticle, context));
  if (articles.length === 0) return null;
  const articleOrder = articles.map((article) => article.article.id);
  const dateOf = (articleId: string): string | null => dateOfArticle.get(articleId) ?? null;
  const sentences = articles.flatMap(context.sentencesOf);
  const summary = summarizeSentences(sentences, context.threadWords, {
    dateOf,
    personBefore: context.personBefore,
    tokens: context.tokens,
    newestFirst: true,
  });
  const figures = articles.flatMap((article) => article.figures);
  const conflicts = findConflicts(figures, thread.events.map((event) => event.articleIds));
  const keyFigures = threadFigures(figures, articleOrder, undefined, conflicts);
  const events = thread.events
    .map((event) => summarizeEvent(event, context, dateOf))
    .filter((event): event is EventSummary => event !== null)
    .sort(newestEventFirst);
  return {
    summary: {
      threadId: thread.id,
      // A thread is headed by its latest development, as a reader of today's briefing expects.
      headline: events[0]?.headline ?? chooseHeadline(articles.map((article) => article.article), sentences, summary[0]?.text ?? null, context.tokens),
      summary: leadWithEvent(summary, events[0], headlineArticles(articles, events[0]?.headline)),
      events,
      figures: keyFigures,
      droppedFigures: droppedFigures(figures, keyFigures),
      quotes: threadQuotes(articles.flatMap((article) => article.quotes), articleOrder),
      droppedQuotes: droppedQuotes(articles.flatMap((article) => article.quotes), articleOrder),
      conflicts,
      articleIds: articleOrder,
      link: thread.link,
      score: 0,
    },
    sources: sourceCount(articles),
    latestDate: newestOf(events.map((event) => event.date)),
  };
}

/**
 * The thread's first sentence is its one-line brief, shown under the headline: it tells the headline's own story.
 * Of the summary's sentences from the headline's event (the latest development, not background from an earlier
 * one), it is the first from the article the headline is the title of; without one, the event's first sentence,
 * unless that shares no word with the headline while another does (a thread holding two stories would put the
 * other story under this headline). The sentences stay those the summary chose.
 */
function leadWithEvent<T extends { text: string; articleIds: string[] }>(
  summary: T[],
  event: EventSummary | undefined,
  titled: readonly string[],
): T[] {
  if (!event) return summary;
  const ofEvent = new Set(event.articleIds);
  const ofTitle = new Set(titled);
  const headlineWords = new Set(contentTokens(event.headline));
  const candidates = summary
    .map((sentence, index) => ({ index, sentence }))
    .filter(({ sentence }) => sentence.articleIds.some((id) => ofEvent.has(id)))
    .map(({ index, sentence }) => ({
      index,
      shared: new Set(contentTokens(sentence.text).filter((word) => headlineWords.has(word))).size,
      titled: sentence.articleIds.some((id) => ofTitle.has(id)),
    }));
  if (candidates.length === 0) return summary;
  let chosen = candidates.find((candidate) => candidate.titled) ?? candidates[0]!;
  if (chosen.shared === 0 && !chosen.titled) {
    for (const candidate of candidates) if (candidate.shared > chosen.shared) chosen = candidate;
  }
  const first = chosen.index;
  return first <= 0 ? summary : [summary[first]!, ...summary.slice(0, first), ...summary.slice(first + 1)];
}

/** Articles whose title is the headline: the headline's own story, in a thread that may hold others. */
function headlineArticles(articles: readonly AnalyzedArticle[], headline: string | undefined): string[] {
  if (!headline) return [];
  return articles.filter((analyzed) => cleanTitle(analyzed.article.title ?? '') === headline).map((analyzed) => analyzed.article.id);
}

/**
 * An event's headline and summary; in brief, the headline only (without a usable title, from its first sentence
 * rather than its summary's, which is not made).
 */
function summarizeEvent(
  event: EventGroup,
  context: Context,
  dateOf: (articleId: string) => string | null,
  { inBrief = false } = {},
): EventSummary | null {
  const articles = articlesOf(event.articleIds, context);
  if (articles.length === 0) return null;
  const sentences = articles.flatMap(context.sentencesOf);
  const summary = inBrief
    ? []
    : summarizeSentences(sentences, context.eventWords, { dateOf, personBefore: context.personBefore, tokens: context.tokens });
  return {
    id: event.id,
    date: event.date,
    dateCertain: event.dateCertain,
    headline: chooseHeadline(
      articles.map((article) => article.article),
      sentences,
      inBrief ? (sentences[0]?.text ?? null) : (summary[0]?.text ?? null),
      context.tokens,
    ),
    summary,
    articleIds: articles.map((article) => article.article.id),
  };
}

function articlesOf(articleIds: readonly string[], context: DayContext): AnalyzedArticle[] {
  return articleIds
    .map((id) => context.articles.get(id))
    .filter((article): article is AnalyzedArticle => article !== undefined);
}

function eventDates(events: readonly EventGroup[]): Map<string, string> {
  const dates = new Map<string, string>();
  for (const event of events) {
    if (event.date === null) continue;
    for (const articleId of event.articleIds) if (!dates.has(articleId)) dates.set(articleId, event.date);
  }
  return dates;
}

/** Earliest reported first: event date, then publication date, then input order. */
function compareArticles(
  left: AnalyzedArticle,
  right: AnalyzedArticle,
  dateOfArticle: ReadonlyMap<string, string>,
  context: Context,
): number {
  const key = (article: AnalyzedArticle): string =>
    dateOfArticle.get(article.article.id) ?? article.article.published.date ?? '9999-99-99';
  return (
    key(left).localeCompare(key(right)) ||
    (left.article.published.date ?? '9999-99-99').localeCompare(right.article.published.date ?? '9999-99-99') ||
    (context.analysisOrder.get(left.article.id) ?? 0) - (context.analysisOrder.get(right.article.id) ?? 0)
  );
}

function newestEventFirst(left: EventSummary, right: EventSummary): number {
  if (left.date !== right.date) {
    if (left.date === null) return 1;
    if (right.date === null) return -1;
    return right.date.localeCompare(left.date);
  }
  return right.articleIds.length - left.articleIds.length || left.id.localeCompare(right.id);
}

function maxDate(left: string | null, right: string | null): string | null {
  if (left === null) return right;
  if (right === null) return left;
  return left >= right ? left : right;
}
