import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { BriefingSchema } from '../../src/model/schema.js';
import { captureIO, seedsDir, tempDir } from '../helpers.js';
import { seedFeed, startServer, type TestServer } from '../sources/server.js';

describe('briefing generate', () => {
  it('writes a valid briefing JSON for the seeds and summarises the run on stderr', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    const code = await runCli(['generate', '--input', seedsDir, '--out', 'out', '--date', '2025-07-11', '--timezone', 'Europe/London', '--format', 'json'], io);
    expect(code, io.err()).toBe(0);
    expect(await readdir(join(dir, 'out'))).toEqual(['briefing-2025-07-11.json']);
    const briefing = BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-11.json'), 'utf8')));
    expect(briefing.date).toBe('2025-07-11');
    expect(briefing.timezone).toBe('Europe/London');
    expect(briefing.articles).toHaveLength(5);
    expect(io.err()).toMatch(/read 5 inputs, kept 5 articles, excluded 0; 1 thread, 3 events; wrote out\/briefing-2025-07-11\.json/);
    expect(io.err()).toMatch(/ingest done in \d+ ms/);
  });

  it('shows --threads-in-full threads in full and the others in brief', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    const args = ['generate', '-i', seedsDir, '-o', 'out', '--date', '2025-07-11', '-f', 'json', '-q'];
    expect(await runCli([...args, '--threads-in-full', '0'], io), io.err()).toBe(0);
    const [thread] = BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-11.json'), 'utf8'))).threads;
    expect(thread!.inBrief).toBe(true);
    expect(thread!.summary).toHaveLength(1);
    expect([thread!.figures, thread!.quotes]).toEqual([[], []]);
    expect(await runCli(args, io), io.err()).toBe(0);
    const [inFull] = BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-11.json'), 'utf8'))).threads;
    expect(inFull!.inBrief).toBeUndefined();
    expect(inFull!.figures.length).toBeGreaterThan(0);
    expect(inFull!.headline).toBe(thread!.headline);
  });

  it('takes the briefing date from the clock in the given time zone', async () => {
    const dir = await tempDir();
    // 23:30 UTC on 10 July is already 11 July in Tokyo.
    const io = captureIO(dir, new Date('2025-07-10T23:30:00Z'));
    const code = await runCli(['generate', '-i', seedsDir, '-o', dir, '-z', 'Asia/Tokyo', '-q', '-f', 'json'], io);
    expect(code, io.err()).toBe(0);
    expect(await readdir(dir)).toContain('briefing-2025-07-11.json');
    expect(io.err()).toBe('');
  });

  it.each([
    [['generate', '--date', '2025-13-40'], /--date "2025-13-40"/],
    [['generate', '--date', 'yesterday'], /use YYYY-MM-DD/],
    [['generate', '--timezone', 'Mars/Olympus'], /not an IANA time zone/],
    [['generate', '--format', 'docx'], /--format "docx" is not supported/],
    [['generate', '--max-bytes', '-5'], /--max-bytes "-5" must be a positive whole number/],
    [['generate', '--threads-in-full', '-1'], /--threads-in-full "-1" must be a whole number \(0 or more\)/],
    [['generate', '--no-such-flag'], /unknown option/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with a message on bad usage: %j', async (args, message) => {
    const dir = await tempDir();
    const io = captureIO(dir);
    expect(await runCli([...args, '--input', seedsDir], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('exits 1 and writes nothing when no input can be read', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    expect(await runCli(['generate', '--input', join(dir, 'missing'), '--out', 'out'], io)).toBe(1);
    expect(io.err()).toMatch(/No article could be read/);
    expect(io.err()).toContain('missing');
    expect(await readdir(dir)).toEqual([]);
  });

  it('prints help with exit 0 for every command', async () => {
    for (const args of [['--help'], ['generate', '--help'], ['schema', '--help']]) {
      const io = captureIO(await tempDir());
      expect(await runCli(args, io)).toBe(0);
      expect(io.out()).toMatch(/Usage: briefing/);
    }
  });

  it('prints the JSON Schema of the model', async () => {
    const io = captureIO(await tempDir());
    expect(await runCli(['schema'], io)).toBe(0);
    const schema = JSON.parse(io.out());
    expect(schema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'title', 'date', 'timezone', 'generatedAt', 'articles', 'threads', 'excluded']),
    );
  });
});

