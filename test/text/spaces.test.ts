import { describe, expect, it } from 'vitest';
import { collapseWhitespace, isCollapsed, isWhitespaceUnit } from '../../src/text/spaces.js';

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

describe('what counts as whitespace', () => {
  it('is what \\s matches, every UTF-16 code unit checked', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(collapseWhitespace(text), code.toString(16)).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });
});

describe('isCollapsed', () => {
  it('says whether collapsing would leave the text as it is', () => {
    const cases = [
      'already collapsed text', ' leading', 'trailing ', 'two  spaces', 'tab\there', 'line\nbreak', 'no\u00a0break',
      'ends\u3000', '\ufeffbom', '', ' ', 'x', 'a b', 'emoji 😀 pair', 'lone \ud800 half', 'Türkiye’s',
    ];
    for (const text of cases) expect(isCollapsed(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' ').trim() === text);
  });

  it('tells whitespace as \\s does, every UTF-16 code unit checked', () => {
    for (let code = 0; code <= 0xffff; code++) {
      expect(isWhitespaceUnit(code), code.toString(16)).toBe(/\s/.test(String.fromCharCode(code)));
    }
  });
});
