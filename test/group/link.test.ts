import { describe, expect, it } from 'vitest';
import type { AnalyzedArticle } from '../../src/analyze/types.js';
import { firstInOrder, threadLink } from '../../src/group/link.js';

function member(keys: string[]): AnalyzedArticle {
  return { mentions: keys.map((key) => ({ key, surface: key, sentenceIndex: 0 })) } as unknown as AnalyzedArticle;
}

/** The day's words as a model numbers them, with how many of the day's articles use each. */
function statistics(frequency: [string, number][]) {
  return { vocabulary: frequency.map(([term]) => term), documentFrequency: frequency.map(([, df]) => df) };
}

/** An article's distinct content words, as term numbers of `statistics`. */
const bag = (terms: ReturnType<typeof statistics>, words: string[]): number[] => words.map((word) => terms.vocabulary.indexOf(word));

describe('threadLink', () => {
  it('names what two or more of the articles share, the rarest words of the day first, numbers left out', () => {
    const members = [
      member(['person:niek-stam', 'place:rotterdam', 'place:netherlands']),
      member(['person:niek-stam', 'place:rotterdam']),
      member(['place:rotterdam', 'place:antwerp']),
    ];
    // "port" and "monday" are everyday words of this day's news; "strike" and "dock" belong to this story.
    const terms = statistics([['strike', 3], ['dock', 3], ['port', 40], ['monday', 60], ['4000', 2], ['crane', 1]]);
    const bags = [
      bag(terms, ['strike', 'dock', 'port', 'monday', '4000']),
      bag(terms, ['strike', 'dock', 'port', '4000']),
      bag(terms, ['dock', 'crane']),
    ];
    const link = threadLink(members, bags, terms, 100);
    expect(link.names).toEqual(['place:rotterdam', 'person:niek-stam']);
    expect(link.terms).toEqual(['dock', 'strike', 'port']);
  });

  it('says nothing for a thread of one article', () => {
    const terms = statistics([['strike', 1]]);
    expect(threadLink([member(['place:rotterdam'])], [bag(terms, ['strike'])], terms, 10)).toEqual({ names: [], terms: [] });
  });
});

describe('firstInOrder', () => {
  it('keeps the first items a full sort would, in its order, for counts below, at and above the number of items', () => {
    let seed = 3;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    // Few distinct weights (many ties), broken by distinct names: a total order.
    const items = Array.from({ length: 200 }, (_, k) => [`w${random().toString(36)}${k}`, random() % 7] as const);
    const compare = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
    for (const count of [0, 1, 5, 8, 199, 200, 250]) {
      expect(firstInOrder(items, compare, count)).toEqual([...items].sort(compare).slice(0, count));
    }
    expect(firstInOrder([], compare, 3)).toEqual([]);
  });
});

