import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSources } from '../../src/sources/index.js';
import { tempDir } from '../helpers.js';
import { paragraphs, rss } from './server.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('briefing-feed-bounds-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a feed item whose HTML is built to stall the extractor', () => {
  it('is left out quickly with the reason; the other items are read', async () => {
    const deep = `${'<div>'.repeat(10_000)}<p>${paragraphs('Deep', 1)[0]}</p>${'</div>'.repeat(10_000)}`;
    const feed = join(dir, 'feed.xml');
    await writeFile(
      feed,
      rss('Wire', [
        { id: 'deep', title: 'Deep', html: deep },
        { id: 'ok', title: 'Harbour tunnel approved', html: paragraphs('Tunnel', 6).map((p) => `<p>${p}</p>`).join('') },
      ]),
    );
    const started = performance.now();
    const result = await collectSources([{ name: 'wire', kind: 'feed', location: feed, fullText: 'feed' }], {});
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Harbour tunnel approved']);
    expect(result.excluded).toEqual([
      {
        path: `${feed}#deep`,
        reason: 'source "wire": the feed item\'s HTML was not read: skipped: the markup is nested more than 500 elements deep (no article page is; reading it would stall the run)',
      },
    ]);
  });
});
