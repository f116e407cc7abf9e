import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { tempDirSync } from '../helpers.js';

const seeds = new URL('../../seeds/', import.meta.url).pathname;
const article = 'The council approved the new budget on Tuesday after a long debate about school funding and road repairs.';
let dir: string;

beforeEach(() => {
  dir = tempDirSync('ingest-test-');
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('ingest formats', () => {
  it('keeps plain text as is, with a digest and encoding', async () => {
    const path = write('story.txt', `Menu | Home\n\n${article}\n`);
    const { documents, excluded } = await ingest([path]);
    expect(excluded).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ path, format: 'txt', text: `Menu | Home\n\n${article}\n`, meta: {}, encoding: 'utf-8' });
    expect(documents[0]!.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads Markdown front matter and strips the markup', async () => {
    const path = write('story.md', `---\ntitle: Budget approved\nsource: City Post\npublished: 2025-03-01\nauthor: A. Writer\nlanguage: en\nurl: https://post.example/budget\n---\n# Heading\n\nThe **council** approved [the budget](https://x.example).\n\n- first point\n- second point\n`);
    const [document] = (await ingest([path])).documents;
    expect(document!.format).toBe('md');
    expect(document!.meta).toEqual({ title: 'Budget approved', source: 'City Post', published: '2025-03-01', author: 'A. Writer', language: 'en', url: 'https://post.example/budget' });
    expect(document!.text).toBe('Heading\n\nThe council approved the budget.\n\nfirst point\n\nsecond point');
  });

  it('reads gzipped pages as the page they hold, with its sidecar; refuses a gzip bomb, a fake .gz and an unknown inner type', async () => {
    const page = `<html><head><title>Budget approved</title></head><body><article><h1>Budget approved</h1><p>${article}</p><p>${article}</p></article></body></html>`;
    const path = write('budget.html.gz', gzipSync(page));
    write('budget.meta.json', JSON.stringify({ source: 'City Post' }));
    const bomb = write('bomb.html.gz', gzipSync(Buffer.alloc(4096, 'a')));
    const fake = write('fake.txt.gz', 'plain text, not gzip');
    const pdf = write('paper.pdf.gz', gzipSync('%PDF-1.7'));
    const { documents, excluded } = await ingest([path, bomb, fake, pdf], { maxBytes: 2048 });
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ path, format: 'html', meta: { title: 'Budget approved', source: 'City Post' } });
    expect(documents[0]!.text).toContain(article);
    expect(excluded).toEqual([
      { path: bomb, reason: 'larger than the 2 KB cap once decompressed' },
      { path: fake, reason: 'named .gz but not gzip data' },
      { path: pdf, reason: 'unsupported file type .pdf.gz' },
    ]);
  });

  it('extracts the article from an HTML page', async () => {
    const paragraphs = Array.from({ length: 5 }, (_, index) => `<p>${article} Paragraph number ${index + 1} adds more detail.</p>`).join('');
    const path = write('page.html', `<html><head><meta property="og:title" content="Budget vote"><meta property="og:site_name" content="City Post"></head><body><nav><a href="/">Home</a></nav><article>${paragraphs}</article></body></html>`);
    const [document] = (await ingest([path])).documents;
    expect(document!.format).toBe('html');
    expect(document!.meta).toMatchObject({ title: 'Budget vote', source: 'City Post' });
    expect(document!.text.split('\n\n')).toHaveLength(5);
    expect(document!.text).not.toContain('Home');
  });

  it('reads JSON arrays and JSON lines, one document per record, excluding malformed records by line', async () => {
    const array = write('batch.json', JSON.stringify([
      { id: 'a1', title: 'First', text: article, source: 'Wire' },
      { title: 'Second', text: `${article} Second.` },
      { title: 'No body' },
    ]));
    const lines = write('batch.jsonl', [
      JSON.stringify({ id: 7, text: article, published: '2025-01-02' }),
      '{"id": "broken", "text": ',
      '',
      JSON.stringify({ html: `<html><body><article><p>${article}</p><p>${article}</p><p>${article}</p><p>${article}</p></article></body></html>`, url: 'https://wire.example/x' }),
    ].join('\n'));
    const { documents, excluded } = await ingest([array, lines]);
    expect(documents.map((document) => document.path)).toEqual([`${array}#a1`, `${array}#1`, `${lines}#7`, `${lines}#2`]);
    expect(documents[0]).toMatchObject({ format: 'json', text: article, meta: { title: 'First', source: 'Wire' } });
    expect(documents[3]!.meta.url).toBe('https://wire.example/x');
    expect(documents[3]!.text).toContain('The council approved');
    expect(new Set(documents.map((document) => document.digest)).size).toBe(4);
    expect(excluded).toEqual([
      { path: `${array}#2`, reason: 'record 2: no "text" or "html" string' },
      { path: `${lines}#1`, reason: expect.stringMatching(/^malformed JSON at line 2: /) },
    ]);
  });

  it('lets a NAME.meta.json sidecar supply and override metadata', async () => {
    const path = write('story.md', `---\ntitle: Old title\nauthor: Kept Author\n---\n${article}\n`);
    write('story.meta.json', JSON.stringify({ title: 'Sidecar title', source: 'Sidecar Post', published: '2025-07-10' }));
    const [document] = (await ingest([path])).documents;
    expect(document!.meta).toEqual({ title: 'Sidecar title', author: 'Kept Author', source: 'Sidecar Post', published: '2025-07-10' });
  });

  it('ingests a document with a malformed sidecar and warns about it', async () => {
    const path = write('story.txt', article);
    write('story.meta.json', '{ not json');
    const result = await ingest([path]);
    expect(result.documents).toHaveLength(1);
    expect(result.warnings).toEqual([expect.stringContaining('malformed JSON')]);
  });
});

