import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseMarkdown, simpleFrontMatter, stripInline, stripInlineMarkup, stripMarkdown } from '../../src/ingest/markdown.js';
import { seededRandom } from '../../src/util/seeded-random.js';

describe('stripMarkdown', () => {
  it('turns markup into plain paragraphs', () => {
    const markdown = [
      '## A *small* heading',
      '',
      'Some **bold** and _italic_ text with a [link](https://x.example) and `code`,',
      'wrapped onto a second line. ![photo](p.jpg)',
      '',
      '1. first',
      '2. second',
      '',
      '> a quoted',
      '> remark',
      '',
      '---',
      '',
      '| city | people |',
      '|------|--------|',
      '| Kyiv | 16 |',
      '',
      '[ref]: https://example.org',
      'snake_case_name stays \\*as is\\*.',
    ].join('\n');
    expect(stripMarkdown(markdown).split('\n\n')).toEqual([
      'A small heading',
      'Some bold and italic text with a link and code, wrapped onto a second line.',
      'first',
      'second',
      'a quoted remark',
      'city people',
      'Kyiv 16',
      'snake_case_name stays *as is*.',
    ]);
  });
});

describe('parseMarkdown', () => {
  it('takes the first H1 as the title when the front matter has none', () => {
    const result = parseMarkdown('---\nsource: Wire\n---\n# Talks resume\n\nBody.');
    expect(result).toEqual({ ok: true, text: 'Talks resume\n\nBody.', meta: { source: 'Wire', title: 'Talks resume' } });
  });

  it('accepts a document without front matter', () => {
    expect(parseMarkdown('Just a paragraph.')).toEqual({ ok: true, text: 'Just a paragraph.', meta: {} });
  });

  it('reports malformed or unclosed front matter', () => {
    expect(parseMarkdown('---\ntitle: [x\n---\nBody')).toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed front matter: /) });
    expect(parseMarkdown('---\n- a\n- b\n---\nBody')).toEqual({ ok: false, reason: 'malformed front matter: expected key: value pairs' });
    expect(parseMarkdown('---\ntitle: x\nBody')).toEqual({ ok: false, reason: 'malformed front matter: no closing ---' });
  });
});

describe('stripInline', () => {
  it('only trims a line with no character an inline rule needs, as the whole set of rules would leave it', () => {
    for (const text of ['', '   ', ' Plain prose, with (parentheses) and "quotes"! ', 'Ünïcode — 12% of $5 {braces} #tag']) {
      expect(stripInline(text), JSON.stringify(text)).toBe(stripInlineMarkup(text));
      expect(stripInline(text)).toBe(text.trim());
    }
    // A Private Use character the escapes are parked at is changed by unparking: that line takes the whole path.
    expect(stripInline('a \ue02a b')).toBe(stripInlineMarkup('a \ue02a b'));
  });

  it('agrees with the whole set of rules on random mixes of markup and prose', () => {
    const pieces = ['word', ' ', '(', ')', '[', ']', '!', '<', '>', 'https:', '`', '*', '**', '_', '__', '~~', '\\', '\ue02a', '\ue000', 'é', '.'];
    const random = seededRandom(13);
    for (let sample = 0; sample < 1000; sample++) {
      const text = Array.from({ length: Math.floor(random() * 14) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(stripInline(text), JSON.stringify(text)).toBe(stripInlineMarkup(text));
    }
  });
});

describe('simpleFrontMatter', () => {
  it('reads the usual front matter as the YAML parser does', () => {
    const block = 'title: "Fans “cheer” in Zürich: 2-1 win"\npublished: 2025-07-06\nsource: outlet-32\nauthor: Jane  Doe, Reuters';
    expect(simpleFrontMatter(block)).toEqual(parseYaml(block));
    expect(simpleFrontMatter(block)).toEqual({ title: 'Fans “cheer” in Zürich: 2-1 win', published: '2025-07-06', source: 'outlet-32', author: 'Jane  Doe, Reuters' });
  });

  it('leaves to the parser what is not plainly a string: numbers, booleans, nulls, escapes, comments, lists, repeats', () => {
    for (const block of ['year: 2025', 'score: 1.5', 'x: 1e3', 'x: 0x1F', 'x: .5', 'ok: true', 'x: null', 'x: ~', 'x:', 'x: "a\\"b"', 'x: a # note', 'x: a: b',
      'x: http://a.example/b', "x: 'single'", 'x: [a, b]', 'x: a\nx: b', 'x: a\n', '', 'x: "a" ', 'x: a ', '  x: a', 'x: -a', 'true: a']) {
      expect(simpleFrontMatter(block), JSON.stringify(block)).toBeNull();
    }
  });

  it('agrees with the YAML parser on every random block it reads', () => {
    const keys = ['title', 'date', 'source', 'a_b', 'X1', 'null', 'on', 'yes'];
    const values = ['2025-07-06', 'outlet-32', 'Jane Doe', '1', '1.0', '.5', '+1', '-1', '1e5', '1e', '0o17', '0o8', '0x1f', '0xg', 'True', 'TRUE', 'yes', 'no', 'on', 'off',
      'Null', 'NaN', 'a.b', 'a,b', 'a/b', 'a+b', 'a  b', '1.2.3', '12:30', '"quoted"', '"“curly” é"', '""', '" spaced "', '"a\'b"', '"#x"', '"a: b"'];
    const random = seededRandom(17);
    let read = 0;
    for (let sample = 0; sample < 2000; sample++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${keys[Math.floor(random() * keys.length)]}: ${values[Math.floor(random() * values.length)]}`);
      const block = lines.join('\n');
      const fast = simpleFrontMatter(block);
      if (fast === null) continue;
      read++;
      expect(fast, block).toEqual(parseYaml(block));
    }
    expect(read).toBeGreaterThan(200);
  });
});
