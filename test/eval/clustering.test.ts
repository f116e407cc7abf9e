import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirSync } from '../helpers.js';
import type { CleanArticle } from '../../src/clean/types.js';
import {
  bcubed,
  clusteringMetrics,
  detokenize,
  evaluateClustering,
  pairwise,
  predictionsFromGrouping,
  type ClusteringItem,
} from '../../src/eval/clustering.js';

describe('bcubed and pairwise', () => {
  // Predicted {0,1,2} {3,4}; gold {0,1} {2,3,4}.
  const predicted = ['A', 'A', 'A', 'B', 'B'];
  const gold = ['x', 'x', 'y', 'y', 'y'];

  it('computes B-cubed as the mean per-item precision and recall', () => {
    // Precision per item: 2/3, 2/3, 1/3, 1, 1; recall: 1, 1, 1/3, 2/3, 2/3.
    const scores = bcubed(predicted, gold);
    expect(scores.precision).toBeCloseTo(11 / 15, 10);
    expect(scores.recall).toBeCloseTo(11 / 15, 10);
    expect(scores.f1).toBeCloseTo(11 / 15, 10);
  });

  it('computes pairwise precision and recall over item pairs', () => {
    // Predicted pairs: 3 + 1; gold pairs: 1 + 3; shared: (0,1) and (3,4).
    expect(pairwise(predicted, gold)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('scores a perfect labelling 1 and all-singletons with full precision only', () => {
    expect(bcubed(gold, gold).f1).toBe(1);
    const singletons = bcubed(['a', 'b', 'c', 'd', 'e'], gold);
    expect(singletons.precision).toBe(1);
    expect(singletons.recall).toBeCloseTo((1 / 2 + 1 / 2 + 1 / 3 + 1 / 3 + 1 / 3) / 5, 10);
  });
});

describe('detokenize', () => {
  it('rejoins punctuation, quotes, contractions, hyphens and URL lines', () => {
    const text = [
      'http : / / www . example . com / news / 2013 / quake . html',
      "Officials said `` it was a 6 . 1 magnitude quake '' , and the city 's mayor did n't comment .",
      'The 90 - day stay ( court - ordered ) began at 4 : 59 PM .',
      'Published June 13 , 2013 . In all 1 , 343 people were hurt .',
    ].join('\n');
    expect(detokenize(text).split('\n\n')).toEqual([
      'http://www.example.com/news/2013/quake.html',
      'Officials said "it was a 6.1 magnitude quake", and the city\'s mayor didn\'t comment.',
      'The 90-day stay (court-ordered) began at 4:59 PM.',
      'Published June 13, 2013. In all 1,343 people were hurt.',
    ]);
  });
});

describe('predictionsFromGrouping', () => {
  const items: ClusteringItem[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: '', event: 'e', topic: 't' }));
  const article = (path: string, status: CleanArticle['status'], duplicateOf?: string) =>
    ({ id: `id-${path}`, path, status, duplicateOf }) as CleanArticle;

  it('maps grouped articles to their event and thread, duplicates to their original, the rest alone', () => {
    const grouping = {
      threads: [
        {
          id: 't-1',
          articleIds: ['id-a', 'id-b'],
          events: [{ id: 'e-1', date: null, dateCertain: false, articleIds: ['id-a', 'id-b'], nearDuplicates: [] }],
          link: { names: [], terms: [] },
        },
      ],
    };
    const articles = [article('a', 'ok'), article('b', 'ok'), article('c', 'duplicate', 'id-a'), article('d', 'too-short')];
    expect(predictionsFromGrouping(items, articles, grouping)).toEqual({
      a: { event: 'e-1', thread: 't-1' },
      b: { event: 'e-1', thread: 't-1' },
      c: { event: 'e-1', thread: 't-1' },
      d: { event: 'alone-d', thread: 'alone-d' },
    });
  });

  it('names every metric the report promises', () => {
    const predictions = Object.fromEntries(items.map((item) => [item.id, { event: 'x', thread: 'y' }]));
    const metrics = clusteringMetrics(items, predictions);
    for (const name of ['bcubed.precision', 'bcubed.recall', 'bcubed.f1', 'pairwise.f1', 'thread.bcubed.f1', 'thread.event.bcubed.f1']) {
      expect(metrics[name]).toBe(1);
    }
  });
});

/** Tokenized like the ECB+ file (spaces before punctuation); each long enough for the cleaner's minimum. */
const CHILE_A = [
  'Strong quake rattles Valparaiso',
  'A magnitude 6 . 4 earthquake struck near the Chilean port of Valparaiso on Tuesday , damaging homes and cutting power to thousands , officials said .',
  'Rescue teams in Valparaiso searched two collapsed buildings through the night , and the interior ministry said 12 people were injured .',
  "Chile 's navy ruled out a tsunami , but schools along the coast will stay closed while engineers inspect them .",
  'The quake was the strongest to hit the central coast in a decade , the national seismological centre said .',
].join('\n');
const CHILE_B = [
  'Chile counts damage after Valparaiso earthquake',
  "Residents of Valparaiso swept glass from the streets on Wednesday after Tuesday 's magnitude 6 . 4 quake , which injured 12 people in the Chilean city .",
  "The navy said there was no tsunami risk , and President Boric flew to Valparaiso to meet families whose homes had collapsed .",
  'Power was restored to most of the port by the afternoon , the energy company said .',
  'Seismologists said the fault that moved runs under the bay and warned that aftershocks could go on for weeks .',
].join('\n');
const JAPAN_A = [
  'Kumamoto hit by deadly earthquake',
  'A magnitude 7 . 0 earthquake shook Kumamoto in southern Japan on Saturday , killing at least 9 people and toppling houses and a castle wall .',
  'Prime Minister Kishida said troops had been sent to Kumamoto , where thousands of residents spent the night in school gyms .',
  'Bullet train services on the Kyushu line were suspended while tracks were checked for damage .',
  'The meteorological agency warned residents to expect strong aftershocks for at least a week .',
].join('\n');
const JAPAN_B = [
  'Rescuers dig through rubble in Kumamoto',
  'Soldiers and firefighters searched for survivors in Kumamoto on Sunday after the magnitude 7 . 0 quake that killed 9 people in Japan .',
  'Kishida told parliament the government would fund repairs to Kumamoto castle and to the thousands of damaged homes on Kyushu .',
  'Aftershocks kept many residents in shelters , and the Kyushu rail line remained closed .',
  'Volunteers from across the island handed out water and rice balls at the shelters , local television showed .',
].join('\n');

describe('evaluateClustering', () => {
  it('runs clean, analyze and group on the records and scores them', async () => {
    const records: ClusteringItem[] = [
      { id: 'q1', text: CHILE_A, event: 'chile', topic: 'quake' },
      { id: 'q2', text: JAPAN_A, event: 'japan', topic: 'quake' },
      { id: 'q3', text: CHILE_B, event: 'chile', topic: 'quake' },
      { id: 'q4', text: JAPAN_B, event: 'japan', topic: 'quake' },
    ];
    const dir = tempDirSync('clustering-eval-');
    // Named like the eval set, so the report carries that set's reference point.
    const data = join(dir, 'ecbplus.jsonl');
    writeFileSync(data, records.map((record) => JSON.stringify(record)).join('\n'));
    const report = await evaluateClustering({ data }).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(report.task).toBe('clustering');
    expect(report.items).toBe(4);
    expect(Object.keys(report.predictions as object).sort()).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(report.metrics['bcubed.f1']).toBe(1);
    expect(report.baselines[0]!.metrics['bcubed.f1']).toBe(0.87);
    // One topic has no second half to score apart.
    expect(report.metrics['half1.bcubed.f1']).toBeUndefined();
  });

  it('scores each topic half grouped alone beside the whole set', async () => {
    const records = [
      { id: 'q1', text: CHILE_A, event: 'chile', topic: 'chile-quake' },
      { id: 'q2', text: JAPAN_A, event: 'japan', topic: 'japan-quake' },
      { id: 'q3', text: CHILE_B, event: 'chile', topic: 'chile-quake' },
      { id: 'q4', text: JAPAN_B, event: 'japan', topic: 'japan-quake' },
    ];
    const dir = tempDirSync('clustering-eval-');
    try {
      const data = join(dir, 'mixed-day.jsonl');
      writeFileSync(data, records.map((record) => JSON.stringify(record)).join('\n'));
      const report = await evaluateClustering({ data });
      expect(report.metrics['half1.bcubed.f1']).toBe(1);
      expect(report.metrics['half2.bcubed.f1']).toBe(1);
      expect(report.baselines[0]!.metrics['bcubed.f1']).toBe(0.9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
