import { describe, expect, it } from 'vitest';
import { parseMarkdown, stripMarkdown } from '../../src/ingest/markdown.js';

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
