import { describe, expect, test } from 'vitest';
import { renderEmailBody } from '../../src/deliver/email-body.js';
import { hostileBriefing, sampleBriefing } from '../fixtures/sample-briefing.js';

describe('renderEmailBody', () => {
  const body = renderEmailBody(sampleBriefing, { edition: 'morning', attachmentName: 'morning-2025-07-10.pdf', editorNote: 'A **quiet** day.' });

  test('subject and heading carry the title and the long date', () => {
    expect(body.subject).toMatch(/^Daily Briefing — Thursday,? 10 July 2025$/);
    expect(body.html).toContain('>Daily Briefing</h1>');
    expect(body.html).toMatch(/Thursday,? 10 July 2025/);
  });

  test('is made for mail clients: inline styles, tables, no style sheet, web font, image or script', () => {
    expect(body.html).toMatch(/<table role="presentation"/);
    expect(body.html).not.toMatch(/<style|<link|<img|<script|@font-face|url\(/i);
    const tags = body.html.match(/<(h1|h2|h3|p|td|a)\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(5);
    for (const tag of tags) expect(tag).toMatch(/style="/);
  });

  test('lists every thread with its headline, first summary sentence and http(s) source links', () => {
    for (const thread of sampleBriefing.threads) {
      expect(body.html).toContain(`${thread.rank}. ${thread.headline}`.replace(/'/g, '&#x27;'));
      expect(body.text).toContain(`${thread.rank}. ${thread.headline}`);
      expect(body.text).toContain(thread.summary[0]!.text);
    }
    expect(body.html).toContain('href="https://www.example-news.com/world/rubio-lavrov-new-idea"');
    expect(body.html).toContain('<strong>quiet</strong>');
    expect(body.text).toContain('The full briefing is attached (morning-2025-07-10.pdf).');
  });

  test('escapes article text and links only http(s) URLs', () => {
    const hostile = renderEmailBody(hostileBriefing, { edition: 'morning' });
    expect(hostile.html).not.toMatch(/<script|<img|<style|<link|href="javascript/i);
    expect(hostile.html).toContain('&lt;script&gt;');
    const hrefs = [...hostile.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });
});
