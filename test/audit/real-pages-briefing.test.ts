import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditBriefing } from '../../src/audit/index.js';
import { generateBriefing } from '../../src/pipeline.js';
import { fixturesDir } from '../helpers.js';

const pages = join(fixturesDir, 'real-pages');

describe('a briefing of the real-page fixtures (captions, entities, site names, datelines, paywalls, other languages)', async () => {
  // The figures and quotes cases are snippets with expectations of their own (test/analyze); these are whole pages.
  const inputs = (await readdir(pages)).filter((name) => /\.(?:html|txt)$/.test(name)).map((name) => join(pages, name));
  const { briefing } = await generateBriefing({ inputs, date: '2026-12-03', timezone: 'UTC', now: new Date('2026-12-03T06:00:00Z') });
  const report = auditBriefing(briefing);

  it('passes its own audit: no headline, brief, figure, quote, title or outlet a reader would flag', () => {
    expect(report.totals.quote.items).toBeGreaterThan(0);
    expect(report.totals.figure.items).toBeGreaterThan(0);
    expect(report.totals.title.items).toBe(3);
    expect(report.items.filter((item) => item.suspects.length > 0).map((item) => `${item.kind}: ${item.shown} ${JSON.stringify(item.suspects)}`)).toEqual([]);
  });

  it('leaves out the German page and one copy of the paywalled teaser, each with its reason', () => {
    const reasons = briefing.excluded.map((e) => e.reason);
    expect(reasons.some((r) => r.startsWith('language: Written in German (de)'))).toBe(true);
    expect(reasons.filter((r) => r.startsWith('paywalled:')).length + reasons.filter((r) => r.startsWith('duplicate:')).length).toBe(2);
  });
});

describe('what the engine keeps off the page is in the model, with its rule', () => {
  it('a song title in quotes is not shown as a quote and is listed among the dropped quotes as a title', async () => {
    const { briefing } = await generateBriefing({ inputs: [join(pages, 'quotes', 'titles-of-works.txt')], date: '2026-12-03', timezone: 'UTC' });
    const thread = briefing.threads[0]!;
    const dropped = thread.droppedQuotes ?? [];
    expect(dropped.some((q) => q.reason === 'title')).toBe(true);
    for (const q of dropped) expect(thread.quotes.map((shown) => shown.text)).not.toContain(q.text);
    expect(auditBriefing(briefing).dropped.filter((d) => d.kind === 'quote')).toHaveLength(dropped.length);
  });
});
