/** How much a figure matters in a news briefing: money, casualties and big counts first; ages, years, trivia last. */
import type { Quantity } from '../types.js';

const KIND_BASE: Record<Quantity['kind'], number> = {
  money: 6, percent: 5, count: 4, measure: 3.5, duration: 2.5, number: 2, age: 1, year: 0.5, date: 0.2, ordinal: 0.1,
};

/** Words that mark human cost: counts of these lead a briefing. */
const CASUALTY = /\b(killed|kill|dead|deaths?|died|die|wounded|injured|injuries|hurt|casualties|victims?|missing|displaced|evacuated|arrested|detained|hostages?|prisoners?|refugees?|civilians?|people|soldiers|troops|children|fatalities|homeless|captured)\b/i;

/** True when a count is of people or of human cost, read from its label or the words near it. */
export function countsPeople(label: string, near: string): boolean {
  return CASUALTY.test(label) || CASUALTY.test(near);
}

/** Verbs that make a count an event ("launched 415 drones", "pledged €10bn"). */
const STRONG_VERB = /\b(launched|fired|killed|struck|hit|shot|destroyed|pledged|raised|cut|lost|spent|paid|seized|deployed|sent|fell|rose|jumped|dropped|surged|plunged|grew|declined|approved|announced|allocated|donated|earned|fined|sold|bought|evacuated|moved|rescued|released|captured|injured|wounded)\b/i;

/** The value's size on a log scale, capped: 10 -> 1, 1,000 -> 3, 1bn -> 6 (money counts a little more). */
function magnitudeBonus(q: Quantity): number {
  const v = Math.abs(q.value);
  if (v < 1) return 0;
  return Math.min(Math.log10(v), 10) * (q.kind === 'money' ? 0.35 : 0.45);
}

/** Small counts are trivia ("two diplomats", "one night"), unless they count casualties. */
function smallCountPenalty(q: Quantity, casualty: boolean): number {
  if (q.kind !== 'count' && q.kind !== 'number') return 0;
  const v = Math.abs(q.value);
  if (v >= 10 || casualty) return 0;
  return v < 3 ? 3 : 1.5;
}

export interface ScoreInput {
  quantity: Quantity;
  label: string;
  sentence: string;
  sentenceIndex: number;
}

export function scoreFigure({ quantity: q, label, sentence, sentenceIndex }: ScoreInput): number {
  let score = KIND_BASE[q.kind];
  if (q.kind === 'year' || q.kind === 'date' || q.kind === 'ordinal' || q.kind === 'age') return score;
  const near = sentence.slice(Math.max(0, q.start - 60), Math.min(sentence.length, q.end + 60));
  const casualty = (q.kind === 'count' || q.kind === 'number') && countsPeople(label, near);
  if (casualty) score += 3;
  if (STRONG_VERB.test(near)) score += 1;
  if (label === '') score -= 1;
  score += magnitudeBonus(q);
  score -= smallCountPenalty(q, casualty);
  // Lead paragraphs carry the news; a little weight for being early.
  score += Math.max(0, 1 - sentenceIndex * 0.05);
  return Math.round(score * 1000) / 1000;
}
