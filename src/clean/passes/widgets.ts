import { type WorkLine, isBodyLine, removeLine } from '../lines.js';
import { isLinkListItem, isWidgetHeading } from '../rules/widgets.js';

/**
 * "Most popular" / "Related stories" / "Our picks" widgets: when nothing like article text follows,
 * the widget closes the page and everything from it to the end goes; otherwise the heading and the
 * link list right under it go.
 */
export function removeWidgets(lines: WorkLine[]): void {
  const lastBody = findLastBodyIndex(lines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.rule !== null || !isWidgetHeading(line.text, line.tally.words)) continue;
    if (i > lastBody) {
      for (let j = i; j < lines.length; j++) removeLine(lines[j]!, 'widget');
      return;
    }
    removeLine(line, 'widget');
    for (let j = i + 1; j < lines.length && lines[j]!.rule === null && isLinkListItem(lines[j]!.text, lines[j]!.tally.words); j++) removeLine(lines[j]!, 'widget');
  }
}

export function findLastBodyIndex(lines: WorkLine[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.rule === null && isBodyLine(lines[i]!)) return i;
  return -1;
}
