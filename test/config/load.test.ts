import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText } from '../../src/config/index.js';
import { UsageError } from '../../src/util/errors.js';
import { tempDir } from '../helpers.js';

const YAML = `
title: Morning Brief
timezone: Europe/London
maxInputBytes: 1000000
maxArticles: 40000
fetch:
  timeoutMs: 5000
  retries: 1
  cacheDir: cache/http
sources:
  - name: wire
    kind: feed
    location: https://news.example/feed.xml
    include: [Ukraine, Russia]
    fullText: auto
    maxItems: 50
  - name: local
    kind: path
    location: articles
    outlet: Desk
`;

function problem(text: string, file = 'briefing.config.yaml'): string {
  try {
    parseConfigText(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`no error for:\n${text}`);
}

describe('languages', () => {
  it('accepts a list of language codes or "any", and says what a bad one should look like', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), 'languages: [en, de]\n');
    expect((await loadConfig({ cwd: dir, env: {} })).languages).toEqual(['en', 'de']);
    await writeFile(join(dir, 'briefing.config.yaml'), 'languages: any\n');
    expect((await loadConfig({ cwd: dir, env: {} })).languages).toBe('any');
    expect(problem('languages: [English]\n')).toMatch(/languages.*a language code such as en, de or fr/s);
  });
});

describe('loadConfig', () => {
  it('uses the defaults when there is no configuration file', async () => {
    const dir = await tempDir();
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.title).toBe('Daily Briefing');
    expect(config.timezone).toBeUndefined();
    expect(config.maxInputBytes).toBe(5 * 1024 * 1024);
    expect(config.maxArticles).toBe(20_000);
    expect(config.sources).toEqual([]);
    expect(config.languages).toEqual(['en']);
    expect(config.fetch.cacheDir).toBe(join(dir, 'data/http-cache'));
    expect(config.fetch.userAgent).toMatch(/^briefing\/\d/);
    expect(config.file).toBeUndefined();
  });

  it('finds briefing.config.yaml in the working directory; paths in it are relative to the file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), YAML);
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.file).toBe(join(dir, 'briefing.config.yaml'));
    expect(config).toMatchObject({ title: 'Morning Brief', timezone: 'Europe/London', maxInputBytes: 1_000_000, maxArticles: 40_000 });
    expect(config.fetch).toMatchObject({ timeoutMs: 5000, retries: 1, cacheDir: join(dir, 'cache/http'), concurrency: 8 });
    expect(config.sources).toEqual([
      { name: 'wire', kind: 'feed', location: 'https://news.example/feed.xml', include: ['Ukraine', 'Russia'], fullText: 'auto', maxItems: 50 },
      { name: 'local', kind: 'path', location: join(dir, 'articles'), outlet: 'Desk' },
    ]);
  });

  it('reads JSON given with --config, from another folder', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'conf'));
    const file = join(dir, 'conf', 'mine.json');
    await writeFile(file, JSON.stringify({ title: 'From JSON', sources: [{ name: 'p', kind: 'pages', location: ['https://a.example/1', 'https://a.example/2'] }] }));
    const config = await loadConfig({ cwd: dir, file: 'conf/mine.json', env: {} });
    expect(config.title).toBe('From JSON');
    expect(config.sources[0]!.location).toEqual(['https://a.example/1', 'https://a.example/2']);
  });

  it('lets the environment override the file, and flags override the environment', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yml'), YAML);
    const env = { BRIEFING_TIMEZONE: 'Asia/Tokyo', BRIEFING_CACHE_DIR: 'env-cache', BRIEFING_USER_AGENT: 'env-agent/1.0', BRIEFING_THEMES_DIR: 'house-themes' };
    const fromEnv = await loadConfig({ cwd: dir, env });
    expect(fromEnv.timezone).toBe('Asia/Tokyo');
    expect(fromEnv.themesDir).toBe(join(dir, 'house-themes'));
    expect(fromEnv.fetch.cacheDir).toBe(join(dir, 'env-cache'));
    expect(fromEnv.fetch.userAgent).toBe('env-agent/1.0');
    expect(fromEnv.title).toBe('Morning Brief');

    const fromFlags = await loadConfig({ cwd: dir, env, flags: { timezone: 'UTC', cacheDir: 'flag-cache', title: 'Flag Title', maxInputBytes: 42 } });
    expect(fromFlags).toMatchObject({ timezone: 'UTC', title: 'Flag Title', maxInputBytes: 42 });
    expect(fromFlags.fetch.cacheDir).toBe(join(dir, 'flag-cache'));
    expect(fromFlags.fetch.userAgent).toBe('env-agent/1.0');
  });

  it('names a bad environment variable or flag', async () => {
    const dir = await tempDir();
    await expect(loadConfig({ cwd: dir, env: { BRIEFING_TIMEZONE: 'Mars/Olympus' } })).rejects.toThrow(/BRIEFING_TIMEZONE="Mars\/Olympus" is not an IANA time zone/);
    await expect(loadConfig({ cwd: dir, env: {}, flags: { timezone: 'Nowhere' } })).rejects.toThrow(/--timezone "Nowhere" is not an IANA time zone/);
  });

  it('says which file is missing when --config names none', async () => {
    const dir = await tempDir();
    const error = await loadConfig({ cwd: dir, file: 'nope.yaml', env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/nope\.yaml: cannot read the configuration file \(no such file\)\. Check the path given with --config/);
  });
});

