import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { ingest } from '../../src/ingest/index.js';
import { fixturesDir } from '../helpers.js';

const pages = join(fixturesDir, 'real-pages');

/** One page read the way the product reads it: ingest, then the cleaner. */
async function read(name: string) {
  const { documents } = await ingest([join(pages, name)]);
  expect(documents).toHaveLength(1);
  return cleanDocument(documents[0]!, name);
}

describe('titles, outlets and leads of real-looking pages', () => {
  it('decodes entities escaped twice, cuts the site name from the title and names the outlet as the site does', async () => {
    const article = await read('trade-talks-thehill.html');
    expect(article.title).toBe("Investors don't know what to make of the trade talks");
    expect(article.outlet).toBe('The Hill');
  });

  it('takes a dateline glued to the lead ("Hong Kong (CNN Business)A muddled ...") out of the text', async () => {
    const article = await read('trade-talks-thehill.html');
    expect(article.paragraphs[0]).toMatch(/^A muddled view of the trade talks/);
    expect(article.removed).toContainEqual({ rule: 'dateline', text: 'Hong Kong (CNN Business)' });
  });

  it('removes the closing sign-off and records it', async () => {
    const article = await read('trade-talks-thehill.html');
    expect(article.paragraphs.join(' ')).not.toMatch(/Have a tip/);
    expect(article.removed.some((r) => r.rule === 'sign-off' && r.text.startsWith('Have a tip?'))).toBe(true);
  });

  it('does not take a blogging platform for the outlet: the address names it', async () => {
    const article = await read('blog-platform-outlet.html');
    expect(article.outlet).toBe('lagosharbournotes.example.com');
    expect(article.title).toBe('Lagos ferry service resumes after safety review');
  });

  it('gives a paywalled teaser the same status, and records the same prompt, as .txt and as .html', async () => {
    const text = await read('paywalled-teaser.txt');
    const html = await read('paywalled-teaser.html');
    expect(text.status).toBe('paywalled');
    expect(html.status).toBe('paywalled');
    expect(html.paragraphs).toEqual(text.paragraphs);
    expect(html.removed.filter((r) => r.rule !== 'title')).toEqual(text.removed.filter((r) => r.rule !== 'title'));
  });
});

describe('articles in other languages', () => {
  it('are detected from the text (not the page\'s declared lang) and left out with the reason "language"', async () => {
    const article = await read('german-page-declared-english.html');
    expect(article.language).toBe('de');
    expect(article.status).toBe('language');
    expect(article.statusReason).toMatch(/Written in German \(de\); this briefing accepts English \(en\)/);
  });

  it('are kept when the configured languages accept them', async () => {
    const { documents } = await ingest([join(pages, 'german-page-declared-english.html')]);
    expect(cleanDocument(documents[0]!, 'de', { languages: ['en', 'de'] }).status).toBe('ok');
    expect(cleanDocument(documents[0]!, 'de', { languages: 'any' }).status).toBe('ok');
  });

  it('an English page is English and kept', async () => {
    const article = await read('trade-talks-thehill.html');
    expect(article.language).toBe('en');
    expect(article.status).toBe('ok');
  });
});

describe('captions and credits', () => {
  it('never become the headline or the lead, and each is on record', async () => {
    const article = await read('caption-led-story.txt');
    expect(article.title).toBe('A man who stabbed a delivery driver in north London has been jailed for 18 years, the Metropolitan Police said');
    expect(article.paragraphs[0]).toMatch(/^A man who stabbed/);
    expect(article.paragraphs.join(' ')).not.toMatch(/Image (?:copyright|caption)/);
    expect(article.removed.filter((r) => r.rule === 'photo-credit').map((r) => r.text)).toEqual([
      'Image copyright Met Police Image caption Jordan Hill was jailed at the Old Bailey on Friday',
      'Image copyright Getty Images',
    ]);
  });
});
