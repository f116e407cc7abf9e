import { describe, expect, it } from 'vitest';
import { comparisonKey, endsLikeSentence, splitParagraphs, wordCount, words } from '../../src/clean/text.js';
import { seededRandom } from '../../src/util/seeded-random.js';

describe('text helpers', () => {
  it('count words like words() does, and CJK text at about two characters a word', () => {
    for (const text of ["U.S. Secretary Rubio's 415 drones -- and 1,343 wounded", 'Зеленский сказал, что', '']) {
      expect(wordCount(text)).toBe(words(text).length);
    }
    expect(wordCount('東京で会議が開かれた')).toBe(5);
  });

  it('compare text on letters and digits only', () => {
    expect(comparisonKey("Russia's 'new idea'")).toBe(comparisonKey('Russias new idea'));
    expect(comparisonKey('Ünïcode, Text!')).toBe('ünïcodetext');
    expect(comparisonKey('A')).not.toBe(comparisonKey('B'));
  });

  it('make the key lower-casing the whole text and keeping its letters and digits makes, character by character', () => {
    const wholeText = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    const cases = [
      'Plain ASCII, with 12 DIGITS and "quotes".',
      'Curly ‘quotes’ — “dashes” … and a non\u00a0breaking space in Zürich, São Paulo, İstanbul.',
      'ΟΔΟΣ ΑΘΗΝΑΣ, ΟΔΟΣ-ΑΘΗΝΑΣ and Σ alone: a capital sigma lower-cases by its neighbours.',
      'Astral letters 𐐀𐐁 (Deseret capitals), 𝐀𝐁 (mathematical), an emoji 🙂 and lone \ud800 surrogates \udc00 too.',
      'Combining e\u0301 marks, Ⅻ numerals, ① circled digits, Ⓐ circled capitals, ǅ title case, ß and ẞ.',
      '',
    ];
    for (const text of cases) expect(comparisonKey(text), text).toBe(wholeText(text));
    // Random mixes of the characters above and ASCII, in every order.
    const alphabet = [...cases.join('')];
    const random = seededRandom(3);
    for (let sample = 0; sample < 500; sample++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(comparisonKey(text), JSON.stringify(text)).toBe(wholeText(text));
    }
  });

  it('sentence ends allow closing quotes, also after a tokenizer space', () => {
    expect(endsLikeSentence('He said “yes.”')).toBe(true);
    expect(endsLikeSentence("That 's it . ''")).toBe(true);
    expect(endsLikeSentence('Fresh sanctions call')).toBe(false);
  });

  it('split paragraphs on lines, dropping blank ones and odd spaces', () => {
    expect(splitParagraphs(' One\u00a0 two \r\n\r\n\tThree\u200b\n')).toEqual(['One two', 'Three']);
  });
});
