import { type WorkLine, isBodyLine, keptIndexes, removeLine } from '../lines.js';
import { endsLikeSentence } from '../text.js';

const MAX_ORPHAN_WORDS = 3;

/**
 * Very short lines that are not sentences: a 1-3 word heading between two paragraphs is a subhead,
 * a piece of text cut mid-sentence ("meetings,") is a fragment, anything else is an orphan label.
 */
export function removeOrphans(lines: WorkLine[]): void {
  const kept = keptIndexes(lines);
  const short = kept.map((index) => isShortLabel(lines[index]!));
  const firstBody = kept.findIndex((index) => isBodyLine(lines[index]!));
  const lastBody = kept.findLastIndex((index) => isBodyLine(lines[index]!));
  kept.forEach((index, k) => {
    if (!short[k]) return;
    const text = lines[index]!.text;
    if (/^[\p{Ll}]/u.test(text)) {
      if (!inList(short, k, firstBody, lastBody)) removeLine(lines[index]!, 'fragment');
      return;
    }
    if (inList(short, k, firstBody, lastBody)) return;
    const before = kept[k - 1];
    const after = kept[k + 1];
    const between = before !== undefined && after !== undefined && isBodyLine(lines[before]!) && isBodyLine(lines[after]!);
    removeLine(lines[index]!, between ? 'subhead' : 'orphan');
  });
}

function isShortLabel({ text, tally }: WorkLine): boolean {
  // "Dear Friends," and "Ingredients:" lead into what follows; they are not stray labels.
  return tally.words <= MAX_ORPHAN_WORDS && !endsLikeSentence(text) && !/[:,]$/.test(text);
}

// Three or more short lines in a row inside the story are a list or a table, not stray labels.
const LIST_RUN = 3;

function inList(short: boolean[], k: number, firstBody: number, lastBody: number): boolean {
  if (k < firstBody || k > lastBody) return false;
  let start = k;
  let end = k;
  while (start > 0 && short[start - 1]) start--;
  while (end < short.length - 1 && short[end + 1]) end++;
  return end - start + 1 >= LIST_RUN;
}

/** The last line of a page cut mid-sentence: starts in lower case and does not end like a sentence. */
export function removeTrailingFragment(lines: WorkLine[]): void {
  const kept = keptIndexes(lines);
  const last = kept[kept.length - 1];
  if (last === undefined) return;
  const { text, tally } = lines[last]!;
  const cutShort = /^[\p{Ll}]/u.test(text) || (/[,;–—-]$/.test(text) && tally.words <= MAX_ORPHAN_WORDS);
  if (cutShort && !endsLikeSentence(text) && tally.words <= 12) removeLine(lines[last]!, 'fragment');
}
