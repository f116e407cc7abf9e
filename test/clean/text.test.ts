import { describe, expect, it } from 'vitest';
import { comparisonKey, endsLikeSentence, normalizeLine, splitParagraphs, wordCount, words } from '../../src/clean/text.js';

describe('text helpers', () => {
  it('count words like words() does, and CJK text at about two characters a word', () => {
    for (const text of ["U.S. Secretary Rubio's 415 drones -- and 1,343 wounded", 'Зеленский сказал, что', '']) {
      expect(wordCount(text)).toBe(words(text).length);
    }
    expect(wordCount('東京で会議が開かれた')).toBe(5);
    // Long texts (a whole article, not cached) and letters beyond ASCII count the same way.
    const long = 'Zürich’s São-Paulo café, naïve Ελλάδα 2,5 — Ünïcode… '.repeat(60);
    expect(long.length).toBeGreaterThan(2000);
    expect(wordCount(long)).toBe(words(long).length);
    expect(wordCount(long)).toBe(60 * 8);
    // A letter beyond the BMP is two code units, neither a letter alone: not a word (as before).
    expect(wordCount('𐐀𐐁 word')).toBe(1);
  });

  it('compare text on letters and digits only', () => {
    expect(comparisonKey("Russia's 'new idea'")).toBe(comparisonKey('Russias new idea'));
    expect(comparisonKey('Ünïcode, Text!')).toBe('ünïcodetext');
    expect(comparisonKey('A')).not.toBe(comparisonKey('B'));
  });

  it('make the key lower-casing the whole text and deleting all but letters and digits makes', () => {
    for (const text of ['Curly ‘quotes’ — in İstanbul, 12 DIGITS', 'ΟΔΟΣ ΑΘΗΝΑΣ', '𐐀𐐁 \ud800']) {
      expect(comparisonKey(text), text).toBe(text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''));
    }
  });

  it('key a text of paragraphs joined by spaces as their keys run together (so a body is keyed from its lines)', () => {
    // A capital sigma lower-cases by its neighbours: a space between paragraphs keeps each one's ends as they are.
    const paragraphs = ['ΟΔΟΣ ΑΘΗΝΑΣ', 'Σ alone', "ΑΣ'", '’Σ', 'İstanbul 12 DIGITS', '𐐀𐐁 \ud800', 'Plain text.'];
    for (const a of paragraphs) {
      for (const b of paragraphs) expect(comparisonKey(a) + comparisonKey(b), `${a} | ${b}`).toBe(comparisonKey(`${a} ${b}`));
    }
  });

  it('sentence ends allow closing quotes, also after a tokenizer space', () => {
    expect(endsLikeSentence('He said “yes.”')).toBe(true);
    expect(endsLikeSentence("That 's it . ''")).toBe(true);
    expect(endsLikeSentence('Fresh sanctions call')).toBe(false);
  });

  it('normalize a line as the full chain of replacements does, whether or not it has anything to replace', () => {
    const chain = (line: string) =>
      line.normalize('NFC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '').replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\f\v]/g, ' ').replace(/ {2,}/g, ' ').trim();
    const lines = ['', '   ', 'plain line', ' a  b ', 'a \u200b b', '\u00ad\u00ad', 'e\u0301 café', '\u2000quad\u2001', 'x\ty\u3000z', '𐐀 \ud800 end ', '\ufeffstart'];
    for (const line of lines) expect(normalizeLine(line), JSON.stringify(line)).toBe(chain(line));
    expect(normalizeLine('a \u200b b')).toBe('a b');
  });

  it('split paragraphs on lines, dropping blank ones and odd spaces', () => {
    expect(splitParagraphs(' One\u00a0 two \r\n\r\n\tThree\u200b\n')).toEqual(['One two', 'Three']);
  });
});
