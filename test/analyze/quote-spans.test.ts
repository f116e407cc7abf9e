import { describe, expect, it } from 'vitest';
import { findDoubleQuoteSpans, findQuoteSpans, findSingleQuoteSpans, isRealQuote } from '../../src/analyze/quote-spans.js';

const inner = (text: string) => findQuoteSpans(text).map((span) => text.slice(span.innerStart, span.innerEnd));

describe('quote spans', () => {
  it('pairs straight and curly double quotes', () => {
    expect(inner('He said "yes, now" and then “no, later” twice.')).toEqual(['yes, now', 'no, later']);
  });

  it('ignores a double quote mark without a partner', () => {
    const text = 'It is "open and "closed" here';
    expect(findDoubleQuoteSpans(text).map((span) => text.slice(span.innerStart, span.innerEnd))).toEqual(['open and ']);
  });

  it('tells single-quoted stretches from apostrophes', () => {
    const text = "Russia's envoy and the students' union called it 'a new idea' and ‘a good start’.";
    expect(findSingleQuoteSpans(text).map((span) => text.slice(span.innerStart, span.innerEnd))).toEqual(['a new idea', 'a good start']);
  });

  it('leaves single quotes inside double quotes to the double-quoted span', () => {
    expect(inner(`"The 'yes, but' from Russia is not enough," he said.`)).toEqual(["The 'yes, but' from Russia is not enough,"]);
  });

  it('counts a quotation only from three words on', () => {
    const text = 'A "new idea" and "a new idea" differ.';
    expect(findQuoteSpans(text).map((span) => isRealQuote(text, span))).toEqual([false, true]);
  });
});

describe('tokenized quote marks', () => {
  it("reads ``...'' as a double-quoted span", () => {
    expect(inner("He said `` we will win the race , '' and left .")).toEqual([' we will win the race , ']);
  });
});
