import { describe, expect, it } from 'vitest';
import { lowerCaseWords } from '../../src/text/words.js';
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

describe('lowerCaseWords', () => {
  it('finds the runs of letters and digits of the lower-cased text', () => {
    expect(lowerCaseWords('Russia’s U.S. İzmir')).toEqual(['russia', 's', 'u', 's', 'i', 'zmir']);
    for (const text of CASES) expect(lowerCaseWords(text), text).toEqual(byRegex(text));
  });

  it('agrees with the regular expression on random mixes of every kind of character above', () => {
    const alphabet = [...CASES.join('')];
    const random = seededRandom(3);
    for (let sample = 0; sample < 500; sample++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(lowerCaseWords(text), JSON.stringify(text)).toEqual(byRegex(text));
    }
  });
});
