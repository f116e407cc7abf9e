import { type WorkLine, lineKey, removeLine } from '../lines.js';

// Short repeated lines are table cells or labels ("DL", "57"), left to the orphan rule.
const MIN_REPEAT_WORDS = 4;

/** A paragraph seen before (a repeated caption, or a whole body pasted twice) keeps only its first occurrence. */
export function removeRepeats(lines: WorkLine[]): void {
  const seen = new Set<string>();
  for (const line of lines) {
    if (line.rule !== null || line.tally.words < MIN_REPEAT_WORDS) continue;
    const key = lineKey(line);
    if (key === '') continue;
    if (seen.has(key)) removeLine(line, 'repeat');
    else seen.add(key);
  }
}
