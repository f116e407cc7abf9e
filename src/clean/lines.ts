import { comparisonKey, isBodyLike, tallyWords, type WordTally } from './text.js';
import type { Removal } from './types.js';

/**
 * A paragraph while it is being cleaned: removed as a whole (`rule`) and/or trimmed (`cuts`). What the passes and
 * rules ask of its text is worked out once per text, not once per question: its words (`tally.words`, kept up to
 * date by `trimLine`) and its comparison key (`lineKey`, made when first asked).
 */
export interface WorkLine {
  text: string;
  rule: string | null;
  cuts: Removal[];
  tally: WordTally;
  key: string | null;
}

export function toWorkLines(paragraphs: string[]): WorkLine[] {
  return paragraphs.map((text) => ({ text, rule: null, cuts: [], tally: tallyWords(text), key: null }));
}

export function isKept(line: WorkLine): boolean {
  return line.rule === null;
}

export function removeLine(line: WorkLine, rule: string): void {
  if (line.rule === null) line.rule = rule;
}

/** Cuts `removed` off a kept line, leaving `rest` (removing the line when nothing is left). */
export function trimLine(line: WorkLine, rule: string, removed: string, rest: string): void {
  line.cuts.push({ rule, text: removed });
  line.text = rest.trim();
  line.tally = tallyWords(line.text);
  line.key = null;
  if (line.text === '') line.rule = rule;
}

/** The line's comparison key (`comparisonKey` of its text). */
export function lineKey(line: WorkLine): string {
  return (line.key ??= comparisonKey(line.text));
}

/** `isBodyLike` of the line's text. */
export function isBodyLine(line: WorkLine): boolean {
  return isBodyLike(line.text, line.tally.words);
}

export function keptIndexes(lines: WorkLine[]): number[] {
  const result: number[] = [];
  lines.forEach((line, index) => {
    if (line.rule === null) result.push(index);
  });
  return result;
}

/** Every removal in reading order: the cuts of a line first, then the line itself when it went. */
export function collectRemovals(lines: WorkLine[]): Removal[] {
  return lines.flatMap((line) => (line.rule === null || line.text === '' ? line.cuts : [...line.cuts, { rule: line.rule, text: line.text }]));
}
