// Small realistic days, through the real clean -> analyze -> group stages: stories that share a country stay apart,
// a follow-up days later joins its thread, and articles in two languages never share an event or a thread.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { cleanDocuments } from '../../src/clean/index.js';
import { groupArticles } from '../../src/group/index.js';
import { summarize } from '../../src/summarize/index.js';
import { averageLinkClusters } from '../../src/group/average-link.js';
import { similarityGraph } from '../../src/group/candidates.js';
import { threadClusters } from '../../src/group/threads.js';
import { normalizedVector } from '../../src/group/vectors.js';
import type { RawDocument } from '../../src/ingest/types.js';
import { doc, ELECTION_1, ELECTION_2, STRIKE_1, STRIKE_2, STRIKE_END } from './story-docs.js';

const STRIKE_GERMAN = doc('streik-1', 'Hafenarbeiter in Rotterdam streiken gegen Automatisierung', '2026-03-02', 'Hafen Zeitung', [
  'Tausende Hafenarbeiter im Hafen von Rotterdam haben am Montag die Arbeit niedergelegt und den Containerverkehr im größten Hafen Europas lahmgelegt. Sie protestieren gegen Pläne, Kräne an zwei Terminals zu automatisieren.',
  'Die Gewerkschaft FNV erklärte, rund 4.000 Mitglieder hätten sich dem Streik angeschlossen. Niek Stam, der Verhandlungsführer der Gewerkschaft, sagte, die Arbeiter würden keine Roboter ohne Garantien akzeptieren.',
]);

/** Each thread's articles by name, threads in name order. */
const APPSTORE_1 = doc('appstore-1', 'Judge orders Apple to allow outside payment links in App Store', '2026-03-02', 'Tech Wire', [
  'A federal judge in California ordered Apple on Monday to let app developers link to their own payment pages, ruling that the App Store rules broke competition law.',
  'Judge Yvonne Gonzalez Rogers said Apple could no longer charge a commission on purchases made outside its store. Epic Games, which brought the case, called the ruling a win for every developer.',
  'Apple said it strongly disagreed with the decision and would appeal to the Ninth Circuit.',
]);
const APPSTORE_2 = doc('appstore-2', 'Apple loses App Store payments case to Epic', '2026-03-02', 'Daily Ledger', [
  'Apple must stop blocking developers from steering customers to cheaper payment options, Judge Yvonne Gonzalez Rogers ruled on Monday in the long dispute with Epic Games.',
  'The order bars the commission Apple had charged on payments made through outside links. Apple said it would appeal the ruling, while Epic Games chief Tim Sweeney welcomed it.',
]);
const IPHONE_1 = doc('iphone-1', 'iPhone sales slump in China as Huawei gains', '2026-03-02', 'Daily Ledger', [
  'Apple’s iPhone sales in China fell 19 percent in the first weeks of the year, according to Counterpoint Research, as Huawei’s new phones won back buyers.',
  'Tim Cook visited Shanghai last month to meet suppliers and officials. Analysts said discounts by Apple retailers in China had not stopped the slide.',
]);
const IPHONE_2 = doc('iphone-2', 'Huawei overtakes Apple in Chinese smartphone market', '2026-03-03', 'Tech Wire', [
  'Huawei sold more smartphones than Apple in China in the first quarter for the first time in years, Counterpoint Research said on Tuesday, as iPhone shipments dropped 19 percent.',
  'Apple has cut iPhone prices on its Chinese online stores, but analysts said buyers were choosing Huawei’s Mate phones with home-grown chips.',
]);

/** Every language accepted, so what is tested is grouping (by default an article in German is left out before it). */
function threadsOf(docs: RawDocument[]): string[][] {
  const articles = cleanDocuments(docs, { languages: 'any' });
  const nameOf = new Map(articles.map((article) => [article.id, article.path.replace(/\.txt$/, '')]));
  const grouping = groupArticles(analyze(articles));
  const names = (ids: string[]) => ids.map((id) => nameOf.get(id)!).sort();
  return grouping.threads.map((thread) => names(thread.articleIds)).sort((a, b) => a.join().localeCompare(b.join()));
}

describe('story threads on a small real-shaped day', () => {
  it('keeps two stories about one country apart and joins the follow-up days later to its thread', () => {
    const threads = threadsOf([STRIKE_1, ELECTION_1, STRIKE_2, ELECTION_2, STRIKE_END]);
    expect(threads).toEqual([
      ['election-1', 'election-2'],
      ['strike-1', 'strike-2', 'strike-3'],
    ]);
  });

  it('keeps two stories about one company apart', () => {
    const threads = threadsOf([APPSTORE_1, IPHONE_1, APPSTORE_2, IPHONE_2]);
    expect(threads).toEqual([
      ['appstore-1', 'appstore-2'],
      ['iphone-1', 'iphone-2'],
    ]);
  });

  it('never puts articles in two languages into one event or thread', () => {
    const threads = threadsOf([STRIKE_1, STRIKE_2, STRIKE_GERMAN]);
    expect(threads).toEqual([['streik-1'], ['strike-1', 'strike-2']]);
  });
});

describe('groupArticles and languages', () => {
  it('never joins an article whose text is German to English reports, however many words they share', () => {
    // A German page that quotes two English paragraphs of the strike report: most of its words are the report's.
    const german = doc('streik-2', 'Hafenstreik in Rotterdam', '2026-03-02', 'Hafen Zeitung', [
      ...STRIKE_GERMAN.text.split('\n\n'),
      ...STRIKE_1.text.split('\n\n').slice(0, 2),
    ]);
    expect(threadsOf([german, STRIKE_1])).toEqual([['streik-2'], ['strike-1']]);
  });
});

