import { describe, expect, it } from 'vitest';
import { isLetter, isLetterOrDigit, LETTER, MARK, NUMBER, pairClasses, PUNCTUATION_OR_SYMBOL, unitClasses, UPPER } from '../../src/text/letters.js';

const classesByRegex = (character: string) =>
  (/^\p{L}$/u.test(character) ? LETTER : 0) |
  (/^\p{N}$/u.test(character) ? NUMBER : 0) |
  (/^\p{M}$/u.test(character) ? MARK : 0) |
  (/^\p{Lu}$/u.test(character) ? UPPER : 0);

describe('the code-unit table of letters, numbers, marks and capitals', () => {
  it('says of every UTF-16 code unit what the Unicode regexes say (a lone surrogate half is nothing)', () => {
    const all = LETTER | NUMBER | MARK | UPPER;
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      expect(unitClasses(code) & all, code.toString(16)).toBe(classesByRegex(character));
      expect(isLetterOrDigit(code), code.toString(16)).toBe(/[\p{L}\p{N}]/u.test(character));
      expect(isLetter(code), code.toString(16)).toBe(/\p{L}/u.test(character));
    }
    expect(unitClasses(0xd800) & all).toBe(0);
  });

  it('marks punctuation and symbols by code unit as [\\p{P}\\p{S}] does', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const expected = /[\p{P}\p{S}]/u.test(String.fromCharCode(code)) ? PUNCTUATION_OR_SYMBOL : 0;
      expect(unitClasses(code) & PUNCTUATION_OR_SYMBOL, code.toString(16)).toBe(expected);
    }
  });

  it('asks a surrogate pair as one character', () => {
    for (const character of ['𝐀', '𝐚', '𝟘', '😀', '𠀀', '\u{1D167}']) {
      expect(pairClasses(`x${character}y`, 1), character).toBe(classesByRegex(character));
    }
    expect(pairClasses('𝐀', 0)).toBe(LETTER | UPPER);
  });
});
