import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, test } from 'vitest';
import { BriefingSchema, type Briefing, type BriefingThread } from '../../src/model/schema.js';
import { renderEmail } from '../../src/render/email.js';
import { articleById, briefThreads, EMAIL_BRIEF_ITEMS, fullThreads, threadSources, threadsByDepth } from '../../src/render/helpers.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { sampleBriefing, sampleWithBriefThreads } from '../fixtures/sample-briefing.js';

/**
 * Threads past `threadsInFull` carry `inBrief`: every output lists them after the full threads, one compact item
 * each (headline, lead sentence with its citation, its sources), and counts them once where the full ones are listed.
 */

const THEMES = ['default', 'compact', 'newsletter'] as const;
const briefing = sampleWithBriefThreads;
const full = briefing.threads.filter((t) => !t.inBrief);
const brief = briefing.threads.filter((t) => t.inBrief);

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const outletsOf = (thread: BriefingThread) => threadSources(thread, briefing).map((s) => s.article?.outlet ?? 'Unknown outlet');

/** Every thread of the sample, in brief: a day with threadsInFull 0. */
const allInBrief: Briefing = BriefingSchema.parse({
  ...structuredClone(sampleWithBriefThreads),
  threads: sampleWithBriefThreads.threads.map((t) => ({ ...structuredClone(t), figures: [], quotes: [], conflicts: [], summary: t.summary.slice(0, 1), inBrief: true })),
});

test('the fixture has threads in full and in brief', () => {
  expect(full.map((t) => t.rank)).toEqual([1, 2, 3]);
  expect(brief.map((t) => t.rank)).toEqual([4, 5, 6]);
});

describe('fullThreads, briefThreads, articleById', () => {
  test('split the threads on inBrief, keeping their order', () => {
    expect(fullThreads(briefing.threads)).toEqual(full);
    expect(briefThreads(briefing.threads)).toEqual(brief);
    expect(briefThreads(sampleBriefing.threads)).toEqual([]);
    expect(fullThreads(sampleBriefing.threads)).toEqual(sampleBriefing.threads);
    expect(threadsByDepth(briefing.threads)).toEqual({ full, brief });
  });

  test('finds an article by id, also after the list grew', () => {
    const b = structuredClone(sampleBriefing);
    expect(articleById(b, 'a-4d5e6f70')?.outlet).toBe('Financial Times');
    expect(articleById(b, 'a-new')).toBeNull();
    b.articles.push({ ...b.articles[0]!, id: 'a-new', outlet: 'Late Wire' });
    expect(articleById(b, 'a-new')?.outlet).toBe('Late Wire');
  });
});

