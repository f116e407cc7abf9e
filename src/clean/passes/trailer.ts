import { type WorkLine, removeLine } from '../lines.js';
import { findLastBodyIndex } from './widgets.js';

// Longer lines are never swept: only prompt-sized lines hide between two pieces of junk.
const SANDWICH_MAX_WORDS = 15;

/**
 * After the last paragraph of the story, a short line squeezed between two removed lines belongs
 * to the same block of page furniture ("Read news from 100's of titles, curated for you.").
 */
export function removeSandwichedTrailer(lines: WorkLine[]): void {
  const lastBody = findLastBodyIndex(lines);
  if (lastBody < 0) return;
  for (let i = lastBody + 2; i < lines.length; i++) {
    const line = lines[i]!;
    const previous = lines[i - 1]!;
    const next = lines[i + 1];
    if (line.rule !== null || previous.rule === null || next === undefined || next.rule === null) continue;
    if (line.tally.words <= SANDWICH_MAX_WORDS) removeLine(line, previous.rule);
  }
}
