import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/text/spaces.js';

describe('collapseWhitespace', () => {
  it('collapses runs of any whitespace to one space and trims, as the regex does', () => {
    const cases = [
      'already collapsed text', ' padded ', 'two  spaces', 'tab\there', 'line\nbreak', 'crlf\r\nbreak',
      'no\u00a0break', 'thin\u2009space', 'ideographic\u3000space', '\u2028separator\u2029', '', '   ', 'x',
    ];
    for (const text of cases) expect(collapseWhitespace(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim());
    expect(collapseWhitespace(' a \t b\n')).toBe('a b');
  });
});
