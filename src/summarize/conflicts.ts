import type { Figure } from '../analyze/types.js';
import { consistent, valueRange, type ValueRange } from './approximation.js';
import { figureClass, labelWords } from './labels.js';
import type { Conflict } from './types.js';

// Kinds that are not tallies of a happening; outlets differing on them is not a factual disagreement.
const NOT_TALLIES: ReadonlySet<Figure['kind']> = new Set(['year', 'date', 'ordinal', 'age']);

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
 * Disagreements between outlets: in one scope (an event's article ids), figures about the same thing
 * (same unit and synonym class, or the same label words) from different articles that are each other's
 * closest counterpart and cannot both be true.
 */
export function findConflicts(figures: readonly Figure[], scopes: readonly (readonly string[])[]): Conflict[] {
  const conflicts: Conflict[] = [];
  const reported = new Set<string>();
  for (const scope of scopes) {
    const orderOf = new Map(scope.map((id, index) => [id, index]));
    const topics = new Map<string, Claim[]>();
    for (const figure of figures) {
      const order = orderOf.get(figure.articleId);
      if (order === undefined || NOT_TALLIES.has(figure.kind)) continue;
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

/** What a figure is about, as a key: unit plus synonym class, else unit plus its label words; null if unlabelled. */
function topicOf(figure: Figure): string | null {
  const unit = figure.unit ?? '';
  const synonymClass = figureClass(figure);
  if (synonymClass) return `${unit}|${synonymClass}`;
  const words = [...labelWords(figure.label)].sort();
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
