import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMemory, jaccard, urlIdentity, rememberBriefing } from '../../src/memory/index.js';
import { BriefingSchema, type Briefing } from '../../src/model/schema.js';
import { openStore } from '../../src/store/index.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

describe('article keys', () => {
  it('normalizes URLs so share links and feed links of one page are one article', () => {
    expect(urlIdentity('https://Example.ORG/news/story/?utm_source=feed&b=2&a=1#comments')).toBe('https://example.org/news/story?a=1&b=2');
    expect(urlIdentity('https://example.org/news/story')).toBe('https://example.org/news/story');
    expect(urlIdentity('https://example.org/news/other')).not.toBe(urlIdentity('https://example.org/news/story'));
    expect(urlIdentity(null)).toBeNull();
  });

  it('measures signature overlap as Jaccard', () => {
    expect(jaccard(['a', 'b', 'c'], ['b', 'c', 'd'])).toBe(0.5);
    expect(jaccard([], [])).toBe(0);
  });
});

describe('an article without a URL, read again from another file', () => {
  it('is recognized by its content fingerprint and not reported as news again', async () => {
    const store = await openStore(join(await tempDir('briefing-memory-'), 'db.sqlite'));
    const first = withoutUrls(sampleBriefing, '2025-07-10');
    await rememberBriefing(store, await applyMemory(first, store, { edition: 'm' }), 'm');
    // Next day the same articles come from renamed files: new ids, no URLs, same content.
    const renamed = renameArticles(withoutUrls(sampleBriefing, '2025-07-11'), 'copy-');
    const next = await applyMemory(renamed, store, { edition: 'm' });
    const reported = next.articles.filter((a) => a.status === 'ok');
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((a) => a.isNewSinceLast === false)).toBe(true);
    // Articles left out (paywalled, error pages) were never reported, so they are not "already reported".
    expect(next.articles.filter((a) => a.status !== 'ok').map((a) => a.isNewSinceLast)).toEqual([true, true]);
    expect(next.threads).toEqual([]);
    expect(next.memory).toMatchObject({ previousDate: '2025-07-10', carriedOver: sampleBriefing.threads.length });
    await store.close();
  });
});

function withoutUrls(briefing: Briefing, date: string): Briefing {
  return BriefingSchema.parse({ ...briefing, date, articles: briefing.articles.map((a) => ({ ...a, url: null })) });
}

function renameArticles(briefing: Briefing, prefix: string): Briefing {
  const id = (x: string) => `${prefix}${x}`;
  return BriefingSchema.parse({
    ...briefing,
    articles: briefing.articles.map((a) => ({ ...a, id: id(a.id), path: `elsewhere/${a.path}` })),
    threads: briefing.threads.map((t) => ({
      ...t,
      articleIds: t.articleIds.map(id),
      summary: t.summary.map((s) => ({ ...s, articleIds: s.articleIds.map(id) })),
      events: t.events.map((e) => ({ ...e, articleIds: e.articleIds.map(id), summary: e.summary.map((s) => ({ ...s, articleIds: s.articleIds.map(id) })) })),
      figures: t.figures.map((f) => ({ ...f, articleId: id(f.articleId) })),
      quotes: t.quotes.map((q) => ({ ...q, articleId: id(q.articleId) })),
      conflicts: t.conflicts.map((c) => ({ ...c, values: c.values.map((v) => ({ ...v, articleId: id(v.articleId) })) })),
    })),
    entities: briefing.entities.map((e) => ({ ...e, articleIds: e.articleIds.map(id) })),
  });
}
