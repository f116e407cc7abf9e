import { describe, expect, it } from 'vitest';
import { duplicateRepresentatives, nearDuplicatePairs, plainWordHashes, radixSort, shingles, stableSortByKey } from '../../src/group/near-duplicates.js';

const STORY =
  'Russian Foreign Minister Sergey Lavrov and US Secretary of State Marco Rubio held a telephone conversation on ' +
  'Sunday, focusing on the forthcoming discussions between Moscow and Kiev set to take place in Istanbul. They also ' +
  'addressed a series of recent assaults on Russian territory, which have escalated tensions ahead of the talks.';

describe('shingles', () => {
  it('gives the same set for a body repeated twice', () => {
    const once = shingles(STORY);
    const twice = shingles(`${STORY}\n${STORY}`);
    const inTwice = new Set(twice);
    for (const shingle of once) expect(inTwice.has(shingle)).toBe(true);
    // Only the 5-grams spanning the seam are new.
    expect(twice.length - once.length).toBeLessThanOrEqual(4);
    expect(once.length).toBeGreaterThan(30);
  });
});

describe('plainWordHashes', () => {
  /** The definition: FNV-1a of each run of letters and digits in the lower-cased text. */
  const reference = (text: string) =>
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => {
      let hash = 0x811c9dc5;
      for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
      return hash >>> 0;
    });

  it('hashes the same words as the letters-and-digits pattern, in and out of ASCII', () => {
    const texts = [
      STORY,
      "Zürich's 3,5 % rise — naïve İstanbul ΣΟΦΟΣ café; ١٢٣ km²",
      'math 𝒜𝒷 letters, emoji 😀 between words, a lone \ud800 high and \udc00 low surrogate, end\ud83d',
      '',
      '... 42',
    ];
    for (const text of texts) expect(Array.from(plainWordHashes(text))).toEqual(reference(text));
    expect(plainWordHashes(STORY).length).toBeGreaterThan(40);
  });
});

describe('radixSort', () => {
  it('sorts as the typed array sort does: every byte of the key, duplicates, empty, and longer than its scratch', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    const inputs = [
      [],
      [5],
      [0xffffffff, 0, 0x80000000, 0x7fffffff, 0xff, 0x100, 0xff00, 0x10000, 0xff000000, 0x01000000, 0, 0xffffffff],
      Array.from({ length: 3000 }, (_, k) => (k % 4 === 0 ? random() : k % 4 === 1 ? random() >>> 24 : k % 4 === 2 ? random() & 0xff00ff00 : 42) >>> 0),
    ];
    for (const input of inputs) {
      const keys = Uint32Array.from(input);
      radixSort(keys);
      expect(Array.from(keys)).toEqual(Array.from(Uint32Array.from(input).sort()));
    }
  });
});

describe('stableSortByKey', () => {
  it('sorts keys over the whole 32-bit range, equal keys keeping their order', () => {
    const keys = [0xffffffff, 7, 0x80000000, 7, 0, 0x10000, 7, 0xffff];
    const [sorted, values] = stableSortByKey(Uint32Array.from(keys), Int32Array.from(keys.keys()));
    expect(Array.from(sorted)).toEqual([...keys].sort((x, y) => x - y));
    expect(Array.from(values)).toEqual([4, 1, 3, 6, 7, 5, 2, 0]);
  });

  it('sorts as a stable comparison sort does, keys differing in every digit of the radix', () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    // Few distinct keys (so many ties), spread over the low, middle and top bits.
    const distinct = Array.from({ length: 40 }, (_, k) => (k % 3 === 0 ? random() : k % 3 === 1 ? random() >>> 20 : random() & 0xffc00000) >>> 0);
    const keys = Array.from({ length: 5000 }, () => distinct[random() % distinct.length]!);
    const expected = keys.map((key, index) => ({ key, index })).sort((a, b) => a.key - b.key);
    const [sorted, values] = stableSortByKey(Uint32Array.from(keys), Int32Array.from(keys.keys()));
    expect(Array.from(sorted)).toEqual(expected.map((entry) => entry.key));
    expect(Array.from(values)).toEqual(expected.map((entry) => entry.index));
  });
});

