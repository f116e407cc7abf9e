import { describe, expect, it } from 'vitest';
import { consistent, valueRange } from '../../src/summarize/approximation.js';
import { figureCandidates } from '../../src/analyze/figures/index.js';
import { findConflicts } from '../../src/summarize/conflicts.js';
import { figure } from './helpers.js';

// Seed-like reports of the same overnight attack by two outlets.
const outletA = [
  figure({ articleId: 'a', value: 415, label: 'drones and missiles', text: 'Russia had launched 415 drones and missiles at the country.' }),
  figure({ articleId: 'a', value: 741, label: 'long-range drones and missiles', text: 'Russia fired a record number of 741 long-range drones and missiles.' }),
  figure({ articleId: 'a', value: 16, label: 'people wounded', text: 'The attack killed two women and wounded 16 people, officials said.' }),
  figure({ articleId: 'a', value: 2, label: 'women killed', surface: 'two', text: 'The attack killed two women and wounded 16 people, officials said.' }),
  figure({ articleId: 'a', value: 1343, label: 'wounded during the month', surface: '1,343', text: 'The U.N. verified at least 232 people killed and 1,343 wounded during the month.' }),
];
const outletB = [
  figure({ articleId: 'b', value: 700, label: 'drones and missiles launched', text: 'A record strike saw more than 700 drones and missiles launched by Russia.' }),
  figure({ articleId: 'b', value: 415, label: 'drone and missile strikes', text: 'The air force reported 415 drone and missile strikes that had killed two people and injured more than 23 people.' }),
  figure({ articleId: 'b', value: 23, label: 'people injured', text: 'The air force reported 415 drone and missile strikes that had killed two people and injured more than 23 people.' }),
  figure({ articleId: 'b', value: 2, label: 'people killed', surface: 'two', text: 'The strikes had killed two people and injured more than 23 people.' }),
];

describe('valueRange and consistent', () => {
  it('reads qualifiers before the figure', () => {
    const moreThan700 = valueRange(outletB[0]!);
    expect(moreThan700.qualifier).toBe('more than');
    expect(consistent(moreThan700, valueRange(outletA[1]!))).toBe(true);
    expect(consistent(valueRange(outletB[2]!), valueRange(outletA[2]!))).toBe(false);
  });

  it('treats "about" as a band around the value and an exact figure as a point', () => {
    const about = valueRange({ value: 100, surface: '100', text: 'about 100 people were there' });
    expect(about.low).toBeLessThan(100);
    expect(about.high).toBeGreaterThan(100);
    expect(consistent(about, valueRange({ value: 110, surface: '110', text: '110 people' }))).toBe(true);
    expect(consistent(valueRange({ value: 16, surface: '16', text: '16' }), valueRange({ value: 17, surface: '17', text: '17' }))).toBe(false);
  });
});

describe('findConflicts', () => {
  const conflicts = findConflicts([...outletA, ...outletB], [['a', 'b']]);

  it('reports the wounded 16 vs injured more than 23 disagreement with both sources', () => {
    const hurt = conflicts.filter((conflict) => conflict.about === 'people injured');
    expect(hurt).toHaveLength(1);
    expect(hurt[0]!.values.map((value) => [value.articleId, value.value])).toEqual([
      ['a', 16],
      ['b', 23],
    ]);
    expect(hurt[0]!.values[1]!.surface).toBe('more than 23');
  });

  it('does not call consistent or unrelated figures conflicts', () => {
    expect(conflicts).toHaveLength(1);
    expect(conflicts.flatMap((conflict) => conflict.values.map((value) => value.value))).not.toContain(1343);
  });

  it('needs two different articles in the same scope', () => {
    const sameArticle = outletB.map((item) => ({ ...item, articleId: 'a' }));
    expect(findConflicts([...outletA, ...sameArticle], [['a']])).toEqual([]);
    expect(findConflicts([...outletA, ...outletB], [['a'], ['b']])).toEqual([]);
  });

  it('ignores years and figures too far apart to be about the same thing', () => {
    const years = [
      figure({ articleId: 'a', value: 2023, label: 'joined the police', kind: 'year' }),
      figure({ articleId: 'b', value: 2022, label: 'joined the police', kind: 'year' }),
    ];
    expect(findConflicts(years, [['a', 'b']])).toEqual([]);
    const farApart = [
      figure({ articleId: 'a', value: 3, label: 'people killed' }),
      figure({ articleId: 'b', value: 300, label: 'people killed' }),
    ];
    expect(findConflicts(farApart, [['a', 'b']])).toEqual([]);
  });

  it('matches synonyms: killed and dead are the same tally', () => {
    const deaths = [
      figure({ articleId: 'a', value: 7, label: 'people killed' }),
      figure({ articleId: 'b', value: 9, label: 'dead' }),
    ];
    const found = findConflicts(deaths, [['a', 'b']]);
    expect(found).toHaveLength(1);
    expect(found[0]!.about).toBe('people killed');
  });
});

describe('findConflicts on real-looking reports from two outlets', () => {
  /** Figures as the analyze stage reads them from one outlet's sentences. */
  const reports = (articleId: string, ...texts: string[]) =>
    figureCandidates(texts.map((text, index) => ({ articleId, index, paragraph: index, text })), { published: '2019-11-20' });
  const conflictsOf = (a: string, b: string) => findConflicts([...reports('a', a), ...reports('b', b)], [['a', 'b']]);

  it('reports two outlets giving different tolls of the same attack', () => {
    const found = conflictsOf('The attack killed 12 people, officials said.', 'The attack killed at least 19 people, the ministry said.');
    expect(found.map((conflict) => conflict.values.map((value) => value.value))).toEqual([[12, 19]]);
  });

  it('does not oppose two sums of money that measure different scopes ($125bn on one list, $360bn in all)', () => {
    expect(
      conflictsOf(
        'Beijing also wants Trump to eliminate the 15% tariffs on about $125 billion worth of Chinese goods imposed on Sept. 1.',
        'Trump continues to give mixed signals about whether any of his tariffs on $360 billion worth of Chinese goods will be removed.',
      ),
    ).toEqual([]);
  });

  it('does not oppose a part of a set to the whole set', () => {
    expect(
      conflictsOf('In May the agency picked 12 of those companies to send landers next year.', 'The agency added 20 companies to the contract on Monday.'),
    ).toEqual([]);
  });

  it('does not oppose numbers that are not key figures (calls to 911)', () => {
    expect(conflictsOf('Residents made 911 calls all night.', 'Residents made 450 calls all night.')).toEqual([]);
  });
});
