import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/index.js';
import { ExtractionThreads } from '../../src/ingest/extraction-threads.js';
import { collectSources, sourcesFromInputs, type SourceSpec } from '../../src/sources/index.js';
import { tempDir } from '../helpers.js';
import { articlePage, paragraphs, refusedPort, rss, startServer, type TestServer } from './server.js';

const fullText = (topic: string) => paragraphs(topic, 6).map((p) => `<p>${p}</p>`).join('');

describe('collectSources against a real HTTP server', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  const deps = () => ({ fetcher, now: new Date('2025-07-11T06:00:00Z') });

  beforeAll(async () => {
    server = await startServer();
    fetcher = new Fetcher({ timeoutMs: 2000, connectTimeoutMs: 500, retries: 0, retryBaseDelayMs: 1, cacheDir: null, allowPrivateNetworks: true });
    const u = server.url;
    server.set('/full.xml', {
      type: 'application/rss+xml; charset=utf-8',
      body: rss('Full Text Times', [
        { id: 'a1', title: 'Bridge reopens after repairs', link: u('/never/bridge.html'), html: fullText('Bridge'), pubDate: 'Thu, 10 Jul 2025 08:00:00 GMT' },
        { id: 'a2', title: 'Harbour tunnel approved', link: u('/never/tunnel.html'), html: fullText('Tunnel') },
      ], { language: 'en' }),
    });
    server.set('/teasers.atom', {
      type: 'application/atom+xml',
      body:
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Teaser Daily</title>` +
        `<entry><id>t1</id><title>Museum wing opens</title><link href="/pages/museum.html"/><summary>A new wing opens... Read more</summary></entry>` +
        `<entry><id>t2</id><title>Railway strike ends</title><link href="/pages/railway.html"/><summary>Trains run again... Read more</summary></entry>` +
        `</feed>`,
    });
    server.set('/pages/museum.html', { body: articlePage('Museum wing opens', paragraphs('Museum')) });
    server.set('/pages/railway.html', { body: articlePage('Railway strike ends', paragraphs('Railway')) });
    server.set('/second.json', {
      type: 'application/feed+json',
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON Gazette',
        items: [{ id: 'j1', url: u('/never/park.html'), title: 'Park extended', content_html: fullText('Park') }],
      }),
    });
    server.set('/list.opml', {
      type: 'text/x-opml',
      body:
        `<?xml version="1.0"?><opml version="2.0"><head><title>My feeds</title></head><body>` +
        `<outline text="Full" title="Full" type="rss" xmlUrl="${u('/full.xml')}"/>` +
        `<outline text="JSON" title="JSON" type="rss" xmlUrl="${u('/second.json')}"/></body></opml>`,
    });
    const cyrillic = ['Мэрия Москвы объявила о реконструкции набережной', ...Array.from({ length: 4 }, (_, i) => `Абзац ${i + 1}: работы начнутся весной и продлятся два года, сообщили в департаменте строительства города, добавив, что движение транспорта будет ограничено.`)];
    server.set('/pages/moscow.html', {
      type: 'text/html; charset=windows-1251',
      body: iconv.encode(articlePage(cyrillic[0]!, cyrillic.slice(1)), 'windows-1251'),
    });
    server.set('/broken', { status: 500, type: 'text/plain', body: 'internal error' });
  });
  afterAll(async () => {
    fetcher.close();
    await server.close();
  });

  it('takes full text from a feed that carries it, without fetching the pages', async () => {
    const result = await collectSources([{ name: 'full', kind: 'feed', location: server.url('/full.xml') }], deps());
    expect(result.excluded).toEqual([]);
    expect(result.documents.map((d) => d.path)).toEqual([server.url('/never/bridge.html'), server.url('/never/tunnel.html')]);
    const [bridge] = result.documents;
    expect(bridge!.format).toBe('html');
    expect(bridge!.text).toContain('Bridge paragraph 6');
    expect(bridge!.text).not.toContain('<p>');
    expect(bridge!.meta).toMatchObject({ title: 'Bridge reopens after repairs', source: 'Full Text Times', language: 'en', url: server.url('/never/bridge.html') });
    expect(bridge!.meta.published).toMatch(/^2025-07-10T08:00/);
    expect(server.hits('/never/bridge.html') + server.hits('/never/tunnel.html')).toBe(0);
  });

  it('fetches and extracts the linked page when the feed has only teasers', async () => {
    const result = await collectSources([{ name: 'teasers', kind: 'feed', location: server.url('/teasers.atom'), outlet: 'Teaser Daily Online' }], deps());
    expect(result.excluded).toEqual([]);
    expect(result.documents.map((d) => d.path)).toEqual([server.url('/pages/museum.html'), server.url('/pages/railway.html')]);
    const museum = result.documents[0]!;
    expect(museum.text).toContain('Museum paragraph 4');
    expect(museum.text).not.toMatch(/Home|Copyright/);
    expect(museum.meta.title).toBe('Museum wing opens');
    expect(museum.meta.source).toBe('Teaser Daily Online');
    expect(server.hits('/pages/museum.html')).toBeGreaterThanOrEqual(1);
  });

  it('uses the teaser and fetches nothing with fullText: feed', async () => {
    const before = server.hits('/pages/railway.html');
    const result = await collectSources([{ name: 'teasers', kind: 'feed', location: server.url('/teasers.atom'), fullText: 'feed' }], deps());
    expect(result.documents).toHaveLength(2);
    expect(result.documents[1]!.text).toMatch(/Trains run again/);
    expect(server.hits('/pages/railway.html')).toBe(before);
  });

  it('expands an OPML list into its feeds, in order', async () => {
    const result = await collectSources([{ name: 'reading-list', kind: 'opml', location: server.url('/list.opml') }], deps());
    expect(result.excluded).toEqual([]);
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Bridge reopens after repairs', 'Harbour tunnel approved', 'Park extended']);
    expect(result.documents[2]!.meta.source).toBe('JSON Gazette');
  });

  it('reads a list of pages from a file, decoding a windows-1251 page by its HTTP header', async () => {
    const dir = await tempDir();
    const list = join(dir, 'pages.txt');
    await writeFile(list, `# morning pages\n${server.url('/pages/museum.html')}\n\n${server.url('/pages/moscow.html')}\n`);
    const result = await collectSources([{ name: 'pages', kind: 'pages', location: list }], deps());
    expect(result.excluded).toEqual([]);
    expect(result.documents.map((d) => d.path)).toEqual([server.url('/pages/museum.html'), server.url('/pages/moscow.html')]);
    const moscow = result.documents[1]!;
    expect(moscow.encoding).toBe('windows-1251');
    expect(moscow.meta.title).toContain('Мэрия Москвы');
    expect(moscow.text).toContain('департаменте строительства');
  });

  it('reads feed items, linked pages and listed pages on extraction threads as on this thread, in the same order', async () => {
    const dir = await tempDir();
    const list = join(dir, 'pages.txt');
    await writeFile(list, `${server.url('/pages/museum.html')}\n${server.url('/pages/moscow.html')}\n`);
    const sources: SourceSpec[] = [
      { name: 'full', kind: 'feed', location: server.url('/full.xml') },
      { name: 'teasers', kind: 'feed', location: server.url('/teasers.atom') },
      { name: 'pages', kind: 'pages', location: list },
      ...sourcesFromInputs([server.url('/pages/railway.html')]),
    ];
    const here = await collectSources(sources, deps());
    const threads = new ExtractionThreads(2);
    try {
      const onThreads = await collectSources(sources, { ...deps(), ingest: { extract: threads.extract } });
      expect(onThreads).toEqual(here);
    } finally {
      await threads.close();
    }
    expect(here.excluded).toEqual([]);
    expect(here.documents.map((d) => d.meta.title)).toEqual([
      'Bridge reopens after repairs',
      'Harbour tunnel approved',
      'Museum wing opens',
      'Railway strike ends',
      expect.stringContaining('Мэрия Москвы'),
    ]);
  });

  it('filters by include / exclude keywords as whole words, counting what was left out in a warning', async () => {
    const spec: SourceSpec = { name: 'full', kind: 'feed', location: server.url('/full.xml'), include: ['bridge', 'park'], exclude: ['repairs'] };
    const result = await collectSources([spec, { name: 'json', kind: 'feed', location: server.url('/second.json'), include: ['PARK'] }], deps());
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Park extended']);
    expect(result.excluded).toEqual([]);
    expect(result.warnings).toContain('source "full": 2 articles left out by its include/exclude keywords');

    const partial = await collectSources([{ name: 'full', kind: 'feed', location: server.url('/full.xml'), include: ['tunnel'] }], deps());
    expect(partial.documents.map((d) => d.meta.title)).toEqual(['Harbour tunnel approved']);
    // "Bridge" must not match inside another word.
    const none = await collectSources([{ name: 'full', kind: 'feed', location: server.url('/full.xml'), include: ['bri', 'ridge'] }], deps());
    expect(none.documents).toEqual([]);
  });

  it('reports a failing source by name and reason and still reads the others', async () => {
    const port = await refusedPort();
    const sources: SourceSpec[] = [
      { name: 'broken', kind: 'feed', location: server.url('/broken') },
      { name: 'full', kind: 'feed', location: server.url('/full.xml') },
      { name: 'down', kind: 'feed', location: `http://127.0.0.1:${port}/feed.xml` },
      { name: 'not-a-feed', kind: 'feed', location: server.url('/pages/museum.html') },
    ];
    const result = await collectSources(sources, deps());
    expect(result.documents).toHaveLength(2);
    expect(result.failedSources.map((f) => f.name)).toEqual(['broken', 'down', 'not-a-feed']);
    const reason = (name: string) => result.excluded.find((e) => e.reason.startsWith(`source "${name}"`))?.reason ?? '';
    expect(reason('broken')).toMatch(/500/);
    expect(result.excluded.find((e) => e.reason.startsWith('source "broken"'))!.path).toBe(server.url('/broken'));
    expect(reason('down')).toMatch(/refused|ECONNREFUSED|connect/i);
    expect(reason('not-a-feed')).toMatch(/not a feed/i);
  });

  it('reports a teaser item whose page fails, keeping the other items', async () => {
    server.set('/one-bad.xml', {
      type: 'application/rss+xml',
      body: rss('Mixed', [
        { id: 'ok', title: 'Museum wing opens', link: server.url('/pages/museum.html'), description: 'Short teaser...' },
        { id: 'bad', title: 'Gone', link: server.url('/pages/gone.html'), description: 'Short teaser...' },
      ]),
    });
    const result = await collectSources([{ name: 'mixed', kind: 'feed', location: server.url('/one-bad.xml') }], deps());
    expect(result.documents.map((d) => d.path)).toEqual([server.url('/pages/museum.html')]);
    expect(result.excluded).toHaveLength(1);
    expect(result.excluded[0]!.path).toBe(server.url('/pages/gone.html'));
    expect(result.excluded[0]!.reason).toMatch(/^source "mixed": the linked page could not be read: .*404/);
    expect(result.failedSources).toEqual([]);
  });

  it('keeps an article reached through two sources once, from the first', async () => {
    const result = await collectSources(
      [
        { name: 'page', kind: 'page', location: server.url('/pages/museum.html'), outlet: 'First' },
        { name: 'teasers', kind: 'feed', location: server.url('/teasers.atom') },
      ],
      deps(),
    );
    expect(result.documents.map((d) => d.path)).toEqual([server.url('/pages/museum.html'), server.url('/pages/railway.html')]);
    expect(result.documents[0]!.meta.source).toBe('First');
    expect(result.warnings.join('\n')).toMatch(/1 article read from more than one source kept once/);
  });

  it('sniffs a command-line URL: a feed is read as a feed, anything else as a page', async () => {
    const sources = sourcesFromInputs([server.url('/full.xml'), server.url('/pages/railway.html')]);
    expect(sources.map((s) => s.kind)).toEqual(['url', 'url']);
    const result = await collectSources(sources, deps());
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Bridge reopens after repairs', 'Harbour tunnel approved', 'Railway strike ends']);
  });

  it('reads a feed from a file and never fetches file:// or other schemes', async () => {
    const dir = await tempDir();
    const feedFile = join(dir, 'local.xml');
    await writeFile(feedFile, rss('Local', [{ id: 'l1', title: 'Local news', html: fullText('Local') }]));
    const result = await collectSources(
      [
        { name: 'local', kind: 'feed', location: feedFile },
        { name: 'sneaky', kind: 'feed', location: 'file:///etc/passwd' },
        { name: 'page', kind: 'page', location: 'ftp://127.0.0.1/x.html' },
      ],
      deps(),
    );
    expect(result.documents.map((d) => d.path)).toEqual([`${feedFile}#l1`]);
    expect(result.failedSources.map((f) => f.name)).toEqual(['sneaky', 'page']);
    expect(result.failedSources[0]!.reason).toMatch(/only http and https/);
  });

  it('reads path sources as ingest does and applies the outlet, language and keywords', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), `Tram line opens\n\n${paragraphs('Tram').join('\n\n')}`);
    await writeFile(join(dir, 'b.txt'), `Ferry fares rise\n\n${paragraphs('Ferry').join('\n\n')}`);
    const result = await collectSources([{ name: 'folder', kind: 'path', location: dir, outlet: 'Desk', language: 'en', exclude: ['ferry'] }], deps());
    expect(result.documents.map((d) => d.path)).toEqual([join(dir, 'a.txt')]);
    expect(result.documents[0]!.meta).toMatchObject({ source: 'Desk', language: 'en' });
    expect(result.warnings).toContain('source "folder": 1 article left out by its include/exclude keywords');
  });
});