describe('ingest encodings', () => {
  const russian = 'Министр иностранных дел России Сергей Лавров провёл переговоры с государственным секретарём США в Куала-Лумпуре.';

  it.each([
    ['windows-1251', iconv.encode(russian, 'windows-1251')],
    ['koi8-r', iconv.encode(russian, 'koi8-r')],
    ['utf-16le', iconv.encode(russian, 'utf-16le', { addBOM: true })],
    ['utf-16be', iconv.encode(russian, 'utf-16be', { addBOM: true })],
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(russian)])],
  ])('decodes %s text files', async (encoding, bytes) => {
    const path = write(`ru-${encoding}.txt`, bytes);
    const [document] = (await ingest([path])).documents;
    expect(document).toMatchObject({ encoding, text: russian });
  });

  it('decodes an HTML page in its declared charset', async () => {
    const body = Array.from({ length: 4 }, () => `<p>${russian}</p>`).join('');
    const path = write('ru.html', iconv.encode(`<html><head><meta charset="koi8-r"><title>Лавров</title></head><body><article>${body}</article></body></html>`, 'koi8-r'));
    const [document] = (await ingest([path])).documents;
    expect(document!.encoding).toBe('koi8-r');
    expect(document!.text.split('\n\n')[0]).toBe(russian);
  });
});

