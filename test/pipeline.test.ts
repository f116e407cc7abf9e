import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { generateBriefing } from '../src/pipeline.js';
import { seedsDir, tempDir } from './helpers.js';

const base = { date: '2025-07-11', timezone: 'UTC' };
const stem = (id: string) => id.slice(0, 3);

describe('generateBriefing on the seeds', async () => {
  const { briefing } = await generateBriefing({ ...base, inputs: [seedsDir], now: new Date('2025-07-11T06:00:00Z') });
  const thread = briefing.threads[0]!;

  it('finds one thread with the three events of the Rubio-Lavrov talks', () => {
    expect(briefing.threads).toHaveLength(1);
    const events = thread.events.map((e) => e.articleIds.map(stem).sort().join(','));
    expect(events).toEqual(['003', '004', '000,001,002']);
    expect(thread.events.map((e) => e.date)).toEqual([expect.stringMatching(/^2025-03-/), '2025-06-01', '2025-07-10']);
    expect(thread.events[0]!.dateCertain).toBe(false);
  });

  it('says why the articles are one thread: the people and words they share', () => {
    expect(thread.link!.names).toEqual(expect.arrayContaining(['Marco Rubio', 'Sergei Lavrov']));
    expect(thread.link!.terms).toEqual(expect.arrayContaining(['rubio', 'lavrov']));
  });

  it('keeps every summary sentence traceable to articles of the thread', () => {
    const ids = new Set(briefing.articles.map((a) => a.id));
    for (const sentence of [...thread.summary, ...thread.events.flatMap((e) => e.summary)]) {
      expect(sentence.articleIds.length).toBeGreaterThan(0);
      for (const id of sentence.articleIds) expect(ids.has(id)).toBe(true);
    }
  });

  it('reports the key figures, quotes and the 16 / 23 conflict', () => {
    const surfaces = thread.figures.map((f) => f.surface);
    for (const value of [415, 741, 232, 1343, 10e9, 2.3e9, 506e9, 371]) {
      expect(thread.figures.map((f) => f.value), `figure ${value} among ${surfaces.join(' | ')}`).toContain(value);
    }
    const speakers = thread.quotes.map((q) => q.speaker ?? '');
    for (const name of ['Rubio', 'Zelensky', 'Peskov', 'Starmer']) {
      expect(speakers.some((s) => s.includes(name)), `${name} among ${speakers.join(', ')}`).toBe(true);
    }
    const hurt = thread.conflicts.find((c) => c.values.some((v) => v.value === 16) && c.values.some((v) => v.value === 23));
    expect(hurt, JSON.stringify(thread.conflicts)).toBeDefined();
    expect(new Set(hurt!.values.map((v) => stem(v.articleId)))).toEqual(new Set(['000', '002']));
  });

  it('gives the uncertain page date of 003 as inferred, not as a fact', () => {
    const article = briefing.articles.find((a) => a.id.startsWith('003'))!;
    expect(article.published).toMatch(/^2025-03-/);
    expect(article.publishedSource).toBe('inferred');
    expect(article.publishedCertain).toBe(false);
    expect(article.publishedNote).toBeTruthy();
  });
});

