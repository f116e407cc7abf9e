import { type WorkLine, removeLine } from '../lines.js';
import { isLegalHeading, readsAsLegalText } from '../rules/legal.js';

/** A legal heading goes with the paragraph right after it and any further legal-sounding ones. */
export function removeLegalSections(lines: WorkLine[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.rule !== null || !isLegalHeading(lines[i]!.text)) continue;
    removeLine(lines[i]!, 'legal');
    let j = i + 1;
    if (j < lines.length && lines[j]!.rule === null) removeLine(lines[j++]!, 'legal');
    while (j < lines.length && lines[j]!.rule === null && readsAsLegalText(lines[j]!.text)) removeLine(lines[j++]!, 'legal');
    i = j - 1;
  }
}