describe('nearDuplicatePairs', () => {
  it('pairs a copy with extra header and footer text, not an unrelated text', () => {
    const sets = [
      shingles(STORY),
      shingles(`Breaking news from our wire desk. ${STORY} Read more stories on our site.`),
      shingles('Heavy rain flooded the suburbs of Valencia on Tuesday and hundreds of residents had to leave their homes overnight.'),
    ];
    expect(nearDuplicatePairs(sets, 0.8)).toEqual([[0, 1]]);
  });

  it('does not pair texts that only share a few sentences', () => {
    const other = 'The ministry said the talks were constructive. Both sides agreed to meet again soon in Riyadh to continue.';
    const sets = [shingles(`${STORY} ${other} ${other.replace('Riyadh', 'Geneva')}`), shingles(`${other} And much more text follows here in this one.`)];
    expect(nearDuplicatePairs(sets, 0.8)).toEqual([]);
  });
});

describe('nearDuplicatePairs past its index budget', () => {
  it('finds the same copies from a sample of the shingles as from all of them', () => {
    // Long distinct texts (numbered words), two of them copied with a new header, one only half shared.
    const text = (seed: number) => Array.from({ length: 300 }, (_, i) => `word${(seed * 7919 + i * 31) % 100000}`).join(' ');
    const texts = Array.from({ length: 40 }, (_, i) => text(i));
    texts.push(`Wire header. ${texts[3]}`, `${texts[10]} Read more.`, `${texts[20]!.slice(0, 900)} ${text(99)}`);
    const sets = texts.map(shingles);
    const exact = nearDuplicatePairs(sets, 0.8);
    expect(exact).toEqual([[3, 40], [10, 41]]);
    // A budget of a tenth of the shingles indexes about one class in ten.
    expect(nearDuplicatePairs(sets, 0.8, 1300)).toEqual(exact);
  });
});

describe('nearDuplicatePairs on a widespread story', () => {
  // Long distinct texts (numbered words), as in the budget test.
  const text = (seed: number) => Array.from({ length: 120 }, (_, i) => `word${(seed * 7919 + i * 31) % 100000}`).join(' ');

  it('finds every copy of a story run more times than a shingle may spread, and nothing else', () => {
    // 300 copies of one story (each with a header of its own) among 50 other texts: every shingle of the story is in
    // 300 articles, past the 200 of a walked run, so only the first copies walk it.
    const copies = Array.from({ length: 300 }, (_, i) => `Filed by desk ${i}. ${STORY} ${text(1)}`);
    const others = Array.from({ length: 50 }, (_, i) => text(100 + i));
    const sets = [...others, ...copies].map(shingles);
    const pairs = nearDuplicatePairs(sets, 0.8);
    const representative = duplicateRepresentatives(sets.length, pairs, (a, b) => a - b);
    // One family: every copy under the first copy; the other texts alone.
    expect(representative.slice(50)).toEqual(Array.from({ length: 300 }, () => 50));
    expect(representative.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Each copy is paired with at most the first 4 copies (the anchors), not with all 299 others.
    expect(pairs.length).toBeLessThanOrEqual(4 * 300);
  });

  it('finds them from a sample of the shingles as from all of them', () => {
    const copies = Array.from({ length: 300 }, (_, i) => `Filed by desk ${i}. ${STORY} ${text(1)}`);
    const sets = [...Array.from({ length: 50 }, (_, i) => text(100 + i)), ...copies].map(shingles);
    const exact = nearDuplicatePairs(sets, 0.8);
    expect(nearDuplicatePairs(sets, 0.8, 5_000)).toEqual(exact);
  });

  it('does not join different articles through short pages made of a line found everywhere', () => {
    // Four different articles and 300 stubs ("Read the full story", a paywall's three words), each ending in the same
    // sign-off: the stubs are copies of each other, and no copy of the articles (the sign-off is most of a stub but
    // little of an article), so the articles stay apart.
    const signOff = 'Subscribe to our newsletter for the latest news from the region delivered to your inbox every morning.';
    const articles = Array.from({ length: 4 }, (_, i) => `${text(i)} ${signOff}`);
    const stubs = Array.from({ length: 300 }, (_, i) => `Story ${i} continues. ${signOff}`);
    const sets = [...articles, ...stubs].map(shingles);
    const representative = duplicateRepresentatives(sets.length, nearDuplicatePairs(sets, 0.8), (a, b) => a - b);
    expect(representative.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });
});

describe('duplicateRepresentatives', () => {
  it('joins copies transitively under the preferred one', () => {
    const prefer = (a: number, b: number) => b - a; // higher index preferred
    expect(duplicateRepresentatives(4, [[0, 1], [1, 2]], prefer)).toEqual([2, 2, 2, 3]);
  });
});
