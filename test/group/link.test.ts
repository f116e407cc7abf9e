import { describe, expect, it } from 'vitest';
import type { AnalyzedArticle } from '../../src/analyze/types.js';
import { threadLink } from '../../src/group/link.js';

function member(keys: string[]): AnalyzedArticle {
  return { mentions: keys.map((key) => ({ key, surface: key, sentenceIndex: 0 })) } as unknown as AnalyzedArticle;
}

/** An article's distinct content words. */
const bag = (words: string[]): string[] => words;

describe('threadLink', () => {
  it('names what two or more of the articles share, the rarest words of the day first, numbers left out', () => {
    const members = [
      member(['person:niek-stam', 'place:rotterdam', 'place:netherlands']),
      member(['person:niek-stam', 'place:rotterdam']),
      member(['place:rotterdam', 'place:antwerp']),
    ];
    const bags = [bag(['strike', 'dock', 'port', 'monday', '4000']), bag(['strike', 'dock', 'port', '4000']), bag(['dock', 'crane'])];
    // "port" and "monday" are everyday words of this day's news; "strike" and "dock" belong to this story.
    const frequency = new Map([['strike', 3], ['dock', 3], ['port', 40], ['monday', 60], ['4000', 2], ['crane', 1]]);
    const link = threadLink(members, bags, frequency, 100);
    expect(link.names).toEqual(['place:rotterdam', 'person:niek-stam']);
    expect(link.terms).toEqual(['dock', 'strike', 'port']);
  });

  it('says nothing for a thread of one article', () => {
    expect(threadLink([member(['place:rotterdam'])], [bag(['strike'])], new Map([['strike', 1]]), 10)).toEqual({ names: [], terms: [] });
  });
});
