import { describe, expect, it } from 'vitest';
import { lowerCaseLettersAndDigits, lowerCaseWords, tallyWords, wordCount, wordCountOfTallies } from '../../src/text/words.js';
import { seededRandom } from '../../src/util/seeded-random.js';

/** The definition the one-pass scan must match. */
const byRegex = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const CASES = [
  'Plain ASCII, with 12 DIGITS and "quotes".',
  'Curly ‘quotes’ — “dashes” … and a non\u00a0breaking space in Zürich, São Paulo, İstanbul.',
  'ΟΔΟΣ ΑΘΗΝΑΣ, ΟΔΟΣ-ΑΘΗΝΑΣ and Σ alone: a capital sigma lower-cases by its neighbours.',
  'Astral letters 𐐀𐐁 (Deseret capitals), 𝐀𝐁 (mathematical), an emoji 🙂 and lone \ud800 surrogates \udc00 too.',
  'Combining e\u0301 marks, Ⅻ numerals, ① circled digits, Ⓐ circled capitals, ǅ title case, ß and ẞ.',
  '',
];

/** Under `maxLength` characters drawn from the alphabet. */
function randomText(random: () => number, alphabet: readonly string[], maxLength: number): string {
  return Array.from({ length: Math.floor(random() * maxLength) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

describe('lowerCaseWords', () => {
  it('finds the runs of letters and digits of the lower-cased text', () => {
    expect(lowerCaseWords('Russia’s U.S. İzmir')).toEqual(['russia', 's', 'u', 's', 'i', 'zmir']);
    for (const text of CASES) expect(lowerCaseWords(text), text).toEqual(byRegex(text));
  });

  it('agrees with the regular expression on random mixes of every kind of character above', () => {
    const alphabet = [...CASES.join('')];
    const random = seededRandom(3);
    for (let sample = 0; sample < 500; sample++) {
      const text = randomText(random, alphabet, 40);
      expect(lowerCaseWords(text), JSON.stringify(text)).toEqual(byRegex(text));
    }
  });
});

describe('word tallies', () => {
  const joinedCount = (lines: string[]) => wordCount(lines.join('\n'));
  const tallied = (lines: string[]) => wordCountOfTallies(lines.map(tallyWords));

  it('give each text the count wordCount gives it', () => {
    for (const text of [...CASES, '東京で会議が開かれた', '東', '   ', 'U.S. don’t well-known']) expect(tallyWords(text).words, text).toBe(wordCount(text));
    expect(tallyWords('東京で会議 and more')).toEqual({ words: 5, cjk: 5 });
  });

  it('add up to the count of the texts joined by line breaks, CJK characters halved once over all', () => {
    // One CJK character per line: a half each, rounded up per line would make three words, not two.
    expect(tallied(['東', '京', '会'])).toBe(2);
    expect(tallied(['東', '京', '会'])).toBe(joinedCount(['東', '京', '会']));
    for (const lines of [[], [''], ['', '  '], ['東京で', 'word 会議', 'x'], ['end.', '-start', '’tis'], CASES]) {
      expect(tallied(lines), JSON.stringify(lines)).toBe(joinedCount(lines));
    }
  });

  it('agree with counting the joined text on random lines of every kind of character above', () => {
    const alphabet = [...(CASES.join('') + '東京で会議が開かれた')];
    const random = seededRandom(5);
    for (let sample = 0; sample < 300; sample++) {
      const lines = Array.from({ length: Math.floor(random() * 6) }, () =>
        randomText(random, alphabet, 12),
      );
      expect(tallied(lines), JSON.stringify(lines)).toBe(joinedCount(lines));
    }
  });
});

describe('lowerCaseLettersAndDigits', () => {
  const byReplace = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

  it('keys a text as lower-casing it whole and deleting all but letters and digits does, short or long', () => {
    for (const text of [...CASES, 'İİİ', 'ΟΔΟΣ', '   ', CASES.join(' ').repeat(20)]) expect(lowerCaseLettersAndDigits(text), text.slice(0, 40)).toBe(byReplace(text));
    expect(CASES.join(' ').repeat(20).length).toBeGreaterThan(2048);
  });

  it('keys a text longer than its buffer (no capital sigma, so not lowered whole) in pieces that join up', () => {
    const withoutSigma = CASES.filter((text) => !text.includes('Σ')).join(' İ𐐀 ').repeat(60);
    expect(byReplace(withoutSigma).length).toBeGreaterThan(3 * 4096);
    // Shifting the text moves the buffer's edges over every kind of character, İ and surrogate pairs included.
    for (let shift = 0; shift < 8; shift++) {
      const text = 'x'.repeat(shift) + withoutSigma;
      expect(lowerCaseLettersAndDigits(text), `shift ${shift}`).toBe(byReplace(text));
    }
  });

  it('agrees with the replacement on random mixes of every kind of character above', () => {
    const alphabet = [...CASES.join('')];
    const random = seededRandom(19);
    for (let sample = 0; sample < 500; sample++) {
      const text = randomText(random, alphabet, 60);
      expect(lowerCaseLettersAndDigits(text), JSON.stringify(text)).toBe(byReplace(text));
    }
  });
});