describe('bad inputs', () => {
  it('skips empty, binary, huge, wrongly encoded and malformed files, naming each, and still builds the briefing', async () => {
    const dir = await tempDir();
    for (const name of await readdir(seedsDir)) await copyFile(join(seedsDir, name), join(dir, name));
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01]));
    await writeFile(join(dir, 'huge.txt'), 'word '.repeat(300_000));
    await writeFile(join(dir, 'broken.json'), '{ "title": "half a record", "text": ');
    await writeFile(join(dir, 'broken.jsonl'), '{"title":"fine","text":"short"}\n{not json}\n');
    // Cyrillic in windows-1251 with no declaration must be detected, not turned into replacement characters.
    const russian = 'Лавров провёл переговоры в Куала-Лумпуре\n\n' + 'Министр иностранных дел России Сергей Лавров провёл переговоры с госсекретарём США. '.repeat(12);
    await writeFile(join(dir, 'legacy.txt'), iconv.encode(russian, 'windows-1251'));

    const { briefing } = await generateBriefing({ ...base, inputs: [dir], maxBytes: 1024 * 1024 });
    const reasonFor = (name: string) => briefing.excluded.find((e) => e.path.endsWith(name))?.reason ?? '';
    expect(reasonFor('empty.txt')).toMatch(/empty/i);
    expect(reasonFor('binary.txt')).toMatch(/binary/i);
    expect(reasonFor('huge.txt')).toMatch(/larger|cap|size/i);
    expect(reasonFor('broken.json')).toMatch(/json/i);
    expect(briefing.excluded.some((e) => e.path.includes('broken.jsonl') && /line 2/i.test(e.reason))).toBe(true);
    expect(briefing.threads.length).toBeGreaterThanOrEqual(1);
    expect(briefing.threads[0]!.articleIds.map(stem).sort()).toEqual(['000', '001', '002', '003', '004']);
    const legacy = briefing.articles.find((a) => a.path.endsWith('legacy.txt'));
    expect(legacy).toBeDefined();
    expect(legacy!.title).toContain('Лавров');
  });
});

describe('determinism', () => {
  it('gives identical JSON for two runs apart from generatedAt, whatever the input order', async () => {
    const files = (await readdir(seedsDir)).map((f) => join(seedsDir, f));
    const first = await generateBriefing({ ...base, inputs: files, now: new Date('2025-07-11T06:00:00Z') });
    const second = await generateBriefing({ ...base, inputs: [...files].reverse(), now: new Date('2025-07-12T09:30:00Z') });
    expect(first.briefing.generatedAt).not.toBe(second.briefing.generatedAt);
    const strip = (b: object) => JSON.stringify({ ...b, generatedAt: undefined });
    expect(strip(second.briefing)).toBe(strip(first.briefing));
  });
});

describe('generateBriefing with an article filter (an edition\'s window and filters)', () => {
  it('leaves out the articles the filter refuses, listing each with its reason, counted once as inputs', async () => {
    const all = (await generateBriefing({ ...base, inputs: [seedsDir], now: new Date('2025-07-11T06:00:00Z') })).briefing;
    const refused = all.articles[0]!;
    const { briefing } = await generateBriefing({
      ...base,
      inputs: [seedsDir],
      now: new Date('2025-07-11T06:00:00Z'),
      articleFilter: (article) => (article.id === refused.id ? 'not for this edition' : null),
    });
    expect(briefing.articles.map((a) => a.id)).toEqual(all.articles.map((a) => a.id).filter((id) => id !== refused.id));
    expect(briefing.excluded).toContainEqual({ path: refused.path, reason: 'not for this edition', articleId: null });
    expect(briefing.stats.inputs).toBe(all.stats.inputs);
    expect(briefing.stats.excluded).toBe(all.stats.excluded + 1);
  });
});

describe('generateBriefing past maxArticles', () => {
  it('keeps the newest articles, lists each other one with the reason and warns once', async () => {
    const now = new Date('2025-07-11T06:00:00Z');
    const all = (await generateBriefing({ ...base, inputs: [seedsDir], now })).briefing;
    const newestFirst = [...all.articles].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
    const { briefing, warnings } = await generateBriefing({ ...base, inputs: [seedsDir], now, maxArticles: 3 });
    expect(briefing.articles.map((a) => a.id).sort()).toEqual(newestFirst.slice(0, 3).map((a) => a.id).sort());
    const left = newestFirst.slice(3).map((a) => a.path).sort();
    const overLimit = briefing.excluded.filter((e) => /maxArticles/.test(e.reason));
    expect(overLimit.map((e) => e.path).sort()).toEqual(left);
    expect(overLimit[0]!.reason).toBe('more than 3 usable articles (maxArticles): the newest 3 are in this briefing');
    expect(briefing.stats.inputs).toBe(all.stats.inputs);
    expect(warnings.filter((w) => /maxArticles/.test(w))).toEqual([expect.stringMatching(/^2 older articles left out/)]);
    expect(briefing.threads.length).toBeGreaterThan(0);
  });
});
