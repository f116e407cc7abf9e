import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFigures, extractQuantities, figureCandidates, labelFor, whyNotKeyFigure } from '../../../src/analyze/figures/index.js';
import { sentenceFacts } from '../../../src/analyze/figures/keyFigure.js';
import { startsWithPunctuation } from '../../../src/analyze/figures/label.js';
import type { Figure, Sentence } from '../../../src/analyze/types.js';

const seedDir = new URL('../../../seeds/', import.meta.url).pathname;

/** Naive sentence split of a seed text, as a stand-in for the analyze stage's splitter. */
function seedSentences(prefix: string): Sentence[] {
  const file = readdirSync(seedDir).find((f) => f.startsWith(prefix))!;
  const text = readFileSync(join(seedDir, file), 'utf8');
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((t) => t.trim() !== '')
    .map((t, index) => ({ articleId: prefix, index, paragraph: 0, text: t }));
}

function sentencesOf(...texts: string[]): Sentence[] {
  return texts.map((text, index) => ({ articleId: 'x', index, paragraph: 0, text }));
}

function find(figures: Figure[], surface: string): Figure {
  const f = figures.find((x) => x.surface === surface);
  expect(f, `${surface} in ${figures.map((x) => x.surface).join(', ')}`).toBeDefined();
  return f!;
}