describe.each(THEMES)('the %s theme', (theme) => {
  let doc: Document;
  beforeAll(async () => {
    doc = new JSDOM(String((await renderHtml(briefing, { theme })).content)).window.document;
  });

  test('shows each thread in brief once, as a list item with its headline, lead sentence and outlets', () => {
    const body = text(doc.body);
    for (const thread of brief) {
      const items = doc.querySelectorAll(`[id="${thread.id}"]`);
      expect(items, thread.id).toHaveLength(1);
      const item = items[0]!;
      expect(item.tagName).toBe('LI');
      expect(text(item)).toContain(thread.headline);
      if (thread.summary[0]) expect(text(item)).toContain(thread.summary[0].text);
      for (const outlet of outletsOf(thread)) expect(text(item)).toContain(outlet);
      // Nowhere else: not in the day in brief, the contents or a full section.
      expect(occurrences(body, thread.headline), thread.headline).toBe(1);
    }
    // The item is compact: no timeline, figures or source list of a full thread.
    for (const thread of brief) expect(doc.getElementById(thread.id)!.querySelectorAll('h2, h3, ol, table, dl')).toHaveLength(0);
  });

  test('shows the threads in full as before, each in the theme\'s block for a full story, before the threads in brief', () => {
    const html = doc.body.innerHTML;
    const fullStory = { default: 'section.thread', compact: 'li.c-story[id]', newsletter: 'td[id^="t-"]' }[theme];
    expect([...doc.querySelectorAll(fullStory)].map((el) => el.id)).toEqual(full.map((t) => t.id));
    const firstBrief = html.indexOf(`id="${brief[0]!.id}"`);
    for (const thread of full) expect(html.indexOf(`id="${thread.id}"`)).toBeLessThan(firstBrief);
    expect(doc.querySelector('#in-brief')).not.toBeNull();
    expect(text(doc.querySelector('#in-brief'))).toContain('Also reported');
  });

  test('each citation of a thread in brief points into its item, to a source naming the outlet and linking the article', () => {
    for (const thread of brief) {
      const item = doc.getElementById(thread.id)!;
      const cites = [...item.querySelectorAll('a[href^="#src-"]')];
      expect(cites.length, thread.id).toBe(thread.summary[0] ? 1 : 0);
      for (const cite of cites) {
        const target = doc.getElementById(cite.getAttribute('href')!.slice(1));
        expect(target, cite.getAttribute('href')!).not.toBeNull();
        expect(item.contains(target)).toBe(true);
        expect(text(target)).toContain(`[${text(cite).replace(/\D/g, '')}]`);
      }
      for (const source of threadSources(thread, briefing)) {
        const target = doc.getElementById(source.anchor)!;
        expect(item.contains(target), source.anchor).toBe(true);
        expect(text(target)).toContain(source.article?.outlet ?? 'Unknown outlet');
        const link = target.querySelector('a');
        if (source.article?.url) expect(link?.getAttribute('href')).toBe(source.article.url);
        else expect(link).toBeNull();
      }
    }
  });

  test('the list of stories at the top names the full threads, then one entry for the rest with its count', () => {
    // Nothing links to a thread in brief but its own item; the entries for the rest link to the section.
    for (const thread of brief) expect(doc.querySelectorAll(`a[href="#${thread.id}"]`)).toHaveLength(0);
    const more = [...doc.querySelectorAll('a[href="#in-brief"]')];
    expect(more.length).toBeGreaterThanOrEqual(1);
    for (const a of more) {
      expect(text(a)).toBe('and 3 more stories in brief');
      // An entry of a list whose entries before it are the full threads, in rank order.
      const list = a.closest('ol, table')!;
      const entries = [...list.querySelectorAll(':scope > li, :scope > tbody > tr, :scope > tr')];
      const at = entries.findIndex((entry) => entry.contains(a));
      expect(entries.slice(0, at).map((entry) => full.findIndex((t) => text(entry).includes(t.headline)))).toEqual(full.map((_, i) => i));
    }
  });

  test('a day with every thread in brief lists them all and does not say there are no stories', async () => {
    const page = new JSDOM(String((await renderHtml(allInBrief, { theme })).content)).window.document;
    expect(page.querySelectorAll('[id^="t-"]')).toHaveLength(allInBrief.threads.length);
    for (const thread of allInBrief.threads) expect(page.getElementById(thread.id)!.tagName).toBe('LI');
    expect(text(page.body)).not.toMatch(/No stories/);
    expect(text(page.body)).toContain('and 6 more stories in brief');
  });
});

describe('the default theme', () => {
  let doc: Document;
  beforeAll(async () => {
    doc = new JSDOM(String((await renderHtml(briefing)).content)).window.document;
  });

  test('the day in brief and the contents: the full threads, then the threads in brief as one entry, then the appendix', () => {
    expect([...doc.querySelectorAll('.brief-list li')].map(text)).toEqual([
      ...full.map((t) => `${t.headline} ${t.summary[0]!.text}`),
      'and 3 more stories in brief',
    ]);
    expect([...doc.querySelectorAll('.toc-list a')].map((a) => a.getAttribute('href'))).toEqual([...full.map((t) => `#${t.id}`), '#in-brief', '#left-out']);
    expect(doc.querySelector('[data-toc-page-for="in-brief"]')).not.toBeNull();
  });

  test('the PDF outline gets the section, not each thread in brief', () => {
    expect([...doc.querySelectorAll('[data-outline]')].map((el) => el.getAttribute('data-outline'))).toEqual([
      ...full.map((t) => t.headline),
      'Also reported',
      'Left out of this briefing',
    ]);
    expect(text(doc.querySelector('#in-brief .in-brief-intro'))).toBe('3 more stories, each in one sentence with its sources.');
  });
});

