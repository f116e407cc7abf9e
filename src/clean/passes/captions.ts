import { type WorkLine, removeLine } from '../lines.js';
import { isCreditedCaption } from '../rules/captions.js';

/** Lines closed by a photo or wire credit ("... Chernihiv, Ukraine. — Reuters", "... (AFP/Getty)") are captions. */
export function removeCaptions(lines: WorkLine[]): void {
  for (const line of lines) if (line.rule === null && isCreditedCaption(line.text, line.tally.words)) removeLine(line, 'caption');
}
