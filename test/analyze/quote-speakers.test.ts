import { describe, expect, it } from 'vitest';
import { introducedPeople } from '../../src/analyze/quote-speakers.js';

describe('introducedPeople', () => {
  const sentences = [
    'Tim Cook, Apple’s chief executive, said the phones would ship in May.',
    'Cook said so. Apple, the company, agreed.',
    'Rep. Ilhan Omar, a Democrat from Minnesota, spoke first; Omar, who left early, did not.',
    'But Lewis Ward told reporters the Go-Kart Track was closed.',
    'Ward, a spokesman for the track, declined to comment.',
    'Paris, the capital, and London were named.',
  ];
  const people = introducedPeople(sentences);

  it('reads names of two words or more, with the role of an appositive after a comma', () => {
    expect(['Cook', 'Omar', 'Ward', 'Apple', 'Paris'].map((surname) => people.fullName(surname))).toEqual(['Tim Cook', 'Ilhan Omar', null, null, null]);
    expect(people.roleOf('Tim Cook')).toBe('Apple’s chief executive');
    // A one-word name has no role of its own, whatever follows its comma.
    expect(people.roleOf('Ward')).toBeNull();
    expect(people.roleOf('Apple')).toBeNull();
    expect(['Cook', 'Tim Cook', 'Apple', 'Ward', 'Paris'].map((name) => people.isPerson(name))).toEqual([true, true, false, false, false]);
  });

  it('finds the first person a sentence names in full, passing over one-word runs', () => {
    expect(sentences.map((sentence) => people.firstNamedIn(sentence))).toEqual([
      { name: 'Tim Cook', start: 0 }, null, { name: 'Ilhan Omar', start: 5 }, null, null, null,
    ]);
    expect(people.firstNamedIn('Yesterday, Kym Lino, a spokesperson for Instagram, said no.')).toEqual({ name: 'Kym Lino', start: 11 });
  });
});