describe.each(THEMES)('the e-mail body of the %s theme', (theme) => {
  test('lists the threads in brief after the full ones, one item each with headline and outlets', async () => {
    const email = await renderEmail(briefing, { theme, edition: 'morning' });
    const doc = new JSDOM(email.html).window.document;
    const body = text(doc.body);
    const items = [...doc.querySelectorAll('li')].filter((li) => brief.some((t) => text(li).startsWith(t.headline)));
    expect(items).toHaveLength(brief.length);
    for (const [i, thread] of brief.entries()) {
      expect(occurrences(body, thread.headline), thread.headline).toBe(1);
      for (const outlet of outletsOf(thread)) expect(text(items[i])).toContain(outlet);
      // The newsletter mails every story in full, so its items carry the lead sentence too; the default's lead lines do.
      if (theme !== 'compact' && thread.summary[0]) expect(text(items[i])).toContain(thread.summary[0].text);
    }
    expect(body).toContain('Also reported');
    // Styles inlined into the new elements as into the rest.
    for (const li of items) expect(li.getAttribute('style')).toMatch(/padding/);
    const lastFull = body.lastIndexOf(full.at(-1)!.headline);
    expect(body.indexOf(brief[0]!.headline)).toBeGreaterThan(lastFull);
  });

  test('with every thread in brief: no "no stories" line', async () => {
    const email = await renderEmail(allInBrief, { theme, edition: 'morning' });
    expect(email.html).not.toContain('No stories today');
    expect(email.text).not.toContain('No stories today');
    for (const thread of allInBrief.threads) expect(email.html).toContain(thread.headline.replace(/'/g, '&#x27;'));
  });
});

/** A day with more threads in brief than an e-mail lists: the sample's three, then copies under new headlines. */
const manyInBrief: Briefing = (() => {
  const b = structuredClone(sampleWithBriefThreads);
  const template = b.threads.find((t) => t.inBrief)!;
  for (let i = 0; b.threads.filter((t) => t.inBrief).length < EMAIL_BRIEF_ITEMS + 4; i += 1) {
    b.threads.push({ ...structuredClone(template), id: `t-c${String(i).padStart(7, '0')}`, rank: b.threads.length + 1, headline: `Story number ${i} in brief` });
  }
  b.stats = { ...b.stats, threads: b.threads.length };
  return BriefingSchema.parse(b);
})();
const manyBrief = manyInBrief.threads.filter((t) => t.inBrief);

describe.each(THEMES)('a long list in brief, in the %s theme', (theme) => {
  test(`the e-mail lists the first ${EMAIL_BRIEF_ITEMS} threads in brief, then says how many more the attached briefing has`, async () => {
    const email = await renderEmail(manyInBrief, { theme, edition: 'morning', attachmentName: 'briefing-2025-07-10.pdf' });
    const body = text(new JSDOM(email.html).window.document.body);
    for (const [i, thread] of manyBrief.entries()) expect(body.includes(thread.headline), `${i}: ${thread.headline}`).toBe(i < EMAIL_BRIEF_ITEMS);
    expect(body).toContain('and 4 more stories in brief in the attached briefing (briefing-2025-07-10.pdf)');
    expect(body.indexOf('and 4 more stories in brief in the attached')).toBeGreaterThan(body.indexOf(manyBrief[EMAIL_BRIEF_ITEMS - 1]!.headline));
    expect(email.text).toContain('  and 4 more stories in brief in the attached briefing\n  (briefing-2025-07-10.pdf)\n');
    for (const [i, thread] of manyBrief.entries()) expect(email.text.includes(`* ${thread.headline}\n`), thread.headline).toBe(i < EMAIL_BRIEF_ITEMS);
  });

  test('without an attachment the rest is "in the full briefing"; in German too', async () => {
    const email = await renderEmail(manyInBrief, { theme, edition: 'morning' });
    expect(email.html).toContain('and 4 more stories in brief in the full briefing');
    expect(email.text).toContain('  and 4 more stories in brief in the full briefing\n');
    const de = await renderEmail(manyInBrief, { theme, edition: 'morning', locale: 'de-DE' });
    expect(de.html).toContain('und 4 weitere Themen in Kürze im vollständigen Briefing');
  });

  test('the page and the PDF list every thread in brief', async () => {
    const html = String((await renderHtml(manyInBrief, { theme })).content);
    for (const thread of manyBrief) expect(html, thread.headline).toContain(thread.headline);
    expect(html).not.toContain('in the full briefing');
  });

  test(`exactly ${EMAIL_BRIEF_ITEMS} threads in brief: all listed, no line for the rest`, async () => {
    const exact = BriefingSchema.parse({ ...manyInBrief, threads: manyInBrief.threads.slice(0, manyInBrief.threads.length - 4) });
    const email = await renderEmail(exact, { theme, edition: 'morning', attachmentName: 'b.pdf' });
    expect(email.html).not.toContain('more stories in brief in the');
    expect(email.text).not.toContain('more stories in brief in the');
    for (const thread of exact.threads.filter((t) => t.inBrief)) expect(email.text).toContain(`* ${thread.headline}\n`);
  });
});

describe('the e-mail text part', () => {
  let mail: string;
  beforeAll(async () => {
    mail = (await renderEmail(briefing, { edition: 'morning' })).text;
  });

  test('lists the full threads, counts the rest, and gives each thread in brief its lead, citation and sources', () => {
    expect(mail).toContain(' 3. Heatwave grips southern Europe as wildfires spread\n    and 3 more stories in brief\n');
    const section = mail.slice(mail.indexOf('ALSO REPORTED'));
    expect(section.startsWith('ALSO REPORTED\n3 more stories, each in one sentence with its sources.\n')).toBe(true);
    expect(section).toContain(
      [
        '  * Dutch farmers block roads over nitrogen rules',
        '    Farmers drove hundreds of tractors onto motorways around Utrecht on',
        '    Thursday morning. [1]',
        '    [1] NOS: https://nos.example.nl/farmers-nitrogen',
        '    [2] NRC: https://nrc.example.nl/a12-tractors',
      ].join('\n'),
    );
    expect(section).toContain('  * Teenager wins national chess title\n');
    expect(section).toContain('    [1] Unknown outlet\n');
    expect(section).toContain('  * Tokyo opens its first floating solar farm\n    [1] NHK World: https://nhk.example.jp/solar\n');
    for (const thread of brief) expect(occurrences(mail, thread.headline), thread.headline).toBe(1);
  });
});

describe('Markdown', () => {
  const md = String(renderMarkdown(briefing).content);

  test('the day in brief numbers the full threads, then counts the rest', () => {
    const start = md.indexOf('## The day in brief');
    const dayInBrief = md.slice(start, md.indexOf('\n## ', start + 1));
    expect(dayInBrief.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(full.length);
    expect(dayInBrief).toContain('\n\nand 3 more stories in brief\n');
  });

  test('a section after the full threads: one list item per thread in brief, its lead cited and its sources linked', () => {
    const section = md.slice(md.indexOf('## Also reported'), md.indexOf('## Left out'));
    expect(md.indexOf('## Also reported')).toBeGreaterThan(md.indexOf('## 3. Heatwave'));
    expect(section.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(brief.length);
    expect(section).toContain(
      '- **Dutch farmers block roads over nitrogen rules** — Farmers drove hundreds of tractors onto motorways around Utrecht on Thursday morning. [1]  \n' +
        '  [1] [NOS](<https://nos.example.nl/farmers-nitrogen>) · [2] [NRC](<https://nrc.example.nl/a12-tractors>)\n',
    );
    expect(section).toContain('- **Tokyo opens its first floating solar farm**  \n  [1] [NHK World](<https://nhk.example.jp/solar>)\n');
    for (const thread of brief) expect(md).not.toContain(`. ${thread.headline}`);
  });

  test('in German', () => {
    const de = String(renderMarkdown(briefing, { locale: 'de-DE' }).content);
    expect(de).toContain('\n\nund 3 weitere Themen in Kürze\n');
    expect(de).toContain('## Kurz gemeldet\n\n3 weitere Themen, jedes in einem Satz mit seinen Quellen.\n');
  });
});