describe('extractFigures on the seeds', () => {
  const f000 = extractFigures(seedSentences('000'));
  const f002 = extractFigures(seedSentences('002'));
  const f003 = extractFigures(seedSentences('003'));

  it('finds the attack counts with their labels', () => {
    expect(find(f000, '415')).toMatchObject({ value: 415, unit: null, label: 'drones and missiles' });
    expect(find(f000, '741').label).toContain('drones and missiles');
    expect(find(f000, '232')).toMatchObject({ value: 232, label: 'people killed' });
    expect(find(f000, '1,343')).toMatchObject({ value: 1343, label: 'wounded' });
  });

  it('finds the pledges with currency and magnitude', () => {
    const pledge = find(f002, '€10bn');
    expect(pledge).toMatchObject({ value: 10e9, unit: 'EUR', kind: 'money' });
    expect(pledge.label).toContain('rebuild Ukraine');
    expect(find(f002, '€2.3bn')).toMatchObject({ value: 2.3e9, unit: 'EUR', label: 'funding' });
    expect(find(f002, '€506bn').label).toMatch(/cost/);
  });

  it('keeps the casualty verb so conflicting tolls can be compared', () => {
    expect(find(f000, '16').label).toBe('people wounded');
    expect(find(f002, '23').label).toBe('people injured');
  });

  it('drops a bracketed currency conversion', () => {
    expect(f002.find((f) => f.surface === '£8.6bn')).toBeUndefined();
  });

  it('finds the evacuees and the ceasefire length', () => {
    expect(find(f003, '371').value).toBe(371);
    expect(find(f003, '30-day')).toMatchObject({ value: 30, unit: 'day', label: 'ceasefire' });
  });

  it('ranks money and big counts above ages and years', () => {
    // Years are never key figures; among all candidates they still rank low.
    const all000 = figureCandidates(seedSentences('000'));
    const rank = (fs: Figure[], surface: string) => fs.findIndex((f) => f.surface === surface);
    expect(rank(all000, '415')).toBeLessThan(rank(all000, '22-year-old'));
    expect(rank(all000, '415')).toBeLessThan(rank(all000, '2023'));
    expect(find(f002, '€10bn').score).toBeGreaterThan(find(f000, '22-year-old').score);
    expect(find(f002, '€10bn').score).toBeGreaterThan(find(all000, '2023').score);
    expect(find(all000, '2023').kind).toBe('year');
    expect(f000.some((f) => f.surface === '2023')).toBe(false);
    expect(find(f000, '22-year-old').kind).toBe('age');
  });

  it('is sorted by score and deterministic', () => {
    const scores = f002.map((f) => f.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(extractFigures(seedSentences('002'))).toEqual(f002);
  });
});

describe('extractFigures labels and scores', () => {
  it('labels "371 of its civilians" with the civilians', () => {
    const [f] = extractFigures(sentencesOf('Russia said it has moved to safety 371 of its civilians from areas it retook.'));
    expect(f).toMatchObject({ value: 371, label: 'civilians' });
  });

  it('keeps the article id and sentence of each figure', () => {
    const [f] = extractFigures([{ articleId: 'a-1', index: 7, paragraph: 2, text: 'Prices rose 20% in May.' }]);
    expect(f).toMatchObject({ articleId: 'a-1', sentenceIndex: 7, text: 'Prices rose 20% in May.', unit: 'percent' });
  });

  it('scores trivia small counts below casualties and money', () => {
    const fs = figureCandidates(sentencesOf(
      'It was the second time two diplomats met.',
      'The strike killed 12 people.',
      'Donors pledged $3 billion.',
    ));
    const diplomats = find(fs, 'two');
    expect(find(fs, '12').score).toBeGreaterThan(diplomats.score);
    expect(find(fs, '$3 billion').score).toBeGreaterThan(diplomats.score);
    expect(fs.some((f) => f.kind === 'ordinal')).toBe(false);
  });

  it('omits dates and keeps a repeated figure once', () => {
    const fs = extractFigures(sentencesOf('On June 1 the army said 500 troops moved.', 'On June 1 the army said 500 troops moved.'));
    expect(fs.map((f) => f.surface)).toEqual(['500']);
  });
});

describe('extractFigures filtering', () => {
  it('leaves out small bare numbers that count nothing', () => {
    const fs = extractFigures(sentencesOf('See chapter 2.', 'The fund holds $5 million.'));
    expect(fs.map((f) => f.surface)).toEqual(['$5 million']);
  });
});

describe('sentence-wide rules read once per sentence', () => {
  const sentences = [
    'Call +44 20 7946 0958 to report the 300 people missing.',
    'Call (555) 123-4567 or 555-123-4567 about the 40 flights.',
    'Davis 17 points.',
    'Save 40% today on 300 items from the shop.',
    '3a etapa: 22 de abril en la ciudad de 300 habitantes',
    'The strike killed 12 people and wounded 1,343 more in 2011.',
  ];

  it('gives each quantity the reason it gets when the sentence is read for it alone', () => {
    for (const text of sentences) {
      const facts = sentenceFacts(text);
      for (const quantity of extractQuantities(text)) {
        const input = { text, quantity, label: labelFor(text, quantity), pastYears: [2011], publishedYear: 2025 };
        expect(whyNotKeyFigure(input, facts), `${quantity.surface} in ${text}`).toBe(whyNotKeyFigure(input));
      }
    }
  });

  it('drops only the quantity inside a phone number', () => {
    const reasons = figureCandidates(sentencesOf(sentences[0]!)).map((f) => [f.surface, f.dropped ?? null]);
    expect(reasons).toContainEqual(['300', null]);
    expect(reasons.filter(([, reason]) => reason === 'phone-number').length).toBeGreaterThan(0);
  });
});

describe('labels next to web addresses and marks', () => {
  const labelsOf = (text: string) => extractQuantities(text).map((q) => [q.surface, labelFor(text, q)]);

  it('ends a label at an address with a slash or "www."', () => {
    expect(labelsOf('Fans sent 25 snaps pic.twitter.com/3BDnrvkoms from the stadium.')).toEqual([['25', 'snaps']]);
    expect(labelsOf('The agency said 40 www.example.com readers complained.')).toEqual([['40', '']]);
    // Addresses are written in lower case; capitals are words.
    expect(labelsOf('The agency said 40 WWW.EXAMPLE.COM readers complained.')).toEqual([['40', 'WWW']]);
  });

  it('reads letters of any script as words and other marks as punctuation', () => {
    expect(labelsOf('Police arrested 12 «protesters» near the square.')).toEqual([['12', '']]);
    expect(labelsOf('Officials counted 300 élèves and 20 Ωmega units.')).toEqual([['300', 'élèves'], ['20', 'Ωmega units']]);
    expect(labelsOf('They found 7 𝒜stral objects and 9 😀 faces.')).toEqual([['7', '𝒜stral objects'], ['9', '']]);
  });

  it('tells punctuation as the pattern it replaces does', () => {
    const pattern = (word: string) => !/^[\p{L}\p{M}\d]/u.test(word);
    for (const word of ['a', 'Z', '0', '9', '.', ',', '(', '«', '’', '-', 'é', 'Ω', '\u0301x', '𝒜x', '😀', '٣', '\ud835', '\u00a0', '€', '½', '_', '@']) {
      expect(startsWithPunctuation(word), JSON.stringify(word)).toBe(pattern(word));
    }
  });
});
