import { describe, expect, it } from 'vitest';
import { groupArticles } from '../../src/group/index.js';
import { eventSets, handMadeAnalysis, type ArticleSpec, type EntitySpec } from './fixtures.js';

// One champion defends his title twice, against two challengers in two cities: the reports share the champion,
// his titles and the words of the trade; only the challenger, the venue and the round tell the nights apart.
const ENTITIES: EntitySpec[] = [
  { name: 'Marek Dvorak', type: 'person', variants: ['Marek Dvorak', 'Dvorak'] },
  { name: 'Leon Hart', type: 'person', variants: ['Leon Hart', 'Hart'] },
  { name: 'Hamburg', type: 'place', variants: ['Hamburg'] },
  { name: 'Sam Okoro', type: 'person', variants: ['Sam Okoro', 'Okoro'] },
  { name: 'Dusseldorf', type: 'place', variants: ['Dusseldorf'] },
  { name: 'Lisbon', type: 'place', variants: ['Lisbon'] },
  { name: 'Emil Brandt', type: 'person', variants: ['Emil Brandt', 'Brandt'] },
  { name: 'Germany', type: 'place', variants: ['Germany'] },
  { name: 'Ana Reis', type: 'person', variants: ['Ana Reis', 'Reis'] },
];

const article = (id: string, title: string, ...paragraphs: string[]): ArticleSpec => ({ id, title, paragraphs });

const ARTICLES: ArticleSpec[] = [
  article('h1', 'Dvorak stops Hart in round 7 to keep his heavyweight titles',
    'Marek Dvorak stopped Leon Hart in the seventh round in Hamburg to keep his heavyweight titles.',
    'The champion from Germany dropped Hart twice before the referee waved it off, said his trainer Emil Brandt.'),
  article('h2', 'Dvorak retains heavyweight belts with seventh-round stoppage of Hart',
    'Heavyweight champion Marek Dvorak retained his belts by stopping Leon Hart in the seventh round in Hamburg.',
    'Dvorak, trained by Emil Brandt, stays unbeaten in Germany; Hart was saved by the referee after a left hook.'),
  article('h3', 'Hart no match for Dvorak in Hamburg',
    'Leon Hart was no match for Marek Dvorak, who kept his heavyweight titles with a seventh-round stoppage in Hamburg.',
    'Dvorak thanked Emil Brandt and the crowd of Germany for the win.'),
  article('o1', 'Dvorak stops Okoro in round 4 to keep his heavyweight titles',
    'Marek Dvorak stopped Sam Okoro in the fourth round in Dusseldorf to keep his heavyweight titles.',
    'The champion from Germany dropped Okoro with a right hand before the referee waved it off, said his trainer Emil Brandt.'),
  article('o2', 'Dvorak retains heavyweight belts with fourth-round stoppage of Okoro',
    'Heavyweight champion Marek Dvorak retained his belts by stopping Sam Okoro in the fourth round in Dusseldorf.',
    'Dvorak, trained by Emil Brandt, stays unbeaten in Germany; Okoro was saved by the referee after a right hand.'),
  article('o3', 'Okoro no match for Dvorak in Dusseldorf',
    'Sam Okoro was no match for Marek Dvorak, who kept his heavyweight titles with a fourth-round stoppage in Dusseldorf.',
    'Dvorak thanked Emil Brandt and the crowd of Germany for the win.'),
  // An unrelated story, so the champion's and the trade's words are not the whole vocabulary.
  article('x1', 'Lisbon opens new metro line',
    'Lisbon opened a new metro line on Monday, linking the airport to the old town.',
    'Mayor Ana Reis said the line would carry 80,000 passengers a day.'),
];

describe('cores of two look-alike happenings', () => {
  it('keeps two title defences of one champion apart, though their leads share the champion and the template', () => {
    expect(eventSets(groupArticles(handMadeAnalysis(ARTICLES, ENTITIES)))).toEqual([
      ['h1', 'h2', 'h3'],
      ['o1', 'o2', 'o3'],
      ['x1'],
    ]);
  });
});
