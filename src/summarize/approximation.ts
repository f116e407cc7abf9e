import type { Figure } from '../analyze/types.js';

/** The range of true values a reported figure admits, given a qualifier like "more than" or "nearly". */
export interface ValueRange {
  low: number;
  high: number;
  /** The qualifier as written, "" for an exact figure. */
  qualifier: string;
}

// Headroom each qualifier leaves: "more than 700" fits 741, but not 7,000; "nearly 20" fits 18, not 12.
const QUALIFIERS: readonly { pattern: RegExp; low: number; high: number }[] = [
  { pattern: /^(more than|over|at least|upwards of|in excess of|above|no fewer than|no less than)$/i, low: 1, high: 1.5 },
  { pattern: /^(nearly|almost|close to|just under|just shy of)$/i, low: 0.8, high: 1 },
  { pattern: /^(up to|at most|fewer than|less than|under|below|as many as)$/i, low: 0.5, high: 1 },
  { pattern: /^(about|around|approximately|roughly|some|an estimated|estimated|circa|about some)$/i, low: 0.8, high: 1.2 },
];

const QUALIFIER_BEFORE =
  /(more than|over|at least|upwards of|in excess of|above|no fewer than|no less than|nearly|almost|close to|just under|just shy of|up to|at most|fewer than|less than|under|below|as many as|about|around|approximately|roughly|some|an estimated|estimated|circa)\s+$/i;

/** Reads the qualifier in the figure's surface or just before it in its sentence, and turns it into a range. */
export function valueRange(figure: Pick<Figure, 'value' | 'valueHigh' | 'surface' | 'text'>): ValueRange {
  // "$40-50 billion" admits every value between its ends.
  if (figure.valueHigh !== undefined) return { low: figure.value, high: figure.valueHigh, qualifier: '' };
  const qualifier = qualifierOf(figure);
  const rule = QUALIFIERS.find(({ pattern }) => pattern.test(qualifier));
  if (!rule) return { low: figure.value, high: figure.value, qualifier: '' };
  const [low, high] = [figure.value * rule.low, figure.value * rule.high].sort((a, b) => a - b) as [number, number];
  return { low, high, qualifier };
}

function qualifierOf(figure: Pick<Figure, 'surface' | 'text'>): string {
  const inSurface = /^\s*(.*?)\s*[\p{Sc}\d]/u.exec(figure.surface)?.[1] ?? '';
  if (QUALIFIERS.some(({ pattern }) => pattern.test(inSurface))) return inSurface.toLowerCase();
  const at = figure.text.indexOf(figure.surface);
  if (at < 0) return '';
  const before = figure.text.slice(Math.max(0, at - 30), at);
  return (QUALIFIER_BEFORE.exec(before)?.[1] ?? '').toLowerCase();
}

/** Two reports agree when some true value fits both ("more than 700" and "741" do; "more than 23" and "16" do not). */
export function consistent(left: ValueRange, right: ValueRange): boolean {
  const tolerance = 1e-9 * Math.max(1, Math.abs(left.high), Math.abs(right.high));
  return left.low <= right.high + tolerance && right.low <= left.high + tolerance;
}
