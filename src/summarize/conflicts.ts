import type { Figure } from '../analyze/types.js';
import { consistent, valueRange, type ValueRange } from './approximation.js';
import { figureClass, labelWords } from './labels.js';
import type { Conflict } from './types.js';

/**
 * Outlets disagree on tallies of a happening (people killed, drones launched). Sums of money, shares and measures
 * under one label are most often different scopes of one kind of thing ("$125bn of goods" on one list, "$360bn of
 * goods" in all), so a difference between them is not shown as a dispute.
 */
const TALLIES: ReadonlySet<Figure['kind']> = new Set(['count', 'number']);

/** Label words that name no measured thing of their own: "$125 billion worth", "the total". */
const GENERIC_LABEL_WORDS: ReadonlySet<string> = new Set(['worth', 'value', 'total', 'amount', 'sum', 'figure', 'number', 'list', 'times']);

/** "three of those companies": a part of a set counted elsewhere, not comparable with a whole ("five companies"). */
const PARTITIVE_AFTER = /^\s+of\s+(?:the|those|these|its|their|our|his|her|them|whom|which|all)\b/i;

function isPartitive(figure: Figure): boolean {
  const at = figure.text.indexOf(figure.surface);
  return at >= 0 && PARTITIVE_AFTER.test(figure.text.slice(at + figure.surface.length));
}

/** Figures further apart than this factor are about different things (a night's toll vs. a month's). */
const MAX_RATIO = 5;

/** Upper bound on figures compared per topic and scope: the test is pairwise. */
const MAX_FIGURES_PER_TOPIC = 200;

interface Claim {
  figure: Figure;
  range: ValueRange;
  order: number;
}

/**
 * Disagreements between outlets: in one scope (an event's article ids), tallies about the same thing
 * (same unit and synonym class, or the same label words naming a thing) from different articles that are each
 * other's closest counterpart and cannot both be true. Numbers that are not key figures (`dropped`) and parts of a
 * set ("three of those companies") take no part.
 */
export function findConflicts(figures: readonly Figure[], scopes: readonly (readonly string[])[]): Conflict[] {
  const conflicts: Conflict[] = [];
  const reported = new Set<string>();
  for (const scope of scopes) {
    const orderOf = new Map(scope.map((id, index) => [id, index]));
    const topics = new Map<string, Claim[]>();
    for (const figure of figures) {
      const order = orderOf.get(figure.articleId);
      if (order === undefined || figure.dropped || !TALLIES.has(figure.kind) || isPartitive(figure)) continue;
      const topic = topicOf(figure);
      if (topic === null) continue;
      const claims = topics.get(topic) ?? [];
      topics.set(topic, claims);
      if (claims.length < MAX_FIGURES_PER_TOPIC) claims.push({ figure, range: valueRange(figure), order });
    }
    for (const [topic, claims] of [...topics].sort(([left], [right]) => left.localeCompare(right))) {
      const conflict = conflictIn(claims);
      if (!conflict) continue;
      const key = `${topic}\u0000${conflict.values.map((value) => `${value.articleId}:${value.value}`).join(',')}`;
      if (reported.has(key)) continue;
      reported.add(key);
      conflicts.push(conflict);
    }
  }
  return conflicts;
}

/**
 * What a figure is about, as a key: unit plus synonym class, else unit plus its label words (less the generic
 * ones); null when the label names nothing.
 */
function topicOf(figure: Figure): string | null {
  const unit = figure.unit ?? '';
  const synonymClass = figureClass(figure);
  if (synonymClass) return `${unit}|${synonymClass}`;
  const words = [...labelWords(figure.label)].filter((word) => !GENERIC_LABEL_WORDS.has(word)).sort();
  return words.length > 0 ? `${unit}|${words.join(' ')}` : null;
}

function conflictIn(claims: readonly Claim[]): Conflict | null {
  const closest = claims.map((claim) => closestElsewhere(claim, claims));
  const disagreeing = new Set<Claim>();
  claims.forEach((claim, index) => {
    const partner = closest[index];
    if (!partner || closest[claims.indexOf(partner)] !== claim) return;
    if (consistent(claim.range, partner.range)) return;
    if (distance(claim, partner) > Math.log(MAX_RATIO)) return;
    disagreeing.add(claim);
    disagreeing.add(partner);
  });
  if (disagreeing.size === 0) return null;
  const values = [...disagreeing].sort(
    (left, right) =>
      left.order - right.order || left.figure.sentenceIndex - right.figure.sentenceIndex || left.figure.value - right.figure.value,
  );
  const first = values[0]!.figure;
  return {
    about: figureClass(first) ?? first.label,
    values: values.map(({ figure, range }) => ({
      value: figure.value,
      unit: figure.unit,
      text: figure.text,
      articleId: figure.articleId,
      surface: range.qualifier ? `${range.qualifier} ${figure.surface}` : figure.surface,
    })),
  };
}

/** The claim from another article nearest in value (log scale); ties go to the earlier article. */
function closestElsewhere(claim: Claim, claims: readonly Claim[]): Claim | null {
  let best: Claim | null = null;
  let bestDistance = Infinity;
  for (const other of claims) {
    if (other.figure.articleId === claim.figure.articleId) continue;
    const gap = distance(claim, other);
    if (gap < bestDistance) {
      best = other;
      bestDistance = gap;
    }
  }
  return best;
}

function distance(left: Claim, right: Claim): number {
  const leftValue = Math.abs(left.figure.value);
  const rightValue = Math.abs(right.figure.value);
  if (leftValue === 0 || rightValue === 0) return leftValue === rightValue ? 0 : Infinity;
  return Math.abs(Math.log(leftValue / rightValue));
}
