import type { Analysis, AnalyzedArticle } from '../analyze/types.js';
import { averageLinkClusters } from './average-link.js';
import { similarityGraph } from './candidates.js';
import {
  articleDateEvidence,
  bestArticleDate,
  dateAffinity,
  eventDate,
  type DateEvidence,
} from './dates.js';
import { resolveGroupOptions } from './defaults.js';
import { ArticleBagReader, type ArticleBags } from './features.js';
import { compareText } from '../util/compare.js';
import { groupId } from './ids.js';
import { threadLink, type ThreadLink } from './link.js';
import { LONE_SPLIT_RATIO, refineClusters } from './refine.js';
import { duplicateRepresentatives, nearDuplicatePairs, shingles } from './near-duplicates.js';
import { languagesDiffer } from '../text/language.js';
import { keyEntities, threadClusters } from './threads.js';
import type { EventGroup, GroupOptions, Grouping, ThreadGroup } from './types.js';
import { centroids, cosine, idsByTerm, tfidfFromIds } from './vectors.js';

/**
 * Pair similarities under this fraction of a threshold are dropped: a pair that weak barely moves a cluster
 * average, and keeping every faint word overlap would make the graph dense (quadratic) on big inputs.
 */
const SPARSE_FRACTION = 0.25;

export type { EventGroup, GroupOptions, Grouping, ThreadGroup } from './types.js';

/** Per-article facts the grouping steps share, indexed like the (id-sorted) ok articles. */
interface Prepared {
  articles: AnalyzedArticle[];
  evidence: DateEvidence[][];
  bestDate: (DateEvidence | null)[];
  /** Index of the copy standing for each article (itself when it is no copy). */
  representative: number[];
}

/**
 * Groups the ok articles into events (reports of one happening) and threads (one story across days).
 * Articles are processed in id order, so the result does not depend on the order they arrive in.
 */
export function groupArticles(analysis: Analysis, options?: GroupOptions): Grouping {
  const settings = resolveGroupOptions(options);
  const prepared = prepare(analysis, settings.nearDuplicateContainment);
  if (prepared.articles.length === 0) return { threads: [] };
  const representatives = prepared.representative.flatMap((rep, i) => (rep === i ? [i] : []));
  const entityTypes = new Map(analysis.entities.map((entity) => [entity.key, entity.type]));
  const reader = new ArticleBagReader(entityTypes, settings.entityBoost, settings.leadSentences);
  const { leadVectors, bodyVectors, textModel, entityVectors } = viewModels(
    representatives.map((i) => reader.read(prepared.articles[i]!)),
    reader.interner.terms,
  );
  const textVectors = textModel.vectors;
  const languages = representatives.map((i) => prepared.articles[i]!.article.language);
  // Articles in two known languages never report one happening together, whatever names they share.
  const pairFactor = (a: number, b: number) =>
    languagesDiffer(languages[a]!, languages[b]!)
      ? 0
      : dateAffinity(prepared.bestDate[representatives[a]!]!, prepared.bestDate[representatives[b]!]!);
  const graphOptions = { allPairsLimit: settings.allPairsLimit, minSimilarity: settings.eventThreshold * SPARSE_FRACTION };
  // Cores need alike leads and the same people and places: leads written to one template ("X stops Y in round 6 to
  // keep his titles") share words across happenings, but not who and where.
  const coreEdges = similarityGraph(leadVectors, { ...graphOptions, cap: (a, b) => cosine(entityVectors[a]!, entityVectors[b]!) }, pairFactor);
  // A core is one happening: as alike across as within, by the same gap test that splits stories (refine.ts). Two
  // tight groups on look-alike happenings ("X retains his title" twice) can share enough words and names to clear
  // the threshold on average while each is far tighter inside; average link alone would merge them.
  const cores = averageLinkClusters(representatives.length, coreEdges, settings.eventThreshold, {
    gap: { ratio: settings.splitRatio, loneRatio: Math.min(LONE_SPLIT_RATIO, settings.splitRatio) },
  });
  const coreOf = new Int32Array(representatives.length);
  cores.forEach((core, c) => core.forEach((k) => (coreOf[k] = c)));
  const generousOptions = {
    allPairsLimit: settings.allPairsLimit,
    minSimilarity: settings.storyThreshold * SPARSE_FRACTION,
    blockingVectors: bodyVectors,
  };
  const generous = averageLinkClusters(representatives.length, similarityGraph(textVectors, generousOptions, pairFactor), settings.storyThreshold);
  // Generous cut first (a story's reports together, look-alike happenings too), then split wherever it has a gap.
  const clusters = refineClusters(generous, [bodyVectors, leadVectors, entityVectors], {
    splitRatio: settings.splitRatio,
    factor: pairFactor,
    coreOf: (k) => coreOf[k]!,
    fallback: (cluster) => coresWithin(cluster, coreOf),
    partDate: (items) => bestArticleDate(items.flatMap((k) => prepared.evidence[representatives[k]!]!)),
  }).map((cluster) => cluster.map((k) => representatives[k]!));
  const copiesOf = membersByRepresentative(prepared.representative);
  const events = clusters.map((cluster) => buildEvent(cluster.flatMap((rep) => copiesOf.get(rep)!), prepared));
  const positionOf = new Map(representatives.map((i, k) => [i, k]));
  const eventVectors = centroids(clusters.map((cluster) => cluster.map((i) => bodyVectors[positionOf.get(i)!]!)));
  const eventProfiles = clusters.map((cluster, k) => ({
    vector: eventVectors[k]!,
    keyEntities: keyEntities(cluster.flatMap((i) => prepared.articles[i]!.mentions.map((mention) => mention.key))),
  }));
  // An event's language is its first article's that is known (an event never mixes two known languages).
  const eventLanguages = clusters.map(
    (cluster) => cluster.map((i) => languages[positionOf.get(i)!]!).find((language) => language !== null) ?? null,
  );
  const threadGraph = { allPairsLimit: settings.allPairsLimit, minSimilarity: settings.threadThreshold * SPARSE_FRACTION };
  const threads = threadClusters(eventProfiles, settings.threadThreshold, threadGraph, (x, y) =>
    languagesDiffer(eventLanguages[x]!, eventLanguages[y]!) ? 0 : 1,
  ).map((members) => {
    const articles = members.flatMap((k) => clusters[k]!);
    const link = threadLink(
      articles.map((i) => prepared.articles[i]!),
      articles.map((i) => textVectors[positionOf.get(i)!]!.terms),
      textModel,
      representatives.length,
    );
    return buildThread(members.map((k) => events[k]!), link);
  });
  return { threads: threads.sort(compareThreads) };
}

