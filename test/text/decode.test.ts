import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/text/decode.js';

const russian =
  'Министр иностранных дел России Сергей Лавров провёл переговоры с государственным секретарём США. ' +
  'Стороны обсудили ситуацию на Украине и договорились продолжить контакты в ближайшее время.';
const french = 'Le ministre a déclaré que les négociations reprendront à Genève après l’été, a-t-il précisé à la presse.';

function expectText(result: ReturnType<typeof decodeBytes>, text: string, encoding: string, warnings: string[] = []): void {
  expect(result).toEqual({ ok: true, text, encoding, warnings });
}

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    const bytes = Buffer.from(french, 'utf8');
    expectText(decodeBytes(bytes), french, 'utf-8');
    expectText(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])), french, 'utf-8');
  });

  it('reads UTF-16 little and big endian with a byte-order mark', () => {
    expectText(decodeBytes(iconv.encode(russian, 'utf-16le', { addBOM: true })), russian, 'utf-16le');
    expectText(decodeBytes(iconv.encode(russian, 'utf-16be', { addBOM: true })), russian, 'utf-16be');
  });

  it('detects undeclared windows-1251 and koi8-r Cyrillic', () => {
    expectText(decodeBytes(iconv.encode(russian, 'windows-1251')), russian, 'windows-1251');
    expectText(decodeBytes(iconv.encode(russian, 'koi8-r')), russian, 'koi8-r');
  });

  it('follows a declared legacy charset in HTML, an XML prolog and front matter', () => {
    const html = `<html><head><meta charset="windows-1251"></head><body><p>${russian}</p></body></html>`;
    expectText(decodeBytes(iconv.encode(html, 'windows-1251'), 'html'), html, 'windows-1251');
    const xhtml = `<?xml version="1.0" encoding="koi8-r"?><html><body><p>${russian}</p></body></html>`;
    expectText(decodeBytes(iconv.encode(xhtml, 'koi8-r'), 'html'), xhtml, 'koi8-r');
    const markdown = `---\ntitle: Test\nencoding: windows-1252\n---\n${french}\n`;
    expectText(decodeBytes(iconv.encode(markdown, 'windows-1252'), 'front-matter'), markdown, 'windows-1252');
  });

  it('reads a page that wrongly declares UTF-16 as UTF-8, and prefers valid UTF-8 over a stale legacy declaration', () => {
    const html = '<html><head><meta charset="utf-16"></head><body><p>Plain text page</p></body></html>';
    expectText(decodeBytes(Buffer.from(html), 'html'), html, 'utf-8');
    const stale = `<html><head><meta charset="windows-1251"></head><body><p>${french}</p></body></html>`;
    expectText(decodeBytes(Buffer.from(stale, 'utf8'), 'html'), stale, 'utf-8');
  });

  it('follows a declaration for ASCII-only bytes, and valid UTF-8 of any sequence length (2 to 4 bytes) over it', () => {
    const ascii = '<html><head><meta charset="windows-1251"></head><body><p>Plain ASCII page</p></body></html>';
    expectText(decodeBytes(Buffer.from(ascii), 'html'), ascii, 'windows-1251');
    for (const character of ['é', '€', '🙂']) {
      const page = ascii.replace('Plain', character);
      expectText(decodeBytes(Buffer.from(page, 'utf8'), 'html'), page, 'utf-8');
    }
  });

  it('one order of trust for files, feeds and pages: the byte-order mark, then the HTTP charset, then the document', () => {
    const html = `<html><head><meta charset="windows-1251"></head><body><p>${russian}</p></body></html>`;
    // The server's charset beats the page's own declaration.
    expectText(decodeBytes(iconv.encode(html, 'koi8-r'), 'html', 'koi8-r'), html, 'koi8-r');
    // A byte-order mark beats the server's charset, which is reported.
    const bom = iconv.encode(russian, 'utf-16le', { addBOM: true });
    expectText(decodeBytes(bom, 'html', 'windows-1251'), russian, 'utf-16le', [
      'the HTTP charset "windows-1251" contradicts the document\'s utf-16le byte-order mark; decoded as utf-16le',
    ]);
    // A header that claims UTF-8 for legacy bytes yields to the page's declaration.
    const legacy = decodeBytes(iconv.encode(html, 'windows-1251'), 'html', 'utf-8');
    expectText(legacy, html, 'windows-1251', ["the HTTP header says UTF-8 but the bytes are not UTF-8; decoded from the document's own declaration instead"]);
  });

  it('never turns invalid UTF-8 into replacement characters', () => {
    const result = decodeBytes(iconv.encode(french, 'windows-1252'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.text).not.toContain('\ufffd');
      expect(result.text).toBe(french);
    }
  });

  it('rejects empty, whitespace-only and binary input with a reason', () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ ok: false, reason: 'empty file' });
    expect(decodeBytes(Buffer.from(' \n\t\n'))).toEqual({ ok: false, reason: 'empty file (whitespace only)' });
    expect(decodeBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]))).toEqual({ ok: false, reason: 'binary file (NUL bytes)' });
    const controls = Buffer.from(Array.from({ length: 200 }, (_, index) => (index % 3 === 0 ? 0x01 : 0x41)));
    expect(decodeBytes(controls)).toEqual({ ok: false, reason: 'binary file (control characters, not text)' });
  });
});
