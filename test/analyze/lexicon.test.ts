import { describe, expect, it } from 'vitest';
import {
  isCalendarWord, isCommonWord, isDemonym, isFirstName, isLastName, isOrganizationWord, isPersonNoun, isPlaceWord,
  lexiconTags,
} from '../../src/analyze/lexicon.js';

const hasAny = (word: string, tags: string[]) => tags.some((tag) => lexiconTags(word).has(tag));
const PLACE = ['Country', 'City', 'Region', 'Place'];
const ORGANIZATION = ['Organization', 'SportsTeam'];
const FIRST_NAME = ['MaleName', 'FemaleName', 'FirstName'];

describe('the lexicon\'s questions about a word', () => {
  it('answer from the word\'s tags, each question on its own, however often and in whatever order they are asked', () => {
    const words = [
      'France', 'Paris', 'Kuala Lumpur', 'NATO', 'Lakers', 'John', 'Mary', 'Smith', 'Russian', 'French', 'March', 'may',
      'Monday', 'Police', 'Fresh', 'the', 'spokesperson', 'witness', 'Zelensky', 'xqzt', '', 'Jordan', 'Georgia', 'Turkey',
    ];
    for (const round of [0, 1]) {
      for (const word of round === 0 ? words : [...words].reverse()) {
        const tags = lexiconTags(word);
        expect(isPlaceWord(word), word).toBe(hasAny(word, PLACE));
        expect(isOrganizationWord(word), word).toBe(hasAny(word, ORGANIZATION));
        expect(isFirstName(word), word).toBe(hasAny(word, FIRST_NAME));
        expect(isLastName(word), word).toBe(tags.has('LastName'));
        expect(isDemonym(word), word).toBe(tags.has('Demonym'));
        expect(isPersonNoun(word), word).toBe(tags.has('Actor'));
        expect(isCalendarWord(word), word).toBe(['march', 'may', 'monday'].includes(word.toLowerCase()) || hasAny(word, ['WeekDay', 'Month']));
        const named = hasAny(word, [...PLACE, ...ORGANIZATION, ...FIRST_NAME, 'LastName', 'Person', 'ProperNoun']);
        // An ordinary word is a known word that is no name (and has an ordinary word's tag: the examples below).
        if (isCommonWord(word)) expect(tags.size > 0 && !named, word).toBe(true);
      }
    }
    expect(isPlaceWord('France')).toBe(true);
    expect(isFirstName('John')).toBe(true);
    expect(isCommonWord('Police')).toBe(true);
    expect(isCommonWord('the')).toBe(true);
    expect(isCommonWord('xqzt')).toBe(false);
    expect(isCommonWord('Paris')).toBe(false);
    expect(isCalendarWord('March')).toBe(true);
  });
});
