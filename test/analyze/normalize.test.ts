import { describe, expect, it } from 'vitest';
import { foldName, hasPossessive, stripPossessive } from '../../src/analyze/normalize.js';
import { tokenize } from '../../src/analyze/tokens.js';

// The shortcuts for ASCII and for words without a final mark must answer as the general rules do.
const WORDS = [
  'Russia', "Russia's", 'Russia’s', "Reuters'", 'Reuters’', 'Reuters', 'boss', "s'", 's', "'s", "'", '’', '',
  'U.S.', "U.S.'s", 'Türkiye', 'Türkiye’s', 'Ærø', 'İzmir', 'ǅemal', 'Éric', 'éric', '𐐀lpha', 'Ⓐbc', 'Ωmega', 'ω',
  'ﬁnance', 'Zoë', "O'Brien", 'O’Neill’s', 'dos', "dos'", 'DOS', "DOS'S", 'x’s',
];

describe('name normalization', () => {
  it('strips and detects possessives as its regular expressions say', () => {
    for (const word of WORDS) {
      expect(stripPossessive(word), word).toBe(word.replace(/['’]s$/u, '').replace(/['’]$/u, ''));
      expect(hasPossessive(word), word).toBe(/['’]s$/u.test(word) || /s['’]$/u.test(word));
    }
    expect(stripPossessive('Russia’s')).toBe('Russia');
    expect(hasPossessive("Reuters'")).toBe(true);
  });

  it('folds names to lower case without accents, ASCII or not', () => {
    for (const word of WORDS) expect(foldName(word), word).toBe(word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase());
    expect(foldName('Türkiye')).toBe('turkiye');
  });

  it('marks a token capitalized when it starts with an upper-case letter of any script', () => {
    const sentence = WORDS.filter(Boolean).join(' ');
    for (const token of tokenize(sentence)) expect(token.capitalized, token.text).toBe(/^\p{Lu}/u.test(token.text));
    expect(tokenize('Éric met ǅemal and 𐐀lpha').map((token) => token.capitalized)).toEqual([true, false, false, false, true]);
  });
});
