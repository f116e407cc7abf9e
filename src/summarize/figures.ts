import type { Figure } from '../analyze/types.js';
import { consistent, valueRange } from './approximation.js';
import { figureClass, labelWords } from './labels.js';
import type { Conflict } from './types.js';
import { jaccard } from './sets.js';

export const DEFAULT_MAX_FIGURES = 8;

// Years, dates and ordinals are scaffolding of the story rather than its key numbers.
const SCAFFOLDING_KINDS: ReadonlySet<Figure['kind']> = new Set(['year', 'date', 'ordinal']);

/**
 * Numbers spelled out in words ("two women", "seven fatalities") are small counts by newsroom style;
 * at equal analysis score, a figure written in digits is the more notable one.
 */
const SPELLED_OUT_WEIGHT = 0.75;

export function prominence(figure: Figure): number {
  return /\d/.test(figure.surface) ? figure.score : figure.score * SPELLED_OUT_WEIGHT;
}

/** Each further outlet reporting a figure adds this share to its rank: corroborated figures matter more. */
const CORROBORATION_BONUS = 0.3;
const MAX_CORROBORATING_OUTLETS = 4;

interface FigureGroup {
  figure: Figure;
  articles: Set<string>;
  /** Best prominence and best raw score over the copies. */
  prominence: number;
  score: number;
}

/**
 * The thread's key figures: the same value and unit about the same thing is counted once (the copy from the
 * earliest article in `articleOrder` is kept), and an approximation another outlet gives of it ("more than
 * 700" for 741) counts as a citation of it. Figures rank by score, boosted by the number of outlets citing them.
 * Figures in `disputed` (outlets disagree on them) are left out: a briefing must not state them as fact.
 */
export function threadFigures(
  figures: readonly Figure[],
  articleOrder: readonly string[] = [],
  max = DEFAULT_MAX_FIGURES,
  disputed: readonly Conflict[] = [],
): Figure[] {
  const disputedKeys = new Set(disputed.flatMap((conflict) => conflict.values.map((value) => `${value.articleId}\u0000${value.value}`)));
  const orderOf = new Map(articleOrder.map((id, index) => [id, index]));
  const position = (figure: Figure): number => orderOf.get(figure.articleId) ?? articleOrder.length;
  const sorted = figures
    .filter((figure) => !figure.dropped && !SCAFFOLDING_KINDS.has(figure.kind) && figure.score > 0)
    .filter((figure) => !disputedKeys.has(`${figure.articleId}\u0000${figure.value}`))
    .sort((left, right) => position(left) - position(right) || left.sentenceIndex - right.sentenceIndex);
  const groups = foldApproximations(groupCopies(sorted));
  const rank = (group: FigureGroup): number =>
    group.prominence * (1 + CORROBORATION_BONUS * (Math.min(group.articles.size, MAX_CORROBORATING_OUTLETS) - 1));
  return groups
    .sort(
      (left, right) =>
        rank(right) - rank(left) ||
        right.articles.size - left.articles.size ||
        position(left.figure) - position(right.figure) ||
        left.figure.sentenceIndex - right.figure.sentenceIndex ||
        left.figure.value - right.figure.value,
    )
    .slice(0, max)
    // The kept copy carries the best score any outlet's copy earned.
    .map((group) => ({ ...group.figure, score: group.score }));
}

/**
 * The numbers kept out of the key figures (`dropped`, with the rule) that score at least as high as the last key
 * figure shown, best first, each value once: what a reader would have seen without the rules, for audit.
 */
export function droppedFigures(figures: readonly Figure[], shown: readonly Figure[], max = DEFAULT_MAX_FIGURES): Figure[] {
  const bar = shown.length < max ? -Infinity : Math.min(...shown.map((figure) => figure.score));
  const seen = new Set<string>();
  return figures
    .filter((figure) => figure.dropped && !SCAFFOLDING_KINDS.has(figure.kind) && figure.score > 0 && figure.score >= bar)
    .sort((left, right) => right.score - left.score || left.sentenceIndex - right.sentenceIndex)
    .filter((figure) => {
      const key = `${figure.value}\u0000${figure.unit ?? ''}\u0000${figure.surface}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, max);
}

/** Groups copies of one figure (same value, unit and topic), in the given order so the first copy is kept. */
function groupCopies(figures: readonly Figure[]): FigureGroup[] {
  const groups: FigureGroup[] = [];
  // Only figures with the same value and unit can be copies: bucketing keeps this linear.
  const buckets = new Map<string, FigureGroup[]>();
  for (const figure of figures) {
    const bucketKey = `${figure.value}\u0000${figure.unit ?? ''}`;
    const bucket = buckets.get(bucketKey) ?? [];
    buckets.set(bucketKey, bucket);
    const same = bucket.find((group) => sameFigure(group.figure, figure));
    if (same) {
      absorb(same, figure.articleId, prominence(figure), figure.score);
    } else {
      const group = { figure, articles: new Set([figure.articleId]), prominence: prominence(figure), score: figure.score };
      groups.push(group);
      bucket.push(group);
    }
  }
  return groups;
}

/** An approximate figure ("more than 700") consistent with an exact one on the same topic becomes its citation. */
function foldApproximations(groups: readonly FigureGroup[]): FigureGroup[] {
  const exactByTopic = new Map<string, FigureGroup[]>();
  const topicKey = (figure: Figure): string => `${figure.unit ?? ''}\u0000${figureClass(figure) ?? ''}`;
  const ranges = new Map(groups.map((group) => [group, valueRange(group.figure)]));
  for (const group of groups) {
    if (ranges.get(group)!.qualifier !== '') continue;
    const list = exactByTopic.get(topicKey(group.figure)) ?? [];
    exactByTopic.set(topicKey(group.figure), list);
    list.push(group);
  }
  return groups.filter((group) => {
    const range = ranges.get(group)!;
    if (range.qualifier === '') return true;
    const target = (exactByTopic.get(topicKey(group.figure)) ?? []).find(
      (exact) =>
        sameTopic(exact.figure, group.figure) &&
        consistent(ranges.get(exact)!, range) &&
        ![...group.articles].every((id) => exact.articles.has(id)),
    );
    if (!target) return true;
    for (const id of group.articles) absorb(target, id, group.prominence, group.score);
    return false;
  });
}

function absorb(group: FigureGroup, articleId: string, figureProminence: number, score: number): void {
  group.articles.add(articleId);
  group.prominence = Math.max(group.prominence, figureProminence);
  group.score = Math.max(group.score, score);
}

/** Same value, same unit, and labels about the same thing. */
export function sameFigure(left: Figure, right: Figure): boolean {
  if (left.value !== right.value || left.unit !== right.unit) return false;
  // An amount of money or a share is specific enough that one thread repeating it means the same figure,
  // whatever words the outlets put around it ("€20m a day" / "losses estimated at €20m a day").
  if (left.kind === right.kind && (left.kind === 'money' || left.kind === 'percent')) return true;
  return sameTopic(left, right);
}

/** Labels about the same thing: one synonym class, or (outside any class) overlapping words. */
export function sameTopic(left: Figure, right: Figure): boolean {
  if (left.unit !== right.unit) return false;
  const leftClass = figureClass(left);
  const rightClass = figureClass(right);
  if (leftClass !== null || rightClass !== null) return leftClass === rightClass;
  const leftWords = labelWords(left.label);
  const rightWords = labelWords(right.label);
  if (leftWords.size === 0 || rightWords.size === 0) return true;
  return jaccard(leftWords, rightWords) >= 0.25;
}
