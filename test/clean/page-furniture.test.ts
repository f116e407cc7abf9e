import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { doc } from './helpers.js';

const body = [
  'The mayor announced a new plan for the harbour on Monday, promising 300 new homes by 2027.',
  'Opposition councillors said the plan did not include enough social housing for families.',
  'The council will vote on the proposal at its next meeting in May, officials said.',
  'Residents can comment on the plan until the end of April on the city website.',
  'Construction would start next year if the council approves the proposal.',
];

const clean = (paragraphs: string[], format: 'txt' | 'html' = 'txt') =>
  cleanDocument({ ...doc(paragraphs.join('\n\n'), { title: 'Harbour plan unveiled' }), format }, 'a1');

describe('page furniture around the story (one set of rules for every format)', () => {
  it('removes date stamps, bylines with dates, site controls and credits, and records each removal with its rule', () => {
    const junk = ['Updated: Nov 19, 2019 9:41 AM', 'By Jane Smith - 11/18/19 11:04 PM EST', 'Advertisement'];
    const tail = ['Share this article', 'Most read', 'You may also like...', 'Nov. 20, 2019 5:52 AM EST', 'Image copyright Getty Images'];
    const article = clean(['Harbour plan unveiled', ...junk, ...body, ...tail]);
    expect(article.paragraphs).toEqual(body);
    const removed = new Map(article.removed.map((r) => [r.text, r.rule]));
    // The first stamp dates the page when nothing else does; either way it is out of the text and on record.
    expect(['page-date', 'date-stamp']).toContain(removed.get('Updated: Nov 19, 2019 9:41 AM'));
    expect(removed.get('Nov. 20, 2019 5:52 AM EST')).toBe('date-stamp');
    expect(removed.get('You may also like...')).toBe('ui');
    expect(article.removed.length).toBeGreaterThanOrEqual(junk.length + tail.length);
  });

  it('removes calls to action at the end of the page but keeps the same words in the body of the story', () => {
    const pitch = 'Sign up for our daily newsletter to get the latest news.';
    const contact = 'Have a tip? Jane Smith may be reached at jsmith@example.com. Follow her on Twitter @jsmith.';
    const reporting = 'The president said on Twitter that he would follow her advice.';
    const article = clean([body[0]!, reporting, ...body.slice(1), pitch, contact]);
    expect(article.paragraphs).toEqual([body[0], reporting, ...body.slice(1)]);
    expect(article.removed.map((r) => r.text)).toEqual(expect.arrayContaining([pitch, contact]));
    expect(article.removed.find((r) => r.text === contact)?.rule).toBe('sign-off');
  });

  it('keeps short article sentences that only look like stamps', () => {
    const paragraphs = ['Updated figures are expected next week.', 'By the end of the day, 40 people had been rescued.', 'Revenue was 12.50 billion euros in 2019.', ...body];
    expect(clean(paragraphs).paragraphs).toEqual(paragraphs);
  });

  it('gives a paywalled teaser the same status whether it was read as text or as a web page', () => {
    const teaser = [body[0]!, body[1]!, 'Subscribe to continue reading. Already a subscriber? Log in.'];
    const asText = clean(teaser, 'txt');
    const asHtml = clean(teaser, 'html');
    expect(asText.status).toBe('paywalled');
    expect(asHtml.status).toBe(asText.status);
    expect(asHtml.removed).toEqual(asText.removed);
  });
});

describe('a web archive notice in place of the story', () => {
  const notice =
    'These crawls are part of an effort to archive pages as they are created and archive the pages that they refer to. ' +
    'That way, as the pages that are referenced are changed or taken from the web, a link to the version that was live ' +
    'when the page was written will be preserved. Then the Internet Archive hopes that references to these archived ' +
    'pages will be put in place of a link that would be otherwise be broken.';

  it('is an error page, not an article, and two copies of it are not one story', () => {
    const article = clean([notice]);
    expect(article.status).toBe('error-page');
    expect(article.removed).toEqual([{ rule: 'archive-notice', text: notice }]);
  });

  it('leaves a story that reports on the Internet Archive alone', () => {
    const story = [
      'The Internet Archive lost its appeal on Monday in a copyright case brought by four publishers over its library of scanned books.',
      ...body,
    ];
    expect(clean(story).paragraphs).toEqual(story);
  });
});
