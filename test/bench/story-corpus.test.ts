import { readdir, readFile, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { articleIndexOfPath, realStories, storiesOfArticles, storyReports, StoryCorpus, writeStoryCorpus } from '../../src/bench/story-corpus.js';
import { SIMILARITY_STOPWORDS } from '../../src/text/stopwords.js';
import { tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const MULTI_NEWS = [
  {
    documents: [
      'Rescuers in Valencia searched flooded streets on Tuesday after heavy rain forced hundreds of residents from their homes.\n\n' +
        'The regional government said 1,250 people had been moved to shelters overnight, and schools would stay closed.\n\n' +
        'Mayor Maria Lopez thanked volunteers and warned that more rain was expected before the weekend.',
      'Heavy rain flooded Valencia on Tuesday, and emergency services evacuated hundreds of residents overnight.\n\n' +
        'Officials said shelters were holding 1,250 people while engineers inspected damaged bridges along the river.\n\n' +
        'Forecasters expect further storms across the eastern coast during the coming days.',
    ],
  },
  {
    documents: [
      'Shares in Northwind Energy rose sharply on Monday after the company reported record quarterly profits from its wind farms.\n\n' +
        'Chief executive Daniel Brooks said demand for renewable power had grown faster than analysts predicted this spring.\n\n' +
        'The company plans to build three new offshore projects, creating about 4,000 jobs by 2027.',
    ],
  },
];

/** A story of many made-up words, so the swaps have a vocabulary to draw from as they do on real data. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'sa', 'no', 'pi', 'de', 'vu', 'ga', 'zo'];
const MADE_UP = SYLLABLES.flatMap((x) => SYLLABLES.flatMap((y) => SYLLABLES.map((z) => `${x}${y}${z}n`)));
const VOCABULARY = { documents: [MADE_UP.map((word, i) => (i % 12 === 11 ? `${word}.\n\n` : `${word} `)).join('')] };

describe('StoryCorpus', () => {
  const stories = realStories([...MULTI_NEWS, VOCABULARY], []);
  const words = (text: string) => new Set((text.match(/\b[a-z]{4,}\b/g) ?? []).filter((w) => !SIMILARITY_STOPWORDS.has(w)));

  it('makes exactly N articles, the same for the same seed and different for another', () => {
    const texts = (seed: number) => [...new StoryCorpus(stories, { seed }).articles(40)].map((a) => a.paragraphs.join('\n'));
    const first = texts(1);
    expect(first).toHaveLength(40);
    expect(texts(1)).toEqual(first);
    expect(texts(2)).not.toEqual(first);
    // Retold stories are distinct texts, not copies.
    expect(new Set(first).size).toBeGreaterThan(25);
  });

  it('retells one real story as stories that share few content words, its reports as one story', () => {
    const corpus = new StoryCorpus(stories);
    const share = (x: string, y: string) => {
      const a = words(x);
      const b = words(y);
      return [...a].filter((w) => b.has(w)).length / Math.min(a.size, b.size);
    };
    // Stories 0 and 3 are both retellings of the first real story; reports 0 and 1 of a story are its two documents.
    const story0 = corpus.article(0, 0).paragraphs.join(' ');
    const sameStory = corpus.article(0, 1).paragraphs.join(' ');
    const otherStory = corpus.article(3, 0).paragraphs.join(' ');
    expect(share(story0, sameStory)).toBeGreaterThan(share(story0, otherStory) + 0.2);
    expect(story0).not.toContain('Lopez');
  });

  it('dates articles within the week before the briefing day and keeps years', () => {
    const articles = [...new StoryCorpus(stories, { date: '2025-07-11' }).articles(60)];
    for (const article of articles) {
      expect(article.published >= '2025-07-05' && article.published <= '2025-07-11').toBe(true);
    }
    expect(articles.some((a) => a.paragraphs.join(' ').includes('2027'))).toBe(true);
  });

  it('knows from the seed alone which story each article retells, in the order the articles are made', () => {
    const corpus = new StoryCorpus(stories, { seed: 3 });
    const pairs = [...storyReports(3, 50)];
    expect(pairs).toHaveLength(50);
    expect([...corpus.articles(50)]).toEqual(pairs.map(([story, report]) => corpus.article(story, report)));
    const labels = storiesOfArticles(3, 50);
    expect(labels).toEqual(pairs.map(([story]) => story));
    // Each story's reports are in a row, stories in increasing order, and some have several.
    expect(labels.every((story, i) => i === 0 || story === labels[i - 1] || story === labels[i - 1]! + 1)).toBe(true);
    expect(new Set(labels).size).toBeLessThan(50);
    // A longer corpus begins with the shorter one; another seed sizes its stories differently.
    expect(storiesOfArticles(3, 80).slice(0, 50)).toEqual(labels);
    expect(storiesOfArticles(4, 50)).not.toEqual(labels);
  });

  it('writes Markdown files with front matter', async () => {
    const dir = await tempDir('briefing-story-corpus-');
    dirs.push(dir);
    const paths = await writeStoryCorpus(dir, new StoryCorpus(stories), 5);
    expect((await readdir(dir)).sort()).toHaveLength(5);
    expect(paths.map(articleIndexOfPath)).toEqual([0, 1, 2, 3, 4]);
    expect(articleIndexOfPath('/corpus/article-00042.md')).toBe(42);
    expect(articleIndexOfPath('/corpus/my-article-3.md')).toBeUndefined();
    const text = await readFile(paths[0]!, 'utf8');
    expect(text).toMatch(/^---\ntitle: ".+"\npublished: 2025-07-\d\d\nsource: outlet-\d+\n---\n\n/);
  });
});
