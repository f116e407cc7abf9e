import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/model/schema.js';
import { generateBriefing } from '../../src/pipeline.js';
import { seedsDir, tempDir } from '../helpers.js';
import { seedFeed, startServer, type TestServer } from './server.js';

const base = { date: '2025-07-11', timezone: 'UTC', now: new Date('2025-07-11T06:00:00Z') };
/** "000_05e9…" from a seed file's article id, or from an id made of the feed URL and the item id. */
const seedOf = (articleId: string) => /(\d{3})_[0-9a-f]+/.exec(articleId)?.[1] ?? articleId;
const eventSets = (briefing: Briefing) => briefing.threads.map((t) => t.events.map((e) => e.articleIds.map(seedOf).sort().join(',')));

describe('a briefing from a feed of the seed articles', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ '/seeds.xml': { type: 'application/rss+xml; charset=utf-8', body: await seedFeed() } });
  });
  afterAll(() => server.close());

  it('groups them exactly as from the folder: one thread, events {000,001,002}, {004}, {003}', async () => {
    const cacheDir = await tempDir();
    const fromFolder = await generateBriefing({ ...base, inputs: [seedsDir] });
    const fromFeed = await generateBriefing({
      ...base,
      sources: [{ name: 'seed-wire', kind: 'feed', location: server.url('/seeds.xml') }],
      fetch: { cacheDir, retries: 0, timeoutMs: 5000, allowPrivateNetworks: true },
    });
    expect(fromFeed.failedSources).toEqual([]);
    expect(fromFeed.briefing.excluded).toEqual([]);
    expect(fromFeed.briefing.articles.map((a) => seedOf(a.id))).toEqual(['000', '001', '002', '003', '004']);
    expect(fromFeed.briefing.articles.every((a) => a.path.startsWith(server.url('/seeds.xml#')))).toBe(true);
    expect(eventSets(fromFeed.briefing)).toEqual([['003', '004', '000,001,002']]);
    expect(eventSets(fromFeed.briefing)).toEqual(eventSets(fromFolder.briefing));
    expect(fromFeed.briefing.articles.every((a) => a.outlet !== null)).toBe(true);
  });

  it('takes a feed URL given as an input like a folder', async () => {
    const { briefing } = await generateBriefing({ ...base, inputs: [server.url('/seeds.xml')], fetch: { cacheDir: null, retries: 0, allowPrivateNetworks: true } });
    expect(eventSets(briefing)).toEqual([['003', '004', '000,001,002']]);
  });
});