describe('configuration errors name the file, the key path, what is wrong and the fix', () => {
  const source = (fields: string) => `sources:\n  - { name: a, kind: feed, location: "https://x.example/a" }\n  - { name: b, kind: page, location: "https://x.example/b" }\n  - { ${fields} }\n`;

  it.each([
    [source('name: c, kind: rss, location: "https://x.example/c"'), 'briefing.config.yaml: sources[2].kind: expected one of feed, opml, page, pages, path; got "rss". Use kind: feed for RSS/Atom/JSON feeds.'],
    [source('name: c, kind: feed'), 'briefing.config.yaml: sources[2].location: missing; it is required.'],
    [source('name: c, kind: feed, location: "https://x.example/c", fullText: always'), 'sources[2].fullText: expected one of auto, feed, page; got "always".'],
    [source('name: c, kind: feed, location: "https://x.example/c", maxItems: -3'), 'sources[2].maxItems: must be greater than 0; got -3.'],
    [source('name: c, kind: feed, location: "https://x.example/c", include: ufo'), 'sources[2].include: expected a list; got "ufo".'],
    [source('name: c, kind: feed, location: "https://x.example/c", url: "x"'), 'sources[2].url: unknown key.'],
    [source('name: c, kind: feed, location: ["https://x.example/c"]'), 'sources[2].location: a list is only allowed for kind: pages or kind: path'],
    [source('name: a, kind: feed, location: "https://x.example/c"'), 'sources[2].name: "a" is already the name of sources[0]; names must be unique'],
    ['timezone: Mars/Olympus\n', 'timezone: not an IANA time zone; got "Mars/Olympus". Use a name like Europe/London or UTC.'],
    ['fetch:\n  timeoutMs: "fast"\n', 'fetch.timeoutMs: expected a number; got "fast".'],
    ['fetch:\n  cache: x\n', 'fetch.cache: unknown key.'],
    ['titel: Oops\n', 'titel: unknown key.'],
    ['sources: feed.xml\n', 'sources: expected a list; got "feed.xml".'],
    ['- just\n- a list\n', 'expected a mapping of keys'],
    ['title: [unclosed\n', 'not valid YAML'],
  ])('%j', (text, message) => {
    expect(problem(text)).toContain(message);
  });

  it.each([
    ['timzone: UTC\n', 'briefing.config.yaml: timzone: unknown key. Did you mean timezone? Check the spelling'],
    ['outdir: out\n', 'outdir: unknown key. Did you mean outDir?'],
    ['fetch:\n  cacheDri: x\n', 'fetch.cacheDri: unknown key. Did you mean fetch.cacheDir?'],
    [source('name: c, kind: feed, loaction: "https://x.example/c"'), 'sources[2].loaction: unknown key. Did you mean sources[2].location?'],
    ['editions:\n  - name: m\n    schedule: { cron: "0 6 * * *", timezone: UTC }\n    fromats: [html]\n', 'editions[0].fromats: unknown key. Did you mean editions[0].formats?'],
    ['editions:\n  - name: m\n    schedule: { cron: "0 6 * * *", timezone: UTC, tz: UTC }\n', 'editions[0].schedule.tz: unknown key.'],
    ['server:\n  prot: 80\n', 'server.prot: unknown key. Did you mean server.port?'],
    ['titel: A\ntimzone: UTC\n', 'titel, timzone: unknown keys. Did you mean title for titel, timezone for timzone?'],
  ])('suggests the key an unknown one most likely meant: %j', (text, message) => {
    expect(problem(text)).toContain(message);
  });

  it('suggests nothing for an unknown key unlike any known one', () => {
    expect(problem('colour: red\n')).toBe('briefing.config.yaml: colour: unknown key. Check the spelling; the keys are listed in the README under "Configuration".');
  });

  it('reports every problem, one per line, and names a JSON file by its name', () => {
    const message = problem(JSON.stringify({ title: '', sources: [{ name: 'x', kind: 'atom', location: 'https://x.example' }] }), '/etc/briefing/site.json');
    expect(message.split('\n')).toEqual([
      'site.json: title: must not be empty.',
      'site.json: sources[0].kind: expected one of feed, opml, page, pages, path; got "atom". Use kind: feed for RSS/Atom/JSON feeds.',
    ]);
    expect(problem('{ "title": ', 'x.json')).toMatch(/^x\.json: not valid JSON/);
  });
});
