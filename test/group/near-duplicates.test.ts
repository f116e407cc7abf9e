import { describe, expect, it } from 'vitest';
import { duplicateRepresentatives, nearDuplicatePairs, shingles } from '../../src/group/near-duplicates.js';

const STORY =
  'Russian Foreign Minister Sergey Lavrov and US Secretary of State Marco Rubio held a telephone conversation on ' +
  'Sunday, focusing on the forthcoming discussions between Moscow and Kiev set to take place in Istanbul. They also ' +
  'addressed a series of recent assaults on Russian territory, which have escalated tensions ahead of the talks.';

describe('shingles', () => {
  it('gives the same set for a body repeated twice', () => {
    const once = shingles(STORY);
    const twice = shingles(`${STORY}\n${STORY}`);
    for (const shingle of once) expect(twice.has(shingle)).toBe(true);
    // Only the 5-grams spanning the seam are new.
    expect(twice.size - once.size).toBeLessThanOrEqual(4);
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

describe('duplicateRepresentatives', () => {
  it('joins copies transitively under the preferred one', () => {
    const prefer = (a: number, b: number) => b - a; // higher index preferred
    expect(duplicateRepresentatives(4, [[0, 1], [1, 2]], prefer)).toEqual([2, 2, 2, 3]);
  });
});
