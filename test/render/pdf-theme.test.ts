import { afterAll, beforeAll, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import type { Briefing } from '../../src/model/schema.js';
import { renderHtml } from '../../src/render/html.js';
import { renderPdfDetailed } from '../../src/render/pdf.js';
import { readPdf } from '../browser/helpers.js';
import { hostileBriefing, sampleBriefing, sampleWithBriefThreads } from '../fixtures/sample-briefing.js';

let browser: BrowserManager;
beforeAll(() => {
  browser = new BrowserManager();
});
afterAll(async () => {
  await browser.close();
});

/** The sample briefing with its threads repeated under new ids and headlines, so it runs to many pages. */
function longBriefing(copies: number): Briefing {
  const b = structuredClone(sampleBriefing);
  b.threads = Array.from({ length: copies }, (_, k) =>
    sampleBriefing.threads.map((t) => ({ ...structuredClone(t), id: `${t.id}-${k}`, headline: `${t.headline} (part ${k + 1})` })),
  )
    .flat()
    .map((t, i) => ({ ...t, rank: i + 1 }));
  b.stats.threads = b.threads.length;
  return b;
}

const pdfOptions = (date: string) => ({
  filename: `briefing-${date}.pdf`,
  paper: 'a4' as const,
  title: 'Daily Briefing',
  headerText: `Daily Briefing · ${date}`,
  footerStamp: `As of ${date} 06:30`,
  metadata: { title: 'Daily Briefing', subject: date, keywords: ['news'], creator: 'test', creationDate: new Date(`${date}T05:30:00Z`) },
});

test('the default theme: the contents show the page each thread starts on, with one bookmark per thread, in one print pass', async () => {
  const briefing = longBriefing(4);
  const html = String((await renderHtml(briefing)).content);
  const report = await renderPdfDetailed(html, pdfOptions(briefing.date), browser);
  const pdf = await readPdf(report.output.content);

  const threadMarks = pdf.outline.filter((o) => briefing.threads.some((t) => t.headline === o.title));
  expect(threadMarks.map((o) => o.title)).toEqual(briefing.threads.map((t) => t.headline));
  for (const thread of briefing.threads) {
    const page = report.tocPages[thread.id];
    expect(page).toBeGreaterThan(1);
    expect(threadMarks.find((o) => o.title === thread.headline)!.page).toBe(page);
    // The page the contents point to really shows the thread (the headline may wrap, so check its first words).
    expect(pdf.pages[page! - 1]!.text.replace(/\s+/g, ' ')).toContain(thread.headline.split(' ').slice(0, 3).join(' '));
  }
  // The printed contents carry the same numbers: "headline  page".
  const all = pdf.pages.map((p) => p.text).join(' ').replace(/\s+/g, ' ');
  for (const thread of briefing.threads) {
    const escaped = thread.headline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(new RegExp(`${escaped} ?(\\d+)`).exec(all)?.[1]).toBe(String(report.tocPages[thread.id]));
  }
  expect(report.passes).toBe(1);
  expect(pdf.pages.length).toBeGreaterThan(briefing.threads.length);
});

test('the default theme with threads in brief: one section for them, with its bookmark and its page in the contents', async () => {
  const briefing = sampleWithBriefThreads;
  const full = briefing.threads.filter((t) => !t.inBrief);
  const brief = briefing.threads.filter((t) => t.inBrief);
  const html = String((await renderHtml(briefing)).content);
  const report = await renderPdfDetailed(html, pdfOptions(briefing.date), browser);
  const pdf = await readPdf(report.output.content);

  // A bookmark for the section, none for each thread in brief.
  expect(pdf.outline.map((o) => o.title)).toEqual([...full.map((t) => t.headline), 'Also reported', 'Left out of this briefing']);
  const section = pdf.outline.find((o) => o.title === 'Also reported')!;
  expect(report.tocPages['in-brief']).toBe(section.page);
  expect(report.passes).toBe(1);
  // The section opens its own page, after the last full thread, and shows every thread in brief.
  expect(section.page).toBeGreaterThan(pdf.outline.find((o) => o.title === full.at(-1)!.headline)!.page);
  const page = pdf.pages[section.page - 1]!.text.replace(/\s+/g, ' ');
  expect(page).toContain('ALSO REPORTED');
  for (const thread of brief) expect(page).toContain(thread.headline);
  // The contents name the section's page: "and 3 more stories in brief  n".
  const all = pdf.pages.map((p) => p.text).join(' ').replace(/\s+/g, ' ');
  expect(/and 3 more stories in brief ?(\d+)/.exec(all)?.[1]).toBe(String(section.page));
});

test('the default theme with hostile article text renders without any request or script', async () => {
  const html = String((await renderHtml(hostileBriefing)).content);
  const report = await renderPdfDetailed(html, pdfOptions(hostileBriefing.date), browser);
  const pdf = await readPdf(report.output.content);
  expect(report.blockedRequests).toEqual([]);
  expect(pdf.pages.length).toBeGreaterThan(0);
  // Escaped markup shows as text.
  expect(pdf.pages.map((p) => p.text).join(' ')).toContain('<script>');
});
