import type { Removal } from './types.js';

/** A paragraph while it is being cleaned: removed as a whole (`rule`) and/or trimmed (`cuts`). */
export interface WorkLine {
  text: string;
  rule: string | null;
  cuts: Removal[];
}

export function toWorkLines(paragraphs: string[]): WorkLine[] {
  return paragraphs.map((text) => ({ text, rule: null, cuts: [] }));
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
  if (line.text === '') line.rule = rule;
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
