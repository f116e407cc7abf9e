import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/analyze/tokens.js';

/** The tokenizer as it was a regex: the scan must find the same words at the same offsets. */
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*['’]?/gu;
const byRegex = (sentence: string) =>
  [...sentence.matchAll(WORD)].map((match) => ({ text: match[0], start: match.index, capitalized: /^\p{Lu}/u.test(match[0]) }));
const byScan = (sentence: string) => tokenize(sentence).map(({ text, start, end, capitalized }) => {
  expect(end).toBe(start + text.length);
  return { text, start, capitalized };
});

describe('tokenize', () => {
  it('finds the words the regex finds, on tricky text', () => {
    const cases = [
      '', ' ', '   \t ', 'U.S. and U.K. officials', 'U.S.A. U.S.A U.S', 'A.B.C.D.', 'the U.S.-based firm', 'e.g. i.e.',
      "Russia's forces, the players' union, don't, rock-'n'-roll, well-known", "Türkiye’s envoy", 'naïve café Ωmega',
      'Ärger über Öl', 'x-ray -lead trail- a--b', "'quoted' ‘single’ O'Neill’s", 'Ⅻ and ½ are numbers, ٣ is a digit',
      'e\u0301clair and \u0301lone mark', '𝐀.𝐁. bold capitals', '𝐀𝐛𝐜 math letters', 'emoji 😀 in 😀text', 'lone \ud800 high',
      'lone \udc00 low', 'pair at end 𝐀', '𝐀.', 'Σ.Π. and δ.ε.', 'A.b.C. mixed', 'ÉTATS-UNIS', '1,343.5 and 6.1%',
      'end with apostrophe\'', 'hyphen at end-', '中文 text 日本語', 'Über.Äpfel.', 'I.', 'I.B', 'Dr. J. R. R. Tolkien',
    ];
    for (const sentence of cases) expect(byScan(sentence), JSON.stringify(sentence)).toEqual(byRegex(sentence));
  });

  it('finds the words the regex finds, on random mixes of what word rules turn on', () => {
    const alphabet = ['a', 'B', 'é', 'É', '1', '٣', '.', '-', "'", '’', ' ', ',', '\u0301', '𝐀', '😀', '\ud800', '\udc00', 'Ⅻ'];
    let seed = 7;
    const random = () => ((seed = Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let run = 0; run < 3000; run++) {
      let sentence = '';
      const length = Math.floor(random() * 16);
      for (let k = 0; k < length; k++) sentence += alphabet[Math.floor(random() * alphabet.length)];
      expect(byScan(sentence), JSON.stringify(sentence)).toEqual(byRegex(sentence));
    }
  });
});
