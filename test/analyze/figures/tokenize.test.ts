import { describe, expect, it } from 'vitest';
import { lexemeAt, tokenize } from '../../../src/analyze/figures/tokenize.js';

describe('tokenize', () => {
  it('splits words, numbers and symbols with offsets into the text', () => {
    const text = 'Kyiv: 1,343 hurt (€10bn).';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.type, t.text])).toEqual([
      ['word', 'Kyiv'], ['sym', ':'], ['num', '1,343'], ['word', 'hurt'], ['sym', '('], ['sym', '€'], ['num', '10'],
      ['word', 'bn'], ['sym', ')'], ['sym', '.'],
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('gives number tokens their value and marks plain digit runs', () => {
    const [a, b, c] = tokenize('42 4.800 ½');
    expect(a).toMatchObject({ value: 42, plain: true });
    expect(b).toMatchObject({ value: 4.8, plain: false });
    expect(c).toMatchObject({ value: 0.5, fraction: true });
  });

  it('merges simple and mixed fractions but not dates', () => {
    expect(tokenize('2 1/4').map((t) => t.value)).toEqual([2.25]);
    expect(tokenize('5/17/2018').filter((t) => t.type === 'num').map((t) => t.value)).toEqual([5, 17, 2018]);
  });

  it('drops web addresses', () => {
    expect(tokenize('see https://x.org/a?id=42 now').map((t) => t.text)).toEqual(['see', 'now']);
  });
});

describe('tokenize read by character', () => {
  /** The pattern the character loop stands in for, as it was written. */
  const LEXEME = /([\s\u00a0\u202f\u2009]+)|([\p{L}\p{M}]+)|(\d|\.(?=\d))|([\s\S])/uy;
  const tricky = [
    '', ' ', '\u00a0\u00a0x', 'x\u00a0\u202fy\u2009z', '𝒜𝒜 12 𝒜b', 'a\ud800b 12', '12\udc00x', 'café 3 naïve', 'e\u0301 5 km',
    '\u3000１２\u3000', '٣ ١٢ 12\u2009000', 'Σ 5 ΣΑ', '.5 v.2 2020.5', '5\u000b6\f7\r8\t9\n', '😀 9 faces', 'Trump’s 40%',
  ];

  it('finds the lexemes the pattern finds, at every position', () => {
    for (const text of tricky) {
      for (let i = 0; i < text.length; i++) {
        LEXEME.lastIndex = i;
        const m = LEXEME.exec(text)!;
        const kind = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
        expect(lexemeAt(text, i), `${JSON.stringify(text)} at ${i}`).toBe((i + m[0].length) * 8 + kind);
      }
    }
  });

  it('reads numbers with and without separators, tails and fractions', () => {
    const values = (text: string) => tokenize(text).filter((t) => t.type === 'num').map((t) => [t.text, t.value, t.plain ?? false]);
    // What the separator patterns read; a run of digits with none of their characters after it is read as it is.
    expect(values('12x 2020. 7, 45')).toEqual([['12', 12, true], ['2020', 2020, true], ['7', 7, true], ['45', 45, true]]);
    expect(values('12 345x')).toEqual([['12 345', 12345, false]]);
    expect(values('1,234,567.89 12,34,567 1.234,5')).toEqual([['1,234,567.89', 1234567.89, false], ['12,34,567', 1234567, false], ['1.234,5', 1234.5, false]]);
    expect(values('1 234 567 3 , 000 6 . 2 22,24')).toEqual([['1 234 567', 1234567, false], ['3 , 000', 3000, false], ['6 . 2', 6.2, false], ['22,24', 22.24, false]]);
    expect(values('1e3 2x10^6 3 × 10^4 1.1^2 8x2^10')).toEqual([
      ['1e3', 1000, false], ['2x10^6', 2e6, false], ['3 × 10^4', 3e4, false], ['1.1^2', 1.1 ** 2, false], ['8x2^10', 8192, false],
    ]);
    expect(values('5 x 10 cars, 3\u00a0500 people')).toEqual([['5', 5, true], ['10', 10, true], ['3\u00a0500', 3500, false]]);
    expect(values('1/2 3/0')).toEqual([['1/2', 0.5, false]]);
  });
});
