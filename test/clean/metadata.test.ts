import { describe, expect, it } from 'vitest';
import { assignIds, pathStem } from '../../src/clean/ids.js';
import { cleanDocuments } from '../../src/clean/index.js';
import { decideOutlet } from '../../src/clean/outlet.js';
import { decidePublished } from '../../src/clean/published.js';
import { doc, STORY } from './helpers.js';

describe('ids', () => {
  it('use the file stem when it is unique, else a stable hash', () => {
    expect(pathStem('seeds/000_05e9f8036be27b38.txt')).toBe('000_05e9f8036be27b38');
    expect(pathStem('feeds/all.json#42')).toBe('all-42');
    const docs = [doc('a', {}, 'x/story.txt'), doc('b', {}, 'y/story.txt'), doc('c', {}, 'z/other.md')];
    const ids = assignIds(docs);
    expect(ids[2]).toBe('other');
    expect(ids[0]).toMatch(/^a-[0-9a-f]{8}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(assignIds(docs)).toEqual(ids);
  });
});

describe('published date', () => {
  const body = STORY.join('\n');

  it('prefers metadata, then a dateline, then the page date', () => {
    expect(decidePublished({ metadata: '2025-07-10T09:00:00Z', dateline: '2025-07-09', page: '2025-07-08', body })).toMatchObject({ date: '2025-07-10', source: 'metadata', certain: true });
    expect(decidePublished({ metadata: null, dateline: '2025-07-09', page: '2025-07-08', body })).toMatchObject({ date: '2025-07-09', source: 'dateline' });
    expect(decidePublished({ metadata: null, dateline: null, page: '2025-07-08', body })).toMatchObject({ date: '2025-07-08', source: 'page', certain: true });
  });

  it('keeps a page date when the body narrates recent days', () => {
    const recent = 'Officials said on Sunday that the July 3 agreement still held, and talks resume this week.';
    expect(decidePublished({ metadata: null, dateline: null, page: '2025-07-08', body: recent })).toMatchObject({ source: 'page', date: '2025-07-08' });
  });

  it('infers the date when the page date is far after every date mentioned', () => {
    const old = 'The minister said on Friday that since April 2nd the ceasefire had held, and talks resume this week.';
    const result = decidePublished({ metadata: null, dateline: null, page: '2025-11-20', body: old });
    expect(result).toMatchObject({ date: '2025-04-04', source: 'inferred', certain: false });
    expect(result.note).toMatch(/2025-11-20/);
  });

  it('does not distrust the page date because the story recalls a dated past event', () => {
    const recall = 'Troops have fought since the invasion on February 24, 2022, the minister said on Sunday.';
    expect(decidePublished({ metadata: null, dateline: null, page: '2025-11-20', body: recall })).toMatchObject({ date: '2025-11-20', source: 'page' });
  });

  it('does not distrust the page date for an article that narrates nothing as current', () => {
    const history = 'The treaty was signed on April 2 after years of negotiation between the parties.';
    expect(decidePublished({ metadata: null, dateline: null, page: '2025-11-20', body: history }).source).toBe('page');
  });

  it('guesses from a full date in the body, uncertain, when nothing else is known', () => {
    const text = 'The report, published on 3 March 2024, was discussed again by the committee.';
    expect(decidePublished({ metadata: null, dateline: null, page: null, body: text })).toMatchObject({ date: '2024-03-03', source: 'inferred', certain: false });
    expect(decidePublished({ metadata: null, dateline: null, page: null, body })).toMatchObject({ date: null, source: 'unknown', certain: false });
  });

  it('reads a wire dateline and its credit', () => {
    const text = ['WASHINGTON (Reuters) March 16 - ' + STORY[0], ...STORY.slice(1)].join('\n');
    const article = cleanDocuments([doc(text, { published: undefined })])[0]!;
    expect(article.outlet).toBe('Reuters');
    expect(article.dateline).toBe('WASHINGTON (Reuters) March 16');
    expect(article.paragraphs[0]).toBe(STORY[0]);
    // Without a year or a page date to place it, the dateline's "March 16" is not presented as a date.
    expect(article.published).toMatchObject({ date: null, source: 'unknown' });
    const dated = cleanDocuments([doc(`date 2025-03-20\n${text}`)])[0]!;
    expect(dated.published).toMatchObject({ date: '2025-03-16', source: 'dateline', certain: true });
    expect(dated.pageDate).toBe('2025-03-20');
  });
});

describe('outlet', () => {
  it('metadata, then credit line, then masthead, then the URL host', () => {
    expect(decideOutlet({ metadata: 'The Guardian', credit: 'AFP', masthead: null, url: null })).toEqual({ outlet: 'The Guardian', outletSource: 'metadata' });
    expect(decideOutlet({ metadata: null, credit: 'AFP', masthead: 'The Times', url: null })).toEqual({ outlet: 'AFP', outletSource: 'credit-line' });
    expect(decideOutlet({ metadata: null, credit: null, masthead: 'The Times', url: 'https://x.com' })).toEqual({ outlet: 'The Times', outletSource: 'masthead' });
    expect(decideOutlet({ metadata: null, credit: null, masthead: null, url: 'https://www.example.org/a' })).toEqual({ outlet: 'example.org', outletSource: 'url' });
    expect(decideOutlet({ metadata: null, credit: null, masthead: null, url: 'not a url' })).toEqual({ outlet: null, outletSource: null });
  });

  it('a leading "(MENAFN)" credit becomes the outlet and leaves the paragraph', () => {
    const article = cleanDocuments([doc([`(MENAFN) ${STORY[0]}`, ...STORY.slice(1)].join('\n'))])[0]!;
    expect(article).toMatchObject({ outlet: 'MENAFN', outletSource: 'credit-line' });
    expect(article.paragraphs[0]).toBe(STORY[0]);
  });
});