describe('threadClusters needs both the subject and the actors', () => {
  const profile = (terms: [number, number][], keyEntities: string[]) => ({ vector: normalizedVector(terms), keyEntities });
  const graph = { allPairsLimit: 10, minSimilarity: 0 };

  it('keeps apart two events that share two of their five main actors but hardly a word', () => {
    // A plague case and a trade talk, both naming China and the United States among their actors.
    const plague = profile([[1, 1], [2, 1], [3, 0.2]], ['place:china', 'place:united-states', 'place:inner-mongolia', 'person:a', 'person:b']);
    const tariffs = profile([[3, 0.2], [4, 1], [5, 1]], ['place:china', 'place:united-states', 'person:c', 'person:d', 'organization:e']);
    expect(threadClusters([plague, tariffs], 0.2, graph)).toEqual([[0], [1]]);
  });

  it('joins events alike in both their words and their actors', () => {
    const talks = ['person:marco-rubio', 'person:sergei-lavrov', 'place:ukraine', 'place:russia', 'place:malaysia'];
    const call = ['person:marco-rubio', 'person:sergei-lavrov', 'place:ukraine', 'place:russia', 'place:istanbul'];
    const first = profile([[1, 1], [2, 1], [3, 1]], talks);
    const second = profile([[1, 1], [2, 1], [4, 1]], call);
    expect(threadClusters([first, second], 0.2, graph)).toEqual([[0, 1]]);
  });

  it('finds the same threads scoring only events that share a main actor as scoring every pair', () => {
    // Seeded random events: words from a small vocabulary, main actors from a small cast, so many pairs share words
    // but not actors.
    let state = 11;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
    const cast = Array.from({ length: 12 }, (_, k) => `person:p${k}`);
    const profiles = Array.from({ length: 150 }, () => ({
      vector: normalizedVector(Array.from({ length: 12 }, (): [number, number] => [Math.floor(60 * next() ** 2), 0.2 + next()])
        .filter(([term], k, all) => all.findIndex(([other]) => other === term) === k)),
      keyEntities: [...new Set(Array.from({ length: 1 + Math.floor(3 * next()) }, () => cast[Math.floor(cast.length * next())]!))],
    }));
    const everyPair = { allPairsLimit: 1000, minSimilarity: 0.05 };
    const shared = (a: readonly string[], b: readonly string[]) => b.filter((key) => a.includes(key)).length / Math.min(a.length, b.length);
    const edges = similarityGraph(profiles.map((profile) => profile.vector), {
      ...everyPair,
      cap: (a, b) => shared(profiles[a]!.keyEntities, profiles[b]!.keyEntities),
    });
    const threads = averageLinkClusters(profiles.length, edges, 0.2);
    expect(threads.some((thread) => thread.length > 1)).toBe(true);
    expect(edges.toArray().some((edge) => edge.similarity === 0)).toBe(true);
    expect(threadClusters(profiles, 0.2, everyPair)).toEqual(threads);
  });
});

describe('the brief of a thread', () => {
  it('tells the headline\'s event, the latest development, not the background of an earlier one', () => {
    const analysis = analyze(cleanDocuments([STRIKE_1, STRIKE_2, STRIKE_END]));
    const grouping = groupArticles(analysis);
    // The walkout (Monday) and its end (Thursday) as the two events of one thread.
    const ids = new Map(analysis.articles.map((a) => [a.article.path, a.article.id]));
    const walkout = [ids.get('strike-1.txt')!, ids.get('strike-2.txt')!];
    const end = [ids.get('strike-3.txt')!];
    const events = [
      { id: 'e-walkout', date: '2026-03-02', dateCertain: true, articleIds: walkout, nearDuplicates: [] },
      { id: 'e-end', date: '2026-03-05', dateCertain: true, articleIds: end, nearDuplicates: [] },
    ];
    const thread = { ...grouping.threads[0]!, events, articleIds: [...walkout, ...end] };
    const [summary] = summarize(analysis, { ...grouping, threads: [thread] });
    expect(summary!.events[0]!.id).toBe('e-end');
    expect(summary!.summary[0]!.articleIds).toEqual(end);
    expect(summary!.summary.length).toBeGreaterThan(1);
  });

  it('in a thread that wrongly holds two stories, comes from the story of the headline', () => {
    const analysis = analyze(cleanDocuments([ELECTION_1, STRIKE_1, ELECTION_2, STRIKE_2]));
    const grouping = groupArticles(analysis);
    const ids = analysis.articles.map((a) => a.article.id);
    const joined = { id: 'e-joined', date: '2026-03-02', dateCertain: true, articleIds: ids, nearDuplicates: [] };
    const thread = { ...grouping.threads[0]!, events: [joined], articleIds: ids };
    const [summary] = summarize(analysis, { ...grouping, threads: [thread] });
    // The headline is one story's title; the brief must be a sentence of that story, not of the other.
    const story = (id: string) => analysis.articles.find((a) => a.article.id === id)!.article.path.split('-')[0];
    const titled = analysis.articles.find((a) => a.article.title === summary!.headline)!;
    expect(summary!.summary.map((s) => story(s.articleIds[0]!))).toEqual(expect.arrayContaining(['strike', 'election']));
    expect(story(summary!.summary[0]!.articleIds[0]!)).toBe(titled.article.path.split('-')[0]);
  });
});
