import { describe, expect, it } from 'vitest';
import { cleanDocuments } from '../../src/clean/index.js';
import { splitTrailingCredit } from '../../src/clean/rules/captions.js';
import type { CleanArticle } from '../../src/clean/types.js';
import { doc, STORY, story } from './helpers.js';

function clean(text: string): CleanArticle {
  return cleanDocuments([doc(text)])[0]!;
}

/** Asserts the junk line went (under `rule`) and the look-alike sentence stayed. */
function expectRemovedAndKept(text: string, junk: string, rule: string, keep: string): void {
  const article = clean(text);
  expect(article.removed).toContainEqual({ rule, text: junk });
  expect(article.paragraphs.some((p) => p.includes(junk))).toBe(false);
  expect(article.paragraphs).toContain(keep);
}

describe('junk rules (each removes the junk and keeps a similar legitimate sentence)', () => {
  it('navigation menus', () => {
    const keep = 'The world science community and society at large welcomed the opinion of the court.';
    expectRemovedAndKept(['World Politics Business Opinion Science Sport', ...STORY, keep].join('\n'), 'World Politics Business Opinion Science Sport', 'navigation', keep);
  });

  it('menus split by separators', () => {
    const keep = 'Home prices rose in the capital, while news of the sale spread quickly across the region.';
    expectRemovedAndKept(['Home | News | Sport | Weather', ...STORY, keep].join('\n'), 'Home | News | Sport | Weather', 'navigation', keep);
    expect(clean(story('Russia – Ukraine – live updates')).paragraphs).toContain('Russia – Ukraine – live updates');
  });

  it('subscribe / sign-in / app prompts', () => {
    const keep = 'The union urged its members to sign up for the new pension scheme before the deadline in March.';
    expectRemovedAndKept(story(keep, 'Sign up to read this article', 'More text.'), 'Sign up to read this article', 'prompt', keep);
    expectRemovedAndKept(['Download the app', ...STORY, keep].join('\n'), 'Download the app', 'prompt', keep);
    expectRemovedAndKept(story('The newsletter was banned.', 'Sign up for our daily newsletter'), 'Sign up for our daily newsletter', 'prompt', 'The newsletter was banned.');
  });

  it('error-page banners', () => {
    const keep = 'Officials said 403 people had been evacuated from the flooded district by Sunday evening.';
    const text = ['404 Not Found', "Sorry, the page you were looking for doesn't exist.", ...STORY, keep].join('\n');
    const article = clean(text);
    expect(article.removed).toContainEqual({ rule: 'error-banner', text: '404 Not Found' });
    expect(article.removed).toContainEqual({ rule: 'error-banner', text: "Sorry, the page you were looking for doesn't exist." });
    expect(article.paragraphs).toContain(keep);
    expect(article.status).toBe('ok');
  });

  it('legal disclaimers and the paragraph after the heading', () => {
    const keep = 'The company said the disclaimer in its contract did not limit its responsibility to customers.';
    const legal = 'The publisher provides this information as is, without warranty of any kind, and accepts no liability.';
    const article = clean(story(keep, 'Legal Disclaimer:', legal));
    expect(article.removed).toContainEqual({ rule: 'legal', text: 'Legal Disclaimer:' });
    expect(article.removed).toContainEqual({ rule: 'legal', text: legal });
    expect(article.paragraphs).toContain(keep);
  });

  it('widgets closing the page take their link list with them', () => {
    const keep = 'Related talks between the two ministries are expected to continue next week in Geneva.';
    const article = clean(story(keep, 'Most popular stories', 'Bank Launches New Savings Account For Students', '- Local Team Wins Cup Final In Extra Time'));
    expect(article.removed.filter((r) => r.rule === 'widget').map((r) => r.text)).toEqual([
      'Most popular stories',
      'Bank Launches New Savings Account For Students',
      '- Local Team Wins Cup Final In Extra Time',
    ]);
    expect(article.paragraphs).toContain(keep);
  });

  it('a widget in the middle removes only its heading and links', () => {
    const text = [...STORY.slice(0, 2), 'Related Stories', 'Storm Hits Coast Again', ...STORY.slice(2)].join('\n');
    const article = clean(text);
    expect(article.removed.map((r) => r.rule)).toEqual(['widget', 'widget']);
    expect(article.paragraphs).toEqual(STORY);
  });

  it('comment counters', () => {
    const keep = 'No comment was offered by the ministry when reporters asked about the delays on Monday.';
    expectRemovedAndKept(story(keep, 'CommentsNo comment'), 'CommentsNo comment', 'comments', keep);
    expectRemovedAndKept(story(keep, '12 Comments'), '12 Comments', 'comments', keep);
  });

  it('weather and masthead lines', () => {
    const keep = 'Broken clouds and temperatures of 19°C were forecast for the capital on the day of the vote.';
    const header = ['Sunday, December 07, 2025 | Jumada al-akhirah 15, 1447 H', 'broken clouds', '19°C / 19°C', 'EDITOR IN CHIEF- JOHN SMITH', 'Budget vote set for next month'];
    const article = clean([...header, ...STORY, keep].join('\n'));
    expect(article.removed).toContainEqual({ rule: 'weather', text: 'broken clouds' });
    expect(article.removed).toContainEqual({ rule: 'weather', text: '19°C / 19°C' });
    expect(article.removed).toContainEqual({ rule: 'masthead', text: 'Jumada al-akhirah 15, 1447 H' });
    expect(article.removed).toContainEqual({ rule: 'masthead', text: 'EDITOR IN CHIEF- JOHN SMITH' });
    expect(article.paragraphs).toContain(keep);
  });

  it('UI words', () => {
    const keep = 'Share prices went up after the minister spoke about the plan to share costs with the regions.';
    const article = clean(['minus', 'plus', ...STORY, keep, 'SHARE ARTICLE', 'arrow up', 'home icon'].join('\n'));
    expect(article.removed.filter((r) => r.rule === 'ui').map((r) => r.text)).toEqual(['minus', 'plus', 'SHARE ARTICLE', 'arrow up', 'home icon']);
    expect(article.paragraphs).toContain(keep);
    // A row of share buttons goes; a line that only starts with their names stays.
    const buttons = clean([...STORY, 'Facebook Twitter | WhatsApp, Email', 'Facebook shares fell sharply on Monday after the report.'].join('\n'));
    expect(buttons.removed).toContainEqual({ rule: 'ui', text: 'Facebook Twitter | WhatsApp, Email' });
    expect(buttons.paragraphs).toContain('Facebook shares fell sharply on Monday after the report.');
  });

  it('photo credits', () => {
    const keep = 'The photo, licensed under Creative Commons, was shared widely after the meeting ended.';
    const credit = 'Photo: commons.wikimedia.org by Someone is licensed under Commons, the free media repository';
    expectRemovedAndKept(story(credit, keep), credit, 'photo-credit', keep);
  });

  it('captions closed by a wire credit, but not the closing credit of the story', () => {
    const caption = 'Firefighters work at the site of a damaged building in the city centre. — Reuters';
    const closing = 'The council will meet again on Friday to discuss the remaining amendments to the plan. — AFP';
    const article = clean([caption, caption, ...STORY, closing].join('\n'));
    expect(article.removed.filter((r) => r.rule === 'caption')).toHaveLength(2);
    expect(article.removed).toContainEqual({ rule: 'credit', text: '— AFP' });
    expect(article.paragraphs).toContain('The council will meet again on Friday to discuss the remaining amendments to the plan.');
    expect(article.outlet).toBe('AFP');
  });

  it('captions with a parenthesized photo credit', () => {
    const caption = 'The mayor met residents in the town hall, who pledged support (AFP/Getty)';
    const keep = 'The mayor met residents in the town hall, and they pledged support (in writing).';
    expectRemovedAndKept(story(caption, keep), caption, 'caption', keep);
  });

  it('short orphan lines and 1-3 word subheads', () => {
    const text = [STORY[0], 'Handshake', STORY[1], STORY[2], 'Fresh sanctions call', STORY[3], 'Yes, he did.'].join('\n');
    const article = clean(text);
    expect(article.removed).toContainEqual({ rule: 'subhead', text: 'Fresh sanctions call' });
    expect(article.removed.find((r) => r.text === 'Handshake')?.rule).toMatch(/^(orphan|subhead)$/);
    expect(article.paragraphs).toContain('Yes, he did.');
  });

  it('lists of short lines inside the story are kept', () => {
    const text = [STORY[0], STORY[1], 'Flour', 'Sugar', 'Butter', STORY[2], STORY[3]].join('\n');
    expect(clean(text).paragraphs).toEqual([STORY[0], STORY[1], 'Flour', 'Sugar', 'Butter', STORY[2], STORY[3]]);
  });

  it('stray trailing fragments', () => {
    const article = clean(story('meetings,'));
    expect(article.removed).toContainEqual({ rule: 'fragment', text: 'meetings,' });
    expect(article.paragraphs).toEqual(STORY);
  });

  it('the title repeated at the top, also without its punctuation', () => {
    const title = "Council's budget passes 'first test' after long debate";
    const article = clean([title, title, "Councils budget passes first test after long debate", ...STORY].join('\n'));
    expect(article.title).toBe(title);
    expect(article.removed.filter((r) => r.rule === 'title')).toHaveLength(3);
    expect(article.paragraphs).toEqual(STORY);
  });

  it('a metadata title removes its copy from the body', () => {
    const article = cleanDocuments([doc(['Budget Passes', ...STORY].join('\n'), { title: 'Budget Passes' })])[0]!;
    expect(article.title).toBe('Budget Passes');
    expect(article.removed).toContainEqual({ rule: 'title', text: 'Budget Passes' });
  });

  it('repeated paragraphs and a body pasted twice keep the first occurrence', () => {
    const article = clean([...STORY, ...STORY.slice(1)].join('\n'));
    expect(article.paragraphs).toEqual(STORY);
    expect(article.removed.filter((r) => r.rule === 'repeat')).toHaveLength(3);
  });

  it('bylines and place lines leave the body and become metadata', () => {
    const article = clean(['The Daily Courier', 'The Daily Courier', 'Jane Doe', 'Council passes the budget after long debate', 'SPRINGFIELD', ...STORY].join('\n'));
    expect(article.author).toBe('Jane Doe');
    expect(article.outlet).toBe('The Daily Courier');
    expect(article.outletSource).toBe('masthead');
    expect(article.dateline).toBe('SPRINGFIELD');
    expect(article.paragraphs).toEqual(STORY);
  });

  it('"By" bylines, with the date they carry', () => {
    const article = clean(['Council passes the budget after long debate', 'By John Smith | July 10, 2025', ...STORY].join('\n'));
    expect(article.author).toBe('John Smith');
    expect(article.published).toMatchObject({ date: '2025-07-10', source: 'page', certain: true });
    expect(article.paragraphs).toEqual(STORY);
  });

  it('a quote attributed after a dash is not a caption', () => {
    const quote = 'The film continues to be a pop cultural phenomenon. — Professor Richard Jewell';
    expect(clean([...STORY.slice(0, 2), quote, ...STORY.slice(2)].join('\n')).paragraphs).toContain(quote);
  });

  it('salutations and lead-ins ending in a comma or colon stay', () => {
    const text = [STORY[0], 'Dear Friends,', STORY[1], 'Here is the thing:', STORY[2], STORY[3]].join('\n');
    expect(clean(text).paragraphs).toEqual([STORY[0], 'Dear Friends,', STORY[1], 'Here is the thing:', STORY[2], STORY[3]]);
  });

  it('whitespace is normalized and paragraphs stay paragraphs', () => {
    const article = clean(`  ${STORY[0]!.replace(/ /g, '\u00a0 ')}  \n\n\n${STORY.slice(1).join('\n\n')}`);
    expect(article.paragraphs).toEqual(STORY);
  });
});

describe('splitTrailingCredit', () => {
  it('cuts a parenthesized credit at the end, white space after it included, and nothing elsewhere', () => {
    expect(splitTrailingCredit('Residents met the mayor (AFP/Getty) \t')).toEqual({ body: 'Residents met the mayor', credit: 'AFP/Getty', removed: '(AFP/Getty)' });
    expect(splitTrailingCredit('Residents met the mayor (AFP/Getty)\u00a0')).toEqual({ body: 'Residents met the mayor', credit: 'AFP/Getty', removed: '(AFP/Getty)' });
    expect(splitTrailingCredit('Residents (AFP/Getty) met the mayor')).toBeNull();
    expect(splitTrailingCredit('Residents met the mayor (AFP/Getty).')).toBeNull();
  });
});
