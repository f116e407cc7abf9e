import type { Figure, Quantity, Sentence } from '../types.js';
import { labelFor } from './label.js';
import { extractQuantities as extractAll } from './quantities.js';
import { scoreFigure } from './score.js';

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

/** Best first; ties keep reading order so the result is stable. */
function byImportance(a: Figure, b: Figure): number {
  return b.score - a.score || a.sentenceIndex - b.sentenceIndex || a.text.indexOf(a.surface) - b.text.indexOf(b.surface);
}

/** Key figures of one article's sentences: quantities with the thing they count, scored for importance. */
export function extractFigures(sentences: Sentence[]): Figure[] {
  const figures: Figure[] = [];
  for (const sentence of sentences) {
    const quantities = extractAll(sentence.text);
    quantities.forEach((q, k) => {
      if (NOT_FIGURES.has(q.kind) || isConversion(sentence.text, q, quantities[k - 1])) return;
      const label = labelFor(sentence.text, q);
      // A small bare number that counts nothing ("chapter 2", "at 1") is never a key figure.
      if (q.kind === 'number' && label === '' && Math.abs(q.value) < 10) return;
      // A bare number that turns out to count something is a count.
      const kind = q.kind === 'number' && label !== '' ? 'count' : q.kind;
      figures.push({
        value: q.value,
        unit: q.unit,
        label,
        surface: q.surface,
        text: sentence.text,
        articleId: sentence.articleId,
        sentenceIndex: sentence.index,
        kind,
        score: scoreFigure({ quantity: { ...q, kind }, label, sentence: sentence.text, sentenceIndex: sentence.index }),
      });
    });
  }
  // A repeated body (the same page pasted twice) repeats its figures: keep each value-unit-label once.
  const seen = new Set<string>();
  return figures.sort(byImportance).filter((f) => {
    const key = figureKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { labelFor } from './label.js';
export { scoreFigure } from './score.js';
