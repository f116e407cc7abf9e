// The pure parts of the pages: view models from a briefing, and views that keep hostile article text as text.
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/serve/context.js';
import { validDate, validEditionName } from '../../../src/serve/pages/edition-data.js';
import { jobPageModel } from '../../../src/serve/pages/job-model.js';
import { briefingOverview, editionCard, filterHeadlines, matchesQuery, recordedFormats, shiftDate, storyView } from '../../../src/serve/pages/models.js';
import { renderView } from '../../../src/serve/pages/views.js';
import type { EditionRecord } from '../../../src/store/index.js';
import { hostileBriefing, hostileWithBriefThreads, sampleBriefing, sampleWithBriefThreads } from '../../fixtures/sample-briefing.js';

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

describe('threads shown in brief', () => {
  const briefing = sampleWithBriefThreads;
  const full = briefing.threads.filter((t) => !t.inBrief);
  const brief = briefing.threads.filter((t) => t.inBrief);
  const base = `/editions/morning/${briefing.date}`;
  const count = (html: string, needle: string) => html.split(needle).length - 1;

  it('the Today card lists the full threads and one link for the rest; a search finds those in brief too', () => {
    const card = editionCard(record, briefing);
    expect(card.headlines.map((h) => h.headline)).toEqual(full.map((t) => t.headline));
    expect(card.inBrief).toMatchObject({ label: 'and 3 more stories in brief', href: `${base}#in-brief` });
    const html = renderView('today', frame, { editions: [{ name: 'morning', record: card }] });
    expect(html).toContain(`<a href="${base}#in-brief">and 3 more stories in brief</a>`);
    for (const thread of brief) expect(html).not.toContain(thread.headline);
    expect(editionCard(record, sampleBriefing).inBrief).toBeUndefined();
    expect(renderView('today', frame, { editions: [{ name: 'morning', record: editionCard(record, sampleBriefing) }] })).not.toContain('in brief');
    // The archive search shows a matching thread in brief among the headlines.
    const found = filterHeadlines(card, 'chess TITLE');
    expect(found.headlines.map((h) => h.headline)).toEqual(['Teenager wins national chess title']);
    expect(found.headlines[0]!.href).toBe(`${base}/stories/t-b5000005`);
  });

  it('the edition page lists the full threads, then each thread in brief once, compactly, linked to its story', () => {
    const html = renderView('edition', frame, { ...briefingOverview(briefing, base), outputs: [], back: { href: '/', label: 'b' } });
    const threadsList = /<ol class="threads">([\s\S]*?)<\/ol>/.exec(html)![1]!;
    for (const thread of full) expect(threadsList).toContain(thread.headline);
    const section = html.slice(html.indexOf('<h2 id="in-brief">Also reported</h2>'));
    expect(section).toContain('3 more stories, each in one sentence with its sources.');
    const items = /<ul class="in-brief">([\s\S]*?)<\/ul>/.exec(section)![1]!.match(/<li>[\s\S]*?<\/li>/g)!;
    expect(items).toHaveLength(brief.length);
    brief.forEach((thread, i) => {
      expect(count(html, thread.headline.replace(/'/g, '&#x27;')), thread.id).toBe(1);
      expect(items[i]).toContain(`<a href="${base}/stories/${thread.id}">${thread.headline}</a>`);
      if (thread.summary[0]) expect(items[i]).toContain(thread.summary[0].text);
      expect(items[i]).toContain(`${thread.articleIds.length} article`);
    });
    expect(html).not.toContain('This briefing has no stories.');
  });

  it('a day with every thread in brief is not "no stories"', () => {
    const allBrief = { ...briefing, threads: briefing.threads.map((t) => ({ ...t, inBrief: true as const })) };
    const html = renderView('edition', frame, { ...briefingOverview(allBrief, base), outputs: [], back: { href: '/', label: 'b' } });
    expect(html).not.toContain('This briefing has no stories.');
    expect(html).not.toContain('<ol class="threads">');
    expect(html.match(/<ul class="in-brief">[\s\S]*?<\/ul>/)![0].match(/<li>/g)).toHaveLength(allBrief.threads.length);
    expect(editionCard(record, allBrief).headlines).toEqual([]);
  });

  it('the job page lists the full threads as stories, then those in brief', () => {
    const model = jobPageModel(doneJob(), briefing);
    expect(model.threads.map((t) => t.headline)).toEqual(full.map((t) => t.headline));
    const html = renderView('job', frame, model);
    expect(html).toContain('<h2>Also reported</h2>');
    const list = /<ul class="in-brief">([\s\S]*?)<\/ul>/.exec(html)![1]!;
    for (const thread of brief) expect(list).toContain(`<a href="/jobs/job-1/stories/${thread.id}">${thread.headline}</a>`);
    expect(renderView('job', frame, jobPageModel(doneJob(), sampleBriefing))).not.toContain('Also reported');
  });

  it('the story page of a thread in brief shows what there is: headline, lead sentence cited, events, sources, and why no more', () => {
    const thread = brief[0]!;
    const view = storyView(briefing, thread);
    const html = renderView('story', frame, { ...view, back: { href: base, label: 'b' } });
    expect(html).toContain(`<h1 id="story-title">${thread.headline}</h1>`);
    expect(html).toContain('Shown in brief: its lead sentence and sources. Figures and quotes were not looked for in this story.');
    expect(html).toContain(thread.summary[0]!.text);
    for (const event of thread.events) expect(html).toContain(event.headline);
    for (const anchor of view.sources.map((s) => s.anchor)) expect(html).toContain(`<li id="${anchor}">`);
    expect(html).toContain(`href="#${view.summary[0]!.sources[0]!.anchor}"`);
    expect(html).not.toMatch(/id="h-(figures|quotes|conflicts)"/);
    expect(storyView(briefing, full[0]!).briefNote).toBeUndefined();
  });

  it('hostile text in threads in brief stays text on every page', () => {
    const b = hostileWithBriefThreads;
    const thread = b.threads.find((t) => t.inBrief)!;
    expectInert(renderView('today', frame, { editions: [{ name: 'morning', record: editionCard(record, b) }] }));
    expectInert(renderView('edition', frame, { ...briefingOverview(b, base), outputs: [], back: { href: '/', label: 'b' } }));
    expectInert(renderView('job', frame, jobPageModel(doneJob(), b)));
    expectInert(renderView('story', frame, { ...storyView(b, thread), back: { href: '/', label: 'b' } }));
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