describe('ingest bad input', () => {
  it('excludes each kind of bad input with a reason and still ingests the rest', async () => {
    const good = write('good.txt', article);
    const empty = write('empty.txt', '');
    const blank = write('blank.txt', '  \n\n ');
    const binary = write('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]));
    const big = write('big.txt', 'x'.repeat(2048));
    const pdf = write('paper.pdf', '%PDF-1.4');
    const badJson = write('bad.json', '[{"text": "unterminated"');
    const badFrontMatter = write('bad.md', '---\ntitle: [unclosed\n---\nBody text here.\n');
    const missing = join(dir, 'missing.txt');
    const folderNamedTxt = join(dir, 'folder.txt');
    mkdirSync(folderNamedTxt);
    const inputs = [good, empty, blank, binary, big, pdf, badJson, badFrontMatter, missing, join(folderNamedTxt)];
    const { documents, excluded } = await ingest(inputs, { maxBytes: 1024 });
    expect(documents.map((document) => document.path)).toEqual([good]);
    const reasons = Object.fromEntries(excluded.map((item) => [item.path, item.reason]));
    expect(reasons).toEqual({
      [empty]: 'empty file',
      [blank]: 'empty file (whitespace only)',
      [binary]: 'binary file (NUL bytes)',
      [big]: 'larger than the 1 KB cap (2 KB)',
      [pdf]: 'unsupported file type .pdf',
      [badJson]: expect.stringMatching(/^malformed JSON: /),
      [badFrontMatter]: expect.stringMatching(/^malformed front matter: /),
      [missing]: 'path does not exist',
    });
  });

  it('reports the default 5 MB cap without reading the file', async () => {
    const path = write('huge.txt', Buffer.alloc(5 * 1024 * 1024 + 200 * 1024, 0x61));
    const { excluded } = await ingest([path]);
    expect(excluded).toEqual([{ path, reason: 'larger than the 5 MB cap (5.2 MB)' }]);
  });
});

describe('ingest folders', () => {
  it('walks folders recursively in sorted order, skipping hidden files and sidecars', async () => {
    mkdirSync(join(dir, 'b-folder', 'nested'), { recursive: true });
    mkdirSync(join(dir, '.hidden-folder'));
    write('c.txt', article);
    write('a.txt', article);
    write('B.txt', article);
    write('a.meta.json', JSON.stringify({ title: 'A' }));
    write('.hidden.txt', article);
    write('.hidden-folder/inside.txt', article);
    write('b-folder/z.md', article);
    write('b-folder/nested/y.txt', article);
    const { documents, excluded } = await ingest([dir]);
    expect(documents.map((document) => document.path.slice(dir.length + 1))).toEqual(['B.txt', 'a.txt', 'b-folder/nested/y.txt', 'b-folder/z.md', 'c.txt']);
    expect(documents[1]!.meta.title).toBe('A');
    expect(excluded).toEqual([]);
  });

  it('ingests a file reached twice only once and survives symbolic-link loops', async () => {
    const path = write('one.txt', article);
    mkdirSync(join(dir, 'loop'));
    symlinkSync(dir, join(dir, 'loop', 'back'));
    const { documents } = await ingest([dir, path]);
    expect(documents.map((document) => document.path)).toEqual([path]);
  });

  it('excludes a sidecar given explicitly', async () => {
    const sidecar = write('x.meta.json', '{}');
    expect((await ingest([sidecar])).excluded).toEqual([{ path: sidecar, reason: 'metadata sidecar (*.meta.json), not an article' }]);
  });

  it('ingests the five seeds as five plain-text documents', async () => {
    const { documents, excluded } = await ingest([seeds]);
    expect(excluded).toEqual([]);
    expect(documents).toHaveLength(5);
    expect(documents.every((document) => document.format === 'txt' && document.encoding === 'utf-8')).toBe(true);
    expect(documents.map((document) => document.path.replace(/.*\//, '').slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    expect(documents[4]!.text).toContain('Sorry!!');
  });
});

describe('ingest order', () => {
  it('returns the same documents in the same order whatever the order of the inputs', async () => {
    const paths = ['b.txt', 'a.txt', 'c.md'].map((name) => write(name, `${name}: ${article}`)).concat([join(dir, 'missing-2.txt'), join(dir, 'missing-1.txt')]);
    const forward = await ingest(paths);
    const backward = await ingest([...paths].reverse());
    expect(backward).toEqual(forward);
    expect(forward.documents.map((document) => document.path.slice(dir.length + 1))).toEqual(['a.txt', 'b.txt', 'c.md']);
    expect(forward.excluded.map((item) => item.path.slice(dir.length + 1))).toEqual(['missing-1.txt', 'missing-2.txt']);
  });
});
