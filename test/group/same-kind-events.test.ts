import { describe, expect, it } from 'vitest';
import { groupArticles } from '../../src/group/index.js';
import { eventSets, handMadeAnalysis, type ArticleSpec, type EntitySpec } from './fixtures.js';

// Two earthquakes, told in the same words of the trade; only places, people and figures tell them apart.
const ENTITIES: EntitySpec[] = [
  { name: 'Chile', type: 'place', variants: ['Chile'] },
  { name: 'Valparaiso', type: 'place', variants: ['Valparaiso'] },
  { name: 'Carolina Toha', type: 'person', variants: ['Carolina Toha', 'Toha'] },
  { name: 'Indonesia', type: 'place', variants: ['Indonesia'] },
  { name: 'Padang', type: 'place', variants: ['Padang'] },
  { name: 'Suharso Monoarfa', type: 'person', variants: ['Suharso Monoarfa', 'Monoarfa'] },
];

const article = (id: string, title: string, ...paragraphs: string[]): ArticleSpec => ({ id, title, paragraphs });

// Each outlet words its report its own way, as real ones do; the kind of happening gives them common words.
const ARTICLES: ArticleSpec[] = [
  article('c1', 'Earthquake kills 12 around Valparaiso',
    'A magnitude 6.4 earthquake struck near Valparaiso in central Chile on the coast, killing 12 people.',
    'Interior minister Carolina Toha said rescue teams were searching collapsed buildings in Valparaiso.'),
  article('c2', 'Chile counts the dead after Valparaiso quake',
    'Chile mourned 12 victims after the 6.4 quake flattened homes in the port city of Valparaiso.',
    'Carolina Toha told reporters the government had declared a catastrophe zone around Valparaiso.'),
  article('c3', 'Valparaiso residents sleep outdoors after 6.4 tremor',
    'Thousands in Valparaiso spent the night in the streets after the 6.4 tremor shook Chile.',
    'Toha said 12 had died and warned that aftershocks could bring down damaged walls in Valparaiso.'),
  article('i1', 'Earthquake kills 37 around Padang',
    'A magnitude 7.1 earthquake struck near Padang in western Indonesia on Sumatra, killing 37 people.',
    'Minister Suharso Monoarfa said rescue teams were digging through collapsed buildings in Padang.'),
  article('i2', 'Indonesia counts the dead after Padang quake',
    'Indonesia mourned 37 victims after the 7.1 quake brought down a hotel and a school in Padang.',
    'Suharso Monoarfa told reporters that tents and water were being flown to Padang.'),
  article('i3', 'Padang residents flee to high ground after 7.1 tremor',
    'Fearing a tsunami, thousands in Padang ran to the hills after the 7.1 tremor shook Indonesia.',
    'Monoarfa said 37 had died and that landslides had cut the roads out of Padang.'),
];

describe('groupArticles on two happenings of the same kind', () => {
  it('splits two earthquakes in different places into two events', () => {
    expect(eventSets(groupArticles(handMadeAnalysis(ARTICLES, ENTITIES)))).toEqual([
      ['c1', 'c2', 'c3'],
      ['i1', 'i2', 'i3'],
    ]);
  });

  it('would merge them without the gap split once the story cut holds both: the split is what tells them apart', () => {
    const analysis = handMadeAnalysis(ARTICLES, ENTITIES);
    const merged = eventSets(groupArticles(analysis, { splitRatio: 0, storyThreshold: 0.01 }));
    expect(merged).toEqual([['c1', 'c2', 'c3', 'i1', 'i2', 'i3']]);
    expect(eventSets(groupArticles(analysis, { storyThreshold: 0.01 }))).toEqual([
      ['c1', 'c2', 'c3'],
      ['i1', 'i2', 'i3'],
    ]);
  });

  it('joins a follow-up report days later that names the same places, people and figures', () => {
    const followUp: ArticleSpec = {
      id: 'c4',
      title: 'Valparaiso begins rebuilding after Chile earthquake',
      published: { date: '2025-03-07', source: 'page', certain: true },
      paragraphs: [
        'Five days after the 6.4 earthquake that killed 12 people around Valparaiso, Chile began clearing the rubble.',
        'Carolina Toha said the government would pay to rebuild the homes and buildings that collapsed in Valparaiso.',
        'Lawmakers approved a reconstruction fund, and insurers welcomed the plan.',
      ],
    };
    const dated = ARTICLES.map((spec): ArticleSpec => ({
      ...spec,
      published: { date: spec.id.startsWith('c') ? '2025-03-02' : '2025-03-03', source: 'page', certain: true },
    }));
    expect(eventSets(groupArticles(handMadeAnalysis([...dated, followUp], ENTITIES)))).toEqual([
      ['c1', 'c2', 'c3', 'c4'],
      ['i1', 'i2', 'i3'],
    ]);
  });

  it('puts a one-sentence brief with the reports of its happening', () => {
    const brief = article('c5', 'Chile quake toll 12', 'Chile said 12 people died when a 6.4 earthquake hit Valparaiso, minister Carolina Toha said.');
    expect(eventSets(groupArticles(handMadeAnalysis([...ARTICLES, brief], ENTITIES)))).toEqual([
      ['c1', 'c2', 'c3', 'c5'],
      ['i1', 'i2', 'i3'],
    ]);
  });
});
