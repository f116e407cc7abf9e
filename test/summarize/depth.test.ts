// Two depths of analysis: every article is read for grouping; figures and quotes only for the threads shown in full.
import { describe, expect, it } from 'vitest';
import { analyze, analyzeForGrouping, analyzeInFull } from '../../src/analyze/index.js';
import { cleanDocuments } from '../../src/clean/index.js';
import { groupArticles } from '../../src/group/index.js';
import { summarize } from '../../src/summarize/index.js';
import { doc, ELECTION_1, ELECTION_2, STRIKE_1, STRIKE_2, STRIKE_END } from '../group/story-docs.js';

// A third outlet on the strike, so the strike is the more important story (three outlets to two).
const STRIKE_3 = doc('strike-4', 'Rotterdam port strike strands ships', '2026-03-05', 'Port Gazette', [
  'Dozens of ships remained at anchor off Rotterdam as the dock workers’ strike over automated cranes ended, the port said, with the FNV union and terminal operators agreeing a job guarantee until 2032.',
  'Niek Stam, the union’s negotiator, said the workers had shown that automation could not be imposed on them.',
]);

const day = () => cleanDocuments([STRIKE_1, ELECTION_1, STRIKE_2, ELECTION_2, STRIKE_END, STRIKE_3]);

describe('analysis in two depths', () => {
  it('reads sentences, names and dates of every article first, figures and quotes only of those asked for', () => {
    const shallow = analyzeForGrouping(day());
    expect(shallow.articles.every((a) => !a.inFull && a.figures.length === 0 && a.quotes.length === 0)).toBe(true);
    expect(shallow.articles.every((a) => a.sentences.length > 0)).toBe(true);
    const strike = shallow.articles.find((a) => a.article.path === 'strike-1.txt')!.article.id;
    const deep = analyzeInFull(shallow, new Set([strike]));
    const deepened = deep.articles.filter((a) => a.inFull).map((a) => a.article.id);
    expect(deepened).toEqual([strike]);
    // "about 4,000 members" and Niek Stam's words are found once the article is analysed in full.
    const analysed = deep.articles.find((a) => a.article.id === strike)!;
    expect(analysed.figures.some((f) => f.value === 4000)).toBe(true);
    expect(analysed.quotes.length).toBeGreaterThan(0);
    // The first depth is left as it was (a new analysis is returned).
    expect(shallow.articles.every((a) => !a.inFull)).toBe(true);
  });

  it('is exact: both depths one after the other give what one full analysis gives', () => {
    const articles = day();
    expect(analyzeInFull(analyzeForGrouping(articles))).toEqual(analyze(articles));
  });
});

describe('threads in full and in brief', () => {
  const articles = day();
  const shallow = analyzeForGrouping(articles);
  const grouping = groupArticles(shallow);

  it('summarises every thread in full when threadsInFull covers them, exactly as from a full analysis', () => {
    expect(grouping.threads.length).toBe(2);
    const fromShallow = summarize(shallow, grouping, { threadsInFull: 2 });
    expect(fromShallow).toEqual(summarize(analyze(articles), grouping));
    expect(fromShallow.some((t) => t.inBrief)).toBe(false);
  });

  it('shows the most important in full and the others in brief: headline, one lead sentence, sources', () => {
    const [full, brief, ...rest] = summarize(shallow, grouping, { threadsInFull: 1 });
    expect(rest).toEqual([]);
    const pathsOf = (ids: string[]) => ids.map((id) => shallow.articles.find((a) => a.article.id === id)!.article.path).sort();
    expect(pathsOf(full!.articleIds)).toEqual(['strike-1.txt', 'strike-2.txt', 'strike-3.txt', 'strike-4.txt']);
    expect(full!.inBrief).toBeUndefined();
    expect(full!.figures.length).toBeGreaterThan(0);
    expect(full!.quotes.length).toBeGreaterThan(0);

    expect(brief!.inBrief).toBe(true);
    expect(pathsOf(brief!.articleIds)).toEqual(['election-1.txt', 'election-2.txt']);
    expect(brief!.figures).toEqual([]);
    expect(brief!.quotes).toEqual([]);
    expect(brief!.conflicts).toEqual([]);
    expect(brief!.events.every((event) => event.headline.length > 0 && event.summary.length === 0)).toBe(true);
    // One sentence, taken from the article whose title heads the thread (its latest event).
    expect(brief!.summary).toHaveLength(1);
    const headlined = shallow.articles.find((a) => a.article.title === brief!.headline)!;
    expect(brief!.summary[0]!.articleIds).toEqual([headlined.article.id]);
    expect(headlined.sentences.map((s) => s.text)).toContain(brief!.summary[0]!.text);
    // The same headline as the thread would have in full.
    expect(brief!.headline).toBe(summarize(shallow, grouping, { threadsInFull: 2 })[1]!.headline);
  });

  it('reads the sentences of a thread in brief once for its headlines and its lead', () => {
    const reads = new Map<string, number>();
    const counted = {
      ...shallow,
      articles: shallow.articles.map((analyzed) =>
        Object.create(analyzed, {
          sentences: {
            get: () => {
              reads.set(analyzed.article.id, (reads.get(analyzed.article.id) ?? 0) + 1);
              return analyzed.sentences;
            },
          },
        }),
      ),
    };
    const threads = summarize(counted, grouping, { threadsInFull: 0 });
    expect(threads).toEqual(summarize(shallow, grouping, { threadsInFull: 0 }));
    const briefIds = threads.flatMap((thread) => thread.articleIds);
    expect(briefIds.length).toBeGreaterThan(0);
    for (const id of briefIds) expect(reads.get(id), id).toBe(1);
  });

  it('puts every thread in brief with threadsInFull 0, ranked the same way', () => {
    const threads = summarize(shallow, grouping, { threadsInFull: 0 });
    expect(threads.map((t) => t.inBrief)).toEqual([true, true]);
    expect(threads.map((t) => t.threadId)).toEqual(summarize(shallow, grouping, { threadsInFull: 1 }).map((t) => t.threadId));
    expect(threads[0]!.score).toBeGreaterThan(threads[1]!.score);
  });
});
