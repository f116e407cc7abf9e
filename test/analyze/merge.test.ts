import { describe, expect, it } from 'vitest';
import { mergeCandidates, sameFirstName, type PlacedCandidate } from '../../src/analyze/merge.js';
import { comparableName } from '../../src/analyze/normalize.js';
import { compareText } from '../../src/util/compare.js';

const at = (surface: string, type: PlacedCandidate['type'], articleIndex: number): PlacedCandidate => ({
  surface,
  start: 0,
  end: surface.length,
  type,
  articleIndex,
  articleId: `a-${articleIndex}`,
  sentenceIndex: 0,
});

describe('mergeCandidates', () => {
  it('keeps people of one surname apart by first name, joins transliterations and initials, and files a lone surname under the person of its article', () => {
    const candidates = [
      at('Sergei Ivanov', 'person', 0),
      at('Sergei Ivanov', 'person', 0),
      at('Anna Ivanov', 'person', 1),
      at('Sergey Ivanov', 'person', 2),
      at('Anna Ivanov', 'person', 6),
      at('Boris Ivanov', 'person', 3),
      at('A. Ivanov', 'person', 4),
      at('Ivanov', null, 1),
      at('Ivanov', 'person', 3),
      at('Ivanov', null, 5),
      at('Nobody', null, 5),
    ];
    const { entities, keys } = mergeCandidates(candidates);
    const byKey = new Map(entities.map((entity) => [entity.key, entity]));
    const nameOf = (index: number) => byKey.get(keys[index]!)!.name;
    expect(nameOf(0)).toBe('Sergei Ivanov');
    expect(keys[3]).toBe(keys[0]);
    expect(nameOf(2)).toBe('Anna Ivanov');
    expect(keys[6]).toBe(keys[2]);
    expect(nameOf(5)).toBe('Boris Ivanov');
    // A lone surname: the person named in its own article, else the one most mentioned.
    expect(keys[7]).toBe(keys[2]);
    expect(keys[8]).toBe(keys[5]);
    expect(keys[9]).toBe(keys[2]); // Anna Ivanov: four mentions by then (A. Ivanov and a lone one), Sergei three
    expect(keys[10]).toBeNull();
    expect(new Set(keys.filter((key) => key !== null)).size).toBe(3);
  });

  it('gives the same entities whatever many first names share a surname', () => {
    const first = ['Ali', 'Ben', 'Cai', 'Dan', 'Eva', 'Fay', 'Gus', 'Hal', 'Ida', 'Jon', 'Kim', 'Lea'];
    const candidates = first.flatMap((name, i) => [at(`${name} Smith`, 'person', i), at('Smith', null, i)]);
    const { entities, keys } = mergeCandidates(candidates);
    expect(entities.map((entity) => entity.name).sort()).toEqual(first.map((name) => `${name} Smith`).sort());
    // Each lone "Smith" is the Smith of its own article.
    for (let i = 0; i < first.length; i++) expect(keys[2 * i + 1]).toBe(keys[2 * i]);
  });

  it('files a lone surname under the person named in its article, else the most mentioned so far, ties by name', () => {
    const candidates = [
      at('Boris Ivanov', 'person', 0),
      at('Boris Ivanov', 'person', 1),
      at('Anna Ivanov', 'person', 2),
      at('Anna Ivanov', 'person', 3),
      at('Ivanov', null, 9), // no Ivanov named in article 9: two mentions each, Anna's name first
      at('Ivanov', null, 1), // Boris is named in article 1
      at('Ivanov', null, 1),
      at('Ivanov', null, 8), // nobody in article 8: Boris has four mentions by now, Anna three
      at('Ivanov', null, 9), // Anna is in article 9 since the first lone Ivanov, though Boris has more
    ];
    const { keys } = mergeCandidates(candidates);
    const [boris, anna] = [keys[0], keys[2]];
    expect(boris).not.toBe(anna);
    expect(keys.slice(4)).toEqual([anna, boris, boris, boris, anna]);
  });

  it('joins a full name to the first person of its surname, in order of frequency, whose first name it can be', () => {
    // Many first names sharing initials, transliterations and initials among them, several times over: the first
    // person (most mentioned first) whose first name matches takes the name, as a search of every person of the
    // surname finds.
    const first = ['Sergei', 'Sergey', 'Sasha', 'S.', 'Stan', 'Anna', 'Ana', 'A.', 'Alexei', 'Alexey', 'Boris', 'B.', 'Sergio'];
    const candidates = first.flatMap((name, i) =>
      Array.from({ length: 1 + ((i * 7) % 5) }, (_, k) => at(`${name} Petrov`, 'person', i * 10 + k)),
    );
    const { keys } = mergeCandidates(candidates);
    const names = [...new Set(candidates.map((candidate) => candidate.surface))];
    const mentions = (name: string) => candidates.filter((candidate) => candidate.surface === name).length;
    const ordered = [...names].sort((a, b) => mentions(b) - mentions(a) || compareText(comparableName(a), comparableName(b)));
    // The reference: every earlier person of the surname is tried, in the order they were made.
    const firstName = (name: string) => comparableName(name.split(' ')[0]!);
    const people: string[][] = [];
    for (const name of ordered) {
      const person = people.find((members) => sameFirstName(firstName(members[0]!), firstName(name)));
      if (person) person.push(name);
      else people.push([name]);
    }
    const keyOf = (name: string) => keys[candidates.findIndex((candidate) => candidate.surface === name)];
    for (const members of people) for (const name of members) expect(keyOf(name), name).toBe(keyOf(members[0]!));
    expect(new Set(keys).size).toBe(people.length);
    expect(people.length).toBeLessThan(names.length);
  });
});

describe('canonical names seen only in capitals', () => {
  it('sets shouted names in title case and keeps acronyms of organizations and places as written', () => {
    const { entities } = mergeCandidates([
      at('NASA', 'organization', 0),
      at('UAE', 'place', 0),
      at('WHITE HOUSE', 'organization', 1),
      at('DONALD TRUMP', 'person', 1),
      at('NATO', 'organization', 2),
      at('Nato', 'organization', 3),
    ]);
    expect(entities.map((entity) => entity.name).sort()).toEqual(['Donald Trump', 'NASA', 'Nato', 'UAE', 'White House']);
  });
});