describe('briefing generate with sources', () => {
  let server: TestServer;
  let notModified = 0;
  beforeAll(async () => {
    const feed = await seedFeed();
    server = await startServer({
      '/seeds.xml': (request, response) => {
        if (request.headers['if-none-match'] === '"seeds-v1"') {
          notModified++;
          response.writeHead(304, { etag: '"seeds-v1"' }).end();
        } else response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"seeds-v1"' }).end(feed);
      },
      '/broken.xml': { status: 500, type: 'text/plain', body: 'down for maintenance' },
    });
  });
  afterAll(() => server.close());

  const configYaml = () =>
    [
      'title: Wire Brief',
      'timezone: Asia/Tokyo',
      'fetch:',
      '  retries: 0',
      '  timeoutMs: 5000',
      '  cacheDir: cache',
      // The test server listens on 127.0.0.1, which fetches refuse unless allowed.
      '  allowPrivateNetworks: true',
      'sources:',
      `  - { name: seed-wire, kind: feed, location: "${server.url('/seeds.xml')}" }`,
      `  - { name: broken, kind: feed, location: "${server.url('/broken.xml')}" }`,
      '',
    ].join('\n');

  it('reads the configuration file\'s sources, reports the failing one and builds the briefing from the rest', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), configYaml());
    // 23:30 UTC on 10 July is 11 July in the configuration's Tokyo.
    const io = { ...captureIO(dir, new Date('2025-07-10T23:30:00Z')), env: {} };
    const code = await runCli(['generate', '--format', 'json'], io);
    expect(code, io.err()).toBe(0);
    const briefing = BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-11.json'), 'utf8')));
    expect(briefing.title).toBe('Wire Brief');
    expect(briefing.timezone).toBe('Asia/Tokyo');
    expect(briefing.articles).toHaveLength(5);
    expect(io.err()).toMatch(/kept 5 articles, excluded 1; 1 thread, 3 events; wrote .*; 1 source failed: broken\n/);
    expect(io.err()).toContain(`briefing: excluded ${server.url('/broken.xml')}: source "broken": `);
    expect(io.err()).toMatch(/source "broken": .*500/);
    // The fetcher's cache lives where the configuration says, so a re-run asks only whether the feed changed.
    expect(await readdir(join(dir, 'cache'))).not.toEqual([]);
    const before = notModified;
    const again = { ...captureIO(dir, new Date('2025-07-10T23:30:00Z')), env: {} };
    expect(await runCli(['generate', '--format', 'json'], again), again.err()).toBe(0);
    expect(notModified).toBe(before + 1);
    expect(again.err()).toMatch(/kept 5 articles/);
  });

  it('lets --input and flags override the configuration, and the environment override the file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), configYaml());
    const io = { ...captureIO(dir, new Date('2025-07-10T23:30:00Z')), env: { BRIEFING_TIMEZONE: 'UTC' } };
    const code = await runCli(['generate', '-q', '-f', 'json', '--input', server.url('/seeds.xml'), '--title', 'Flag Brief'], io);
    expect(code, io.err()).toBe(0);
    // In UTC it is still 10 July; the broken source of the file is not read at all.
    const briefing = BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-10.json'), 'utf8')));
    expect(briefing).toMatchObject({ title: 'Flag Brief', timezone: 'UTC' });
    expect(briefing.excluded).toEqual([]);
    expect(briefing.articles).toHaveLength(5);
  });

  it('exits 2 naming the file and key of a bad configuration, writing nothing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'custom.yml'), 'sources:\n  - { name: x, kind: rss, location: "http://127.0.0.1:9/x" }\n');
    const io = { ...captureIO(dir), env: {} };
    expect(await runCli(['generate', '--config', 'custom.yml'], io)).toBe(2);
    expect(io.err()).toContain('custom.yml: sources[0].kind: expected one of feed, opml, page, pages, path; got "rss". Use kind: feed for RSS/Atom/JSON feeds.');
    expect(await readdir(dir)).toEqual(['custom.yml']);
  });
});
