import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/analyze/figures/tokenize.js';

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
