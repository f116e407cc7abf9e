import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMemory, rememberBriefing } from '../../src/memory/index.js';
import type { Briefing, BriefingThread } from '../../src/model/schema.js';
import { generateBriefing } from '../../src/pipeline.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;

/** The engine's briefing of a day made from a temp folder holding the given fixture articles. */
async function engine(date: string, files: string[]): Promise<Briefing> {
  const dir = await tempDir('briefing-memory-day-');
  for (const file of files) await cp(join(fixtures, file), join(dir, file));
  return (await generateBriefing({ inputs: [dir], date, timezone: 'UTC', now: new Date(`${date}T06:00:00Z`) })).briefing;
}

const threadOf = (briefing: Briefing, articleStem: string): BriefingThread | undefined =>
  briefing.threads.find((t) => t.articleIds.includes(articleStem));
const article = (briefing: Briefing, id: string) => briefing.articles.find((a) => a.id === id)!;

describe('memory across three days', async () => {
  const dbPath = join(await tempDir('briefing-memory-'), 'data', 'briefing.sqlite');
  const store = await openStore(dbPath);
  const options = { edition: 'morning', staleAfterDays: 1 };

  // Day 1: the Rotterdam strike (A) and a wildfire on Crete (B).
  const raw1 = await engine('2025-07-09', ['a1-strike.md', 'b1-wildfire.md']);
  const day1 = await applyMemory(raw1, store, options);
  await rememberBriefing(store, day1, 'morning');
  // Day 2: A again with a new article, and a new story (C); B has nothing.
  const raw2 = await engine('2025-07-10', ['a1-strike.md', 'a2-strike.md', 'c1-airline.md']);
  const day2 = await applyMemory(raw2, store, options);
  await rememberBriefing(store, day2, 'morning');
  // Day 3: A ends (a new article only, sharing no article with earlier days), B and C only repeated, and a
  // different strike by the same union (D).
  const raw3 = await engine('2025-07-11', ['a3-strike.md', 'b1-wildfire.md', 'c1-airline.md', 'd1-schiphol.md']);
  const day3 = await applyMemory(raw3, store, options);
  const day3DefaultStale = await applyMemory(raw3, store, { edition: 'morning' });
  await rememberBriefing(store, day3, 'morning');

  const a1 = threadOf(day1, 'a1-strike')!;

  it('day 1: everything is new and ids are the engine\'s', () => {
    expect(day1.memory).toEqual({ edition: 'morning', previousDate: null, carriedOver: 0, staleDropped: 0 });
    expect(day1.threads.map((t) => t.id)).toEqual(raw1.threads.map((t) => t.id));
    expect(day1.threads.every((t) => t.isNew === true && t.continuesFrom === undefined)).toBe(true);
    expect(day1.articles.every((a) => a.isNewSinceLast === true)).toBe(true);
    expect(day1.threads.flatMap((t) => t.events).every((e) => e.isNewSinceLast === true)).toBe(true);
  });

  it('day 2: the continuing story keeps its id and marks only the new article as news', () => {
    const a = threadOf(day2, 'a2-strike')!;
    expect(threadOf(raw2, 'a2-strike')!.id).not.toBe(a1.id); // the engine alone would give it a new id
    expect(a.id).toBe(a1.id);
    expect(a).toMatchObject({ isNew: false, continuesFrom: '2025-07-09', lastEditionDate: '2025-07-09' });
    expect(article(day2, 'a1-strike').isNewSinceLast).toBe(false);
    expect(article(day2, 'a2-strike').isNewSinceLast).toBe(true);
    for (const sentence of a.summary) expect(sentence.isNewSinceLast).toBe(sentence.articleIds.includes('a2-strike'));
    expect(a.summary.some((s) => s.isNewSinceLast === false)).toBe(true);
    expect(a.summary.some((s) => s.isNewSinceLast === true)).toBe(true);
    const c = threadOf(day2, 'c1-airline')!;
    expect(c).toMatchObject({ isNew: true, id: threadOf(raw2, 'c1-airline')!.id });
    expect(day2.memory).toEqual({ edition: 'morning', previousDate: '2025-07-09', carriedOver: 0, staleDropped: 0 });
  });

  it('day 3: the story is recognized by its signature and its timeline brings back earlier events', () => {
    const a = threadOf(day3, 'a3-strike')!;
    expect(a.id).toBe(a1.id);
    expect(a).toMatchObject({ isNew: false, continuesFrom: '2025-07-09', lastEditionDate: '2025-07-10' });
    const today = a.events.filter((e) => e.articleIds.includes('a3-strike'));
    expect(today.map((e) => e.isNewSinceLast)).toEqual([true]);
    const earlier = a.events.filter((e) => !e.articleIds.includes('a3-strike'));
    // Day 2's event (a1 + a2) supersedes day 1's (a1 alone): the timeline shows it once.
    expect(earlier.map((e) => [e.id, e.isNewSinceLast, [...e.articleIds].sort()])).toEqual([
      [threadOf(day2, 'a2-strike')!.events[0]!.id, false, ['a1-strike', 'a2-strike']],
    ]);
    expect(a.events.at(-1)!.articleIds).toEqual(['a3-strike']); // oldest first
    expect(day3.stats.events).toBe(day3.threads.reduce((n, t) => n + t.events.length, 0));
  });

  it('day 3: a different strike by the same union is a new story, not the old one', () => {
    const d = threadOf(day3, 'd1-schiphol')!;
    expect(d.isNew).toBe(true);
    expect(d.id).not.toBe(a1.id);
  });

  it('day 3: stories with nothing new are not news again; past the stale limit they drop out', () => {
    expect(threadOf(day3, 'c1-airline')).toBeUndefined();
    expect(threadOf(day3, 'b1-wildfire')).toBeUndefined();
    // C last had news one day ago (carried over); B two days ago, past staleAfterDays = 1.
    expect(day3.memory).toEqual({ edition: 'morning', previousDate: '2025-07-10', carriedOver: 1, staleDropped: 1 });
    expect(day3DefaultStale.memory).toMatchObject({ carriedOver: 2, staleDropped: 0 });
    expect(article(day3, 'b1-wildfire').isNewSinceLast).toBe(false);
    expect(day3.threads.map((t) => t.rank)).toEqual([1, 2]);
    expect(day3.stats.threads).toBe(2);
  });

  it('re-running a day after it was remembered gives the same briefing, from the file on disk', async () => {
    const reopened = await openStore(dbPath);
    expect(await applyMemory(raw2, reopened, options)).toEqual(day2);
    expect(await applyMemory(raw3, reopened, options)).toEqual(day3);
    await reopened.close();
  });

  it('keeps memory per edition', async () => {
    const evening = await applyMemory(raw2, store, { edition: 'evening' });
    expect(evening.threads.every((t) => t.isNew)).toBe(true);
    expect(evening.memory?.previousDate).toBeNull();
  });
});