/**
 * The TF-IDF vectors of the four views of every article. The bags (raw counts) are needed only to weigh the terms:
 * taken in and dropped by this call, so on a big day they never sit in memory beside the vectors for the rest of
 * grouping.
 */
function viewModels(bags: ArticleBags[], terms: readonly string[]) {
  const termOrder = idsByTerm(terms);
  return {
    // Leads state the happening itself, so they make the precise cut ("cores"); the whole text says which story.
    leadVectors: tfidfFromIds(bags.map((bag) => bag.lead), terms, termOrder).vectors,
    bodyVectors: tfidfFromIds(bags.map((bag) => bag.body), terms, termOrder).vectors,
    // The story cut weighs every word alike: boosted names (a country, a president) are shared by unrelated stories
    // of one day and chain them; names count where happenings are told apart (cores and the split's views).
    textModel: tfidfFromIds(bags.map((bag) => bag.text), terms, termOrder),
    entityVectors: tfidfFromIds(bags.map((bag) => bag.entity), terms, termOrder).vectors,
  };
}

/** A cluster's items grouped by the core each belongs to (cores may reach beyond the cluster; only its items count). */
function coresWithin(cluster: readonly number[], coreOf: Int32Array): number[][] {
  const parts = new Map<number, number[]>();
  for (const item of cluster) {
    const part = parts.get(coreOf[item]!);
    if (part) part.push(item);
    else parts.set(coreOf[item]!, [item]);
  }
  return [...parts.values()];
}

function prepare(analysis: Analysis, containment: number): Prepared {
  const articles = analysis.articles
    .filter((analyzed) => analyzed.article.status === 'ok')
    .sort((a, b) => compareText(a.article.id, b.article.id));
  const evidence = articles.map(articleDateEvidence);
  const bestDate = evidence.map(bestArticleDate);
  const shingleSets = articles.map((analyzed) => shingles(bodyText(analyzed)));
  const pairs = nearDuplicatePairs(shingleSets, containment);
  // The original is the copy with the firmest, earliest date, then the fullest text.
  const representative = duplicateRepresentatives(articles.length, pairs, (a, b) => {
    const da = bestDate[a] ?? null;
    const db = bestDate[b] ?? null;
    return (
      Number(!da?.certain) - Number(!db?.certain) ||
      compareText(da?.date ?? '9999', db?.date ?? '9999') ||
      shingleSets[b]!.length - shingleSets[a]!.length ||
      compareText(articles[a]!.article.id, articles[b]!.article.id)
    );
  });
  return { articles, evidence, bestDate, representative };
}

function bodyText(analyzed: AnalyzedArticle): string {
  if (analyzed.article.paragraphs.length > 0) return analyzed.article.paragraphs.join('\n');
  return analyzed.sentences.map((sentence) => sentence.text).join('\n');
}

/** Each representative's copies, itself included. */
function membersByRepresentative(representative: readonly number[]): Map<number, number[]> {
  const members = new Map<number, number[]>();
  representative.forEach((rep, i) => {
    const list = members.get(rep);
    if (list) list.push(i);
    else members.set(rep, [i]);
  });
  return members;
}

/** An event from all its articles (representatives and their copies). */
function buildEvent(members: readonly number[], prepared: Prepared): EventGroup {
  const idOf = (i: number) => prepared.articles[i]!.article.id;
  const articleIds = members.map(idOf).sort(compareText);
  const nearDuplicates = members
    .filter((i) => prepared.representative[i] !== i)
    .map((i): [string, string] => [idOf(i), idOf(prepared.representative[i]!)])
    .sort((a, b) => compareText(a[0], b[0]));
  return {
    id: groupId('e', articleIds),
    ...eventDate(members.flatMap((i) => prepared.evidence[i]!)),
    articleIds,
    nearDuplicates,
  };
}

function buildThread(events: EventGroup[], link: ThreadLink): ThreadGroup {
  const articleIds = events.flatMap((event) => event.articleIds).sort(compareText);
  return { id: groupId('t', articleIds), events: [...events].sort(compareEvents), articleIds, link };
}

/** Newest first, undated last: a briefing leads with the latest development. */
function compareEvents(a: EventGroup, b: EventGroup): number {
  return compareDatesNewestFirst(a.date, b.date) || compareText(a.id, b.id);
}

function compareThreads(a: ThreadGroup, b: ThreadGroup): number {
  return (
    b.articleIds.length - a.articleIds.length ||
    compareDatesNewestFirst(a.events[0]?.date ?? null, b.events[0]?.date ?? null) ||
    compareText(a.id, b.id)
  );
}

function compareDatesNewestFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(b, a);
}
