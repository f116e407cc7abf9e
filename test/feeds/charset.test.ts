import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/index.js';

const TITLE = 'Новости: забастовка в порту закончилась';
const BODY = 'Докеры вернутся к работе в понедельник, сообщил профсоюз.';

function cyrillicRss(declared: string | null): string {
  const prolog = declared ? `<?xml version="1.0" encoding="${declared}"?>` : '<?xml version="1.0"?>';
  return `${prolog}\n<rss version="2.0"><channel><title>Вести</title><link>https://vesti.example.ru/</link><language>ru</language>
<item><title>${TITLE}</title><link>https://vesti.example.ru/1</link><description>${BODY}</description></item></channel></rss>`;
}

describe('feed charsets', () => {
  it('reads a windows-1251 feed from its XML prolog', () => {
    const feed = parseFeed(iconv.encode(cyrillicRss('windows-1251'), 'windows-1251'));
    expect(feed.title).toBe('Вести');
    expect(feed.items[0]!.title).toBe(TITLE);
    expect(feed.items[0]!.summary).toBe(BODY);
  });

  it('reads a koi8-r feed from its XML prolog', () => {
    const feed = parseFeed(iconv.encode(cyrillicRss('KOI8-R'), 'koi8-r'));
    expect(feed.items[0]!.title).toBe(TITLE);
  });

  it('trusts the HTTP header charset over a wrong prolog', () => {
    const feed = parseFeed(iconv.encode(cyrillicRss('koi8-r'), 'windows-1251'), { headerCharset: 'windows-1251' });
    expect(feed.items[0]!.title).toBe(TITLE);
    const misread = parseFeed(iconv.encode(cyrillicRss('koi8-r'), 'windows-1251'));
    expect(misread.items[0]!.title).not.toBe(TITLE);
  });

  it('detects windows-1251 without any declaration', () => {
    const feed = parseFeed(iconv.encode(cyrillicRss(null), 'windows-1251'));
    expect(feed.items[0]!.summary).toBe(BODY);
  });

  it('falls back to the document when the header claims UTF-8 for bytes that are not UTF-8', () => {
    const feed = parseFeed(iconv.encode(cyrillicRss('windows-1251'), 'windows-1251'), { headerCharset: 'UTF-8' });
    expect(feed.items[0]!.title).toBe(TITLE);
    expect(feed.warnings.join(' ')).toMatch(/header says UTF-8 but the bytes are not UTF-8/);
  });

  it('reads a UTF-8 BOM before a contradicting prolog and header (the BOM cannot be accidental)', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cyrillicRss('windows-1251'), 'utf8')]);
    expect(parseFeed(body).items[0]!.title).toBe(TITLE);
    const withHeader = parseFeed(body, { headerCharset: 'windows-1251' });
    expect(withHeader.items[0]!.title).toBe(TITLE);
    expect(withHeader.warnings.join(' ')).toMatch(/contradicts the document's utf-8 byte-order mark/);
  });

  it('reads a UTF-16LE feed with a BOM', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(cyrillicRss('UTF-16'), 'utf-16le')]);
    expect(parseFeed(body, { headerCharset: 'utf-16' }).items[0]!.title).toBe(TITLE);
  });

  it('reads windows-1252 quotes and accents from the header', () => {
    const xml = '<rss version="2.0"><channel><item><title>Caf\u00e9 \u201cpolitics\u201d \u2014 \u20ac5</title></item></channel></rss>';
    const feed = parseFeed(iconv.encode(xml, 'windows-1252'), { headerCharset: 'ISO-8859-1' });
    expect(feed.items[0]!.title).toBe('Café “politics” — €5');
  });
});
