import type { Figure } from '../analyze/types.js';

export interface ThreadSignals {
  /** Distinct outlets reporting the thread (an article without a known outlet counts as its own source). */
  sources: number;
  /** YYYY-MM-DD of the thread's latest event, or null. */
  latestDate: string | null;
  figures: readonly Figure[];
}

const DAY_MS = 86_400_000;

/**
 * Importance of a thread relative to the briefing's newest date: more independent sources, fresher news
 * and weightier figures rank higher. Relative dates keep the score free of the wall clock.
 */
export function threadScore(signals: ThreadSignals, newestDate: string | null): number {
  const sources = 2 * Math.log1p(signals.sources);
  const recency = 1.5 * recencyWeight(signals.latestDate, newestDate);
  const figureWeight = 0.5 * Math.log1p(signals.figures.reduce((sum, figure) => sum + Math.max(0, figure.score), 0));
  return Math.round((sources + recency + figureWeight) * 10_000) / 10_000;
}

/** 1 for the newest day, halving about every three days; unknown dates count as stale. */
export function recencyWeight(date: string | null, newestDate: string | null): number {
  if (!date || !newestDate) return 0;
  const behind = (Date.parse(`${newestDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS;
  if (!Number.isFinite(behind)) return 0;
  return 1 / (1 + Math.max(0, behind) / 3);
}
