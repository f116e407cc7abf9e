// The pure parts of the pages: view models from a briefing, and views that keep hostile article text as text.
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/serve/context.js';
import { validDate, validEditionName } from '../../../src/serve/pages/edition-data.js';
import { jobPageModel } from '../../../src/serve/pages/job-model.js';
import { briefingOverview, editionCard, matchesQuery, recordedFormats, shiftDate, storyView } from '../../../src/serve/pages/models.js';
import { renderView } from '../../../src/serve/pages/views.js';
import type { EditionRecord } from '../../../src/store/index.js';
import { hostileBriefing, sampleBriefing } from '../../fixtures/sample-briefing.js';

const record: EditionRecord = {
  edition: 'morning',
  date: sampleBriefing.date,
  startedAt: '2025-07-11T06:00:00Z',
  finishedAt: '2025-07-11T06:00:05Z',
  inputsDigest: null,
  outputs: [{ format: 'json', path: 'out/morning/x.json' }, { format: 'pdf', path: 'out/morning/x.pdf' }, { format: 'html', path: 'out/morning/x.html' }],
  durations: {},
  status: 'ok',
  error: null,
};
const frame = { title: 'T', principal: { name: 'desk', scope: 'read' as const }, canSignOut: true, csrf: 'tok' };

/** No element or attribute an attacker planted survives: every `<` of article text is escaped. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script>window/);
  expect(html).not.toMatch(/<img /);
  expect(html).not.toMatch(/<style>|<link rel="stylesheet" href="https:\/\/evil/);
  expect(html).not.toMatch(/href="javascript:/i);
  expect(html).not.toMatch(/onerror=/);
}

describe('page views', () => {
  it('show a hostile headline, summary, quote and source as text on the story page', () => {
    const thread = hostileBriefing.threads[0]!;
    const html = renderView('story', frame, { ...storyView(hostileBriefing, thread), back: { href: '/', label: 'back' } });
    expectInert(html);
    expect(html).toContain('&lt;script&gt;window.__pwned');
    // Handlebars syntax in article text is not evaluated either.
    expect(html).toContain('{{#each this}}');
    // Only the layout's own script tag is there.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('show hostile text as text on the Today card, the edition page and the job page', () => {
    const card = renderView('today', frame, { editions: [{ name: 'morning', record: editionCard(record, hostileBriefing) }] });
    expectInert(card);
    expect(card).toContain('&lt;script&gt;');
    const overview = renderView('edition', frame, { ...briefingOverview(hostileBriefing, '/editions/morning/2025-07-11'), outputs: [], back: { href: '/', label: 'b' } });
    expectInert(overview);
    const job = renderView('job', frame, jobPageModel(doneJob(), hostileBriefing));
    expectInert(job);
  });

  it('cite every summary sentence by number, each number pointing at a source on the page', () => {
    const thread = sampleBriefing.threads[0]!;
    const view = storyView(sampleBriefing, thread);
    expect(view.summary.length).toBe(thread.summary.length);
    const anchors = new Set(view.sources.map((s) => s.anchor));
    for (const sentence of view.summary) {
      expect(sentence.sources.length).toBeGreaterThan(0);
      for (const source of sentence.sources) expect(anchors.has(source.anchor)).toBe(true);
    }
    const html = renderView('story', frame, { ...view, back: { href: '/', label: 'b' } });
    for (const anchor of anchors) {
      expect(html).toContain(`id="${anchor}"`);
      expect(html).toContain(`href="#${anchor}"`);
    }
  });

  it('link a source only to an http(s) address', () => {
    const view = storyView(hostileBriefing, hostileBriefing.threads[0]!);
    for (const source of view.sources) if (source.url) expect(source.url).toMatch(/^https?:\/\//);
    expect(view.sources.some((s) => s.url === null)).toBe(true);
  });

  it('list an edition\'s files in a fixed order, linked to the API, and its stories', () => {
    expect(recordedFormats(record)).toEqual(['html', 'pdf', 'json']);
    const card = editionCard(record, sampleBriefing);
    expect(card.outputs.map((o) => o.href)).toEqual([
      `/api/editions/morning/${record.date}.html`,
      `/api/editions/morning/${record.date}.pdf`,
      `/api/editions/morning/${record.date}.json`,
    ]);
    expect(card.headlines).toHaveLength(sampleBriefing.threads.length);
    expect(card.headlines[0]!.href).toBe(`/editions/morning/${record.date}/stories/${encodeURIComponent(sampleBriefing.threads[0]!.id)}`);
    const failed = editionCard({ ...record, status: 'failed', error: 'every source failed' }, undefined);
    expect(failed.outputs).toEqual([]);
    expect(failed.statusNote).toBe('failed: every source failed');
  });

  it('match a search on every word of a headline, whatever the case', () => {
    const words = sampleBriefing.threads[0]!.headline.split(' ');
    expect(matchesQuery(sampleBriefing, `${words[0]!.toUpperCase()} ${words[1]!}`)).toBe(true);
    expect(matchesQuery(sampleBriefing, 'zzzz-not-there')).toBe(false);
    expect(matchesQuery(undefined, 'x')).toBe(false);
    expect(matchesQuery(undefined, '  ')).toBe(true);
  });

  it('refuse edition names and dates that are not one (no traversal)', () => {
    expect(validEditionName('morning')).toBe(true);
    for (const bad of ['..', '../etc', 'a/b', '.hidden', '', 'a b', '%2e%2e']) expect(validEditionName(bad)).toBe(false);
    expect(validDate('2025-07-11')).toBe('2025-07-11');
    for (const bad of ['2025-02-30', '2025-7-1', '../2025-07-11', 'x', undefined]) expect(validDate(bad)).toBeUndefined();
    expect(shiftDate('2025-03-01', -1)).toBe('2025-02-28');
    expect(shiftDate('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('show the job\'s stages: done with their time, the running one, the rest waiting; errors as given', () => {
    const running: JobView = { ...doneJob(), state: 'running', stage: 'group', stages: [{ name: 'ingest', ms: 12 }, { name: 'clean', ms: 1500 }, { name: 'analyze', ms: 3 }], outputs: {} };
    const model = jobPageModel(running, undefined);
    expect(model.stages.map((s) => s.status)).toEqual(['done', 'done', 'done', 'running', 'waiting', 'waiting', 'waiting', 'waiting']);
    expect(model.stages[1]!.statusLabel).toBe('done in 1.5 s');
    expect(model.finished).toBe(false);
    const failed = jobPageModel({ ...running, state: 'failed', errors: ['Nothing was read: add files or URLs.'] }, undefined);
    expect(failed.stages[3]!.status).toBe('failed');
    expect(failed.finished).toBe(true);
    expect(renderView('job', frame, failed)).toContain('Nothing was read: add files or URLs.');
  });
});

function doneJob(): JobView {
  return {
    id: 'job-1',
    kind: 'briefing',
    state: 'done',
    stages: [],
    createdAt: '2025-07-11T06:00:00Z',
    outputs: { json: '/api/jobs/job-1/briefing-2025-07-11.json', html: '/api/jobs/job-1/briefing-2025-07-11.html' },
    excluded: [],
    warnings: [],
    errors: [],
    threads: 2,
  };
}
