import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { cleanDocuments } from '../../src/clean/index.js';
import { groupArticles } from '../../src/group/index.js';
import type { Grouping } from '../../src/group/types.js';
import { ingest } from '../../src/ingest/index.js';
import { handMadeAnalysis, seedArticles, SEED_ENTITIES, type ArticleSpec } from './fixtures.js';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

/** Event membership as sorted lists of short ids ("000"), sorted, so groupings compare regardless of order. */
function eventSets(grouping: Grouping): string[][] {
  return grouping.threads
    .flatMap((thread) => thread.events.map((event) => event.articleIds.map((id) => id.slice(0, 3)).sort()))
    .sort((a, b) => a.join().localeCompare(b.join()));
}

const EXPECTED_SEED_EVENTS = [['000', '001', '002'], ['003'], ['004']];

describe('groupArticles on the seeds', () => {
  it('finds one thread with the Kuala Lumpur meeting, the June call and the March call (real pipeline)', async () => {
    const read = await ingest([SEEDS]);
    const grouping = groupArticles(analyze(cleanDocuments(read.documents)));
    expect(grouping.threads).toHaveLength(1);
    expect(eventSets(grouping)).toEqual(EXPECTED_SEED_EVENTS);
    const [latest, june, march] = grouping.threads[0]!.events;
    expect(latest).toMatchObject({ date: '2025-07-10', dateCertain: true });
    expect(june).toMatchObject({ date: '2025-06-01', dateCertain: true });
    expect(march!.date?.slice(0, 7)).toBe('2025-03');
    expect(march!.dateCertain).toBe(false);
    expect(grouping.threads[0]!.articleIds).toHaveLength(5);
  });

  it('finds the same events from hand-made analyses shaped like the seeds', () => {
    const grouping = groupArticles(handMadeAnalysis(seedArticles(), SEED_ENTITIES));
    expect(grouping.threads).toHaveLength(1);
    expect(eventSets(grouping)).toEqual(EXPECTED_SEED_EVENTS);
  });

  it('gives deterministic ids derived from the article ids', () => {
    const grouping = groupArticles(handMadeAnalysis(seedArticles(), SEED_ENTITIES));
    const ids = [grouping.threads[0]!.id, ...grouping.threads[0]!.events.map((event) => event.id)];
    for (const id of ids) expect(id).toMatch(/^[et]-[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(groupArticles(handMadeAnalysis(seedArticles(), SEED_ENTITIES))).toEqual(grouping);
  });

  it('returns the same groups and ids whatever order the articles come in', () => {
    const specs = seedArticles();
    const forward = groupArticles(handMadeAnalysis(specs, SEED_ENTITIES));
    for (const order of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 4, 2]]) {
      const shuffled = order.map((index) => specs[index]!);
      expect(groupArticles(handMadeAnalysis(shuffled, SEED_ENTITIES))).toEqual(forward);
    }
  });
});

describe('groupArticles rules', () => {
  it('groups only articles with status ok', () => {
    const specs: ArticleSpec[] = seedArticles().map((spec) => (spec.id === '004' ? { ...spec, status: 'error-page' } : spec));
    const grouping = groupArticles(handMadeAnalysis(specs, SEED_ENTITIES));
    expect(grouping.threads.flatMap((thread) => thread.articleIds)).not.toContain('004');
    expect(grouping.threads.flatMap((thread) => thread.articleIds)).toHaveLength(4);
  });

  it('returns no threads when nothing is ok', () => {
    const specs = seedArticles().map((spec): ArticleSpec => ({ ...spec, status: 'paywalled' }));
    expect(groupArticles(handMadeAnalysis(specs, SEED_ENTITIES))).toEqual({ threads: [] });
  });

  it('records a copied article as a near-duplicate of the original and keeps it in the same event', () => {
    const specs = seedArticles();
    const original = specs.find((spec) => spec.id === '002')!;
    // The same wire copy in another outlet: its own header line and a trimmed last paragraph.
    const copy: ArticleSpec = {
      id: '009',
      title: 'Another outlet: US frustrated with Russia over Ukraine',
      paragraphs: ['Reporting by our correspondents.', ...original.paragraphs.slice(0, -1)],
    };
    const grouping = groupArticles(handMadeAnalysis([...specs, copy], SEED_ENTITIES));
    const event = grouping.threads.flatMap((thread) => thread.events).find((e) => e.articleIds.includes('009'))!;
    expect(event.articleIds).toEqual(['000', '001', '002', '009']);
    expect(event.nearDuplicates).toEqual([['009', '002']]);
  });

  it('does not let copies change the other groups (a copy counts once)', () => {
    const specs = seedArticles();
    const original = specs.find((spec) => spec.id === '003')!;
    const copies: ArticleSpec[] = ['007', '008', '009'].map((id) => ({ ...original, id }));
    const grouping = groupArticles(handMadeAnalysis([...specs, ...copies], SEED_ENTITIES));
    const sets = eventSets(grouping);
    expect(sets).toEqual([['000', '001', '002'], ['003', '007', '008', '009'], ['004']]);
  });

  it('keeps unrelated stories in separate threads', () => {
    const specs: ArticleSpec[] = [
      ...seedArticles(),
      {
        id: '010',
        title: 'Heavy rains flood Valencia suburbs',
        paragraphs: [
          'Torrential rain flooded several suburbs of Valencia on Tuesday, forcing hundreds of residents to leave their homes.',
          'Spain’s weather agency recorded 180 litres of rain per square metre in eight hours, the heaviest fall in decades.',
          'Emergency crews rescued drivers trapped in cars as the Turia overflowed its banks.',
        ],
      },
    ];
    const entities = [...SEED_ENTITIES, { name: 'Valencia', type: 'place' as const, variants: ['Valencia'] }];
    const grouping = groupArticles(handMadeAnalysis(specs, entities));
    expect(grouping.threads).toHaveLength(2);
    expect(grouping.threads[0]!.articleIds).toHaveLength(5);
    expect(grouping.threads[1]!.articleIds).toEqual(['010']);
  });

  it('puts every article in exactly one event of exactly one thread', () => {
    const grouping = groupArticles(handMadeAnalysis(seedArticles(), SEED_ENTITIES));
    const fromEvents = grouping.threads.flatMap((thread) => thread.events.flatMap((event) => event.articleIds));
    expect(fromEvents.sort()).toEqual(['000', '001', '002', '003', '004']);
    for (const thread of grouping.threads) {
      expect(thread.articleIds).toEqual(thread.events.flatMap((event) => event.articleIds).sort());
    }
  });

  it('finds the same events when candidates are blocked instead of compared all pairs', () => {
    const analysis = handMadeAnalysis(seedArticles(), SEED_ENTITIES);
    expect(eventSets(groupArticles(analysis, { allPairsLimit: 0 }))).toEqual(eventSets(groupArticles(analysis)));
  });

  it('splits everything apart at unreachable thresholds and merges everything at zero', () => {
    const analysis = handMadeAnalysis(seedArticles(), SEED_ENTITIES);
    expect(eventSets(groupArticles(analysis, { eventThreshold: 1.01, storyThreshold: 1.01 }))).toHaveLength(5);
    expect(eventSets(groupArticles(analysis, { eventThreshold: 0, storyThreshold: 0 }))).toHaveLength(1);
  });
});
