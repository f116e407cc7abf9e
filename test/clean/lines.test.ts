import { describe, expect, it } from 'vitest';
import { lineKey, toWorkLines, trimLine } from '../../src/clean/lines.js';
import { comparisonKey, wordCount } from '../../src/clean/text.js';

describe('work lines', () => {
  it('know their words and key, and learn them again when trimmed', () => {
    const [line] = toWorkLines(['WASHINGTON (Reuters) - Officials met on Tuesday.']);
    expect(line!.tally.words).toBe(wordCount(line!.text));
    expect(lineKey(line!)).toBe('washingtonreutersofficialsmetontuesday');
    trimLine(line!, 'dateline', 'WASHINGTON (Reuters) -', ' Officials met on Tuesday. ');
    expect(line!.text).toBe('Officials met on Tuesday.');
    expect(line!.tally.words).toBe(4);
    expect(lineKey(line!)).toBe(comparisonKey('Officials met on Tuesday.'));
    expect(line!.rule).toBeNull();
  });
});
