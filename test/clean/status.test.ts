import { DEFAULT_MIN_WORDS } from '../../src/clean/status.js';
import { describe, expect, it } from 'vitest';
import { cleanDocuments } from '../../src/clean/index.js';
import { doc, STORY, story } from './helpers.js';

const one = (text: string, minWords?: number) => cleanDocuments([doc(text)], { minWords })[0]!;

describe('article status', () => {
  it('ok for a full article, even under an error banner', () => {
    const article = one(['403', 'Sorry!!', ...STORY].join('\n'));
    expect(article.status).toBe('ok');
    expect(article.statusReason).toBeUndefined();
  });

  it('empty for no text, and for nothing but page furniture', () => {
    expect(one('  \n \n').status).toBe('empty');
    const furniture = one('World Politics Business Opinion Science Sport\nSHARE ARTICLE\nhome icon');
    expect(furniture.status).toBe('empty');
    expect(furniture.statusReason).toMatch(/furniture/);
  });

  it('error-page when only an error banner is left', () => {
    const article = one('404 Not Found\nSorry!!\nThe page you were looking for does not exist.\nHome | News | Sport');
    expect(article.status).toBe('error-page');
    expect(article.statusReason).toMatch(/error banner/);
  });

  it('paywalled for a teaser cut by a paywall prompt, but not for a full article that has one', () => {
    const teaser = one([STORY[0], 'Subscribe to continue reading', 'Already a subscriber? Log in'].join('\n'));
    expect(teaser.status).toBe('paywalled');
    const long = Array.from({ length: 4 }, (_, i) => STORY.map((s) => s.replace('council', `council ${i + 1}`))).flat();
    expect(one([...long, 'Sign up to read this article'].join('\n')).status).toBe('ok');
  });

  it('stub for a short teaser pointing to the full story', () => {
    const article = one(`${STORY[0]}\nThe mayor said the plan would...\nRead more`);
    expect(article.status).toBe('stub');
  });

  it('too-short below the word minimum, which is configurable', () => {
    const short = 'The city council approved a new budget on Tuesday.';
    const article = one(short);
    expect(article.status).toBe('too-short');
    expect(article.statusReason).toMatch(new RegExp(`below the ${DEFAULT_MIN_WORDS}-word minimum`));
    expect(one(short, 5).status).toBe('ok');
    expect(one(STORY[0]!, 30).status).toBe('too-short');
  });

  it('ok for a one-sentence news brief: a brief is news, not a fragment', () => {
    expect(one(STORY[0]!).status).toBe('ok');
  });

  it('stub for a brief-length teaser that points to the full story, even above the word minimum', () => {
    const teaser = one(`${STORY[0]} The mayor's office said more details would follow...`);
    expect(teaser.status).toBe('stub');
  });

  it('duplicate for the same cleaned body as an earlier article', () => {
    const [first, second, third] = cleanDocuments([
      doc(story(), {}, 'a.txt'),
      doc(['Menu', ...STORY, 'SHARE ARTICLE'].join('\n'), {}, 'b.txt'),
      doc(STORY.slice(1).join('\n'), {}, 'c.txt'),
    ]);
    expect(first!.status).toBe('ok');
    expect(second).toMatchObject({ status: 'duplicate', duplicateOf: 'a' });
    expect(third!.status).not.toBe('duplicate');
  });
});
