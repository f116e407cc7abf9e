import type { Figure, Quantity, Sentence } from '../types.js';
import { labelFor } from './label.js';
import { extractQuantities as extractAll } from './quantities.js';
import { scoreFigure } from './score.js';
import { sentenceFacts, whyNotKeyFigure, yearsSetIn, type SentenceFacts } from './keyFigure.js';

/** Every quantity in a piece of text (numbers, money, percents, measures, durations, word numbers). */
export function extractQuantities(text: string): Quantity[] {
  return extractAll(text);
}

/** Ordinals and calendar days are positions, not figures. */
const NOT_FIGURES: ReadonlySet<Quantity['kind']> = new Set(['ordinal', 'date']);

/**
 * Large values and sums of money are specific enough that the same value twice in one article is the same fact
 * ("371 people" in a quote, "371 of its civilians" in the text); small counts need the label too ("two women",
 * "two diplomats").
 */
function figureKey(f: Figure): string {
  const specific = Math.abs(f.value) >= 100 || f.kind === 'money' || !Number.isInteger(f.value);
  return specific ? `${f.value}|${f.unit ?? ''}` : `${f.value}|${f.unit ?? ''}|${f.label.toLowerCase()}`;
}

/** "€10bn (£8.6bn)": a sum in brackets right after another sum is a currency conversion, not a second figure. */
function isConversion(text: string, q: Quantity, previous: Quantity | undefined): boolean {
  if (!previous || q.kind !== 'money' || previous.kind !== 'money') return false;
  return /^\s*\(\s*$/.test(text.slice(previous.end, q.start));
}

/**
 * Best first; ties keep reading order so the result is stable. The figures in order: where each one's surface is
 * first found in its sentence is looked up once, not at every comparison.
 */
function byImportance(figures: readonly Figure[]): Figure[] {
  const at = new Map(figures.map((f) => [f, f.text.indexOf(f.surface)]));
  return [...figures].sort((a, b) => b.score - a.score || a.sentenceIndex - b.sentenceIndex || at.get(a)! - at.get(b)!);
}

export interface FigureContext {
  /** Publication date of the article (YYYY-MM-DD), for telling background from today's news. */
  published?: string | null;
  /** The article's language (BCP 47, "en"; detected by the cleaner), or null when unknown: the grammar reads English. */
  language?: string | null;
}

/** One figure per quantity worth reading, with the rule that keeps it out of the key figures when one applies. */
function sentenceFigures(sentence: Sentence, context: FigureContext): Figure[] {
  const quantities = extractAll(sentence.text);
  const pastYears = yearsSetIn(sentence.text, quantities);
  const publishedYear = context.published ? Number(context.published.slice(0, 4)) : null;
  const inOtherLanguage = context.language !== undefined && context.language !== null && context.language !== 'en';
  let facts: SentenceFacts | undefined;
  const figures: Figure[] = [];
  quantities.forEach((q, k) => {
    if (NOT_FIGURES.has(q.kind) || isConversion(sentence.text, q, quantities[k - 1])) return;
    const label = labelFor(sentence.text, q);
    // A bare number that turns out to count something is a count.
    const kind = q.kind === 'number' && label !== '' ? 'count' : q.kind;
    const quantity = kind === q.kind ? q : { ...q, kind };
    const dropped = inOtherLanguage
      ? 'language'
      : whyNotKeyFigure({ text: sentence.text, quantity, label, pastYears, publishedYear }, (facts ??= sentenceFacts(sentence.text)));
    figures.push({
      value: q.range?.low ?? q.value,
      ...(q.range ? { valueHigh: q.range.high } : {}),
      unit: q.unit,
      label,
      surface: q.surface,
      text: sentence.text,
      articleId: sentence.articleId,
      sentenceIndex: sentence.index,
      kind,
      score: scoreFigure({ quantity, label, sentence: sentence.text, sentenceIndex: sentence.index }),
      ...(dropped ? { dropped } : {}),
    });
  });
  return figures;
}

/**
 * Every figure of one article's sentences, scored for importance, best first: key figures and, marked with the
 * reason, the numbers that cannot be key figures (for audit).
 */
export function figureCandidates(sentences: Sentence[], context: FigureContext = {}): Figure[] {
  const all = byImportance(sentences.flatMap((sentence) => sentenceFigures(sentence, context)));
  // A repeated body (the same page pasted twice) repeats its figures: keep each value-unit-label once, a key
  // figure before a dropped copy of it.
  const seen = new Set<string>();
  const once = (f: Figure): boolean => {
    const key = figureKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const kept = all.filter((f) => !f.dropped).filter(once);
  const dropped = all.filter((f) => f.dropped).filter(once);
  return byImportance([...kept, ...dropped]);
}

/** Key figures of one article's sentences: quantities with the thing they count, scored for importance. */
export function extractFigures(sentences: Sentence[], context: FigureContext = {}): Figure[] {
  return figureCandidates(sentences, context).filter((f) => !f.dropped);
}

export { labelFor } from './label.js';
export { scoreFigure } from './score.js';
export { whyNotKeyFigure, type DropReason } from './keyFigure.js';
