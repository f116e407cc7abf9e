import { describe, expect, it } from 'vitest';
import type { Sentence } from '../../src/analyze/types.js';
import { summarizeSentences } from '../../src/summarize/extractive.js';
import { sentencesOf, wordCount } from './helpers.js';

const outletA = sentencesOf('a', [
  'US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Kuala Lumpur on Thursday.',
  'The two diplomats discussed a possible peace deal for Ukraine during the regional summit.',
  'Rubio said Lavrov shared a new idea on Ukraine that he would take back to the president.',
  'He added that the idea would not automatically lead to peace in the region.',
  'However, the Kremlin said it was still open to more ceasefire talks with Ukraine.',
  'Is this the end of the war?',
]);
const outletB = sentencesOf('b', [
  'US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Kuala Lumpur on Thursday morning.',
  'Russia launched hundreds of drones and missiles at Kyiv overnight before the diplomats met.',
  'The Ukrainian air force said Russia had fired a record number of drones at the capital.',
]);
const outletC = sentencesOf('c', [
  'Rubio and Lavrov spoke by telephone in March about the next steps to end the war in Ukraine.',
  'The State Department said the pair agreed to continue working on restoring communication.',
]);
const all: Sentence[] = [...outletA, ...outletB, ...outletC];
const dates: Record<string, string> = { a: '2025-07-10', b: '2025-07-10', c: '2025-03-16' };
const dateOf = (id: string): string | null => dates[id] ?? null;

describe('summarizeSentences', () => {
  it('respects the word cap and cites only the articles it read', () => {
    for (const cap of [15, 30, 60, 200]) {
      const summary = summarizeSentences(all, cap, { dateOf });
      const words = summary.reduce((sum, sentence) => sum + wordCount(sentence.text), 0);
      expect(words).toBeLessThanOrEqual(cap);
      for (const sentence of summary) {
        expect(sentence.articleIds.length).toBeGreaterThan(0);
        for (const id of sentence.articleIds) expect(['a', 'b', 'c']).toContain(id);
      }
    }
  });

  it('selects something when the cap allows it', () => {
    expect(summarizeSentences(all, 60, { dateOf }).length).toBeGreaterThan(0);
  });

  it('merges a near-copy across outlets into one sentence that carries both ids', () => {
    const summary = summarizeSentences(all, 200, { dateOf });
    const meeting = summary.filter((sentence) => sentence.text.includes('Kuala Lumpur on Thursday'));
    expect(meeting).toHaveLength(1);
    expect([...meeting[0]!.articleIds].sort()).toEqual(['a', 'b']);
  });

  it('never repeats a sentence', () => {
    const doubled = [...all, ...sentencesOf('d', outletA.map((sentence) => sentence.text))];
    const summary = summarizeSentences(doubled, 300, { dateOf });
    const texts = summary.map((sentence) => sentence.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('orders sentences chronologically by event date, then by position', () => {
    const summary = summarizeSentences(all, 300, { dateOf });
    const firstDates = summary.map((sentence) => dateOf(sentence.articleIds[0]!)!);
    expect([...firstDates].sort()).toEqual(firstDates);
    expect(firstDates[0]).toBe('2025-03-16');
  });

  it('skips questions, drops connectives, and resolves or skips pronoun-led sentences', () => {
    const without = summarizeSentences(all, 300, { dateOf }).map((sentence) => sentence.text);
    expect(without.some((text) => text.endsWith('?'))).toBe(false);
    expect(without.some((text) => /^(However|He)\b/.test(text))).toBe(false);
    expect(without).toContain('The Kremlin said it was still open to more ceasefire talks with Ukraine.');

    const personBefore = (sentence: Sentence): string | null =>
      sentence.articleId === 'a' && sentence.index === 3 ? 'Rubio' : null;
    const withPeople = summarizeSentences(all, 300, { dateOf, personBefore }).map((sentence) => sentence.text);
    expect(withPeople).toContain('Rubio added that the idea would not automatically lead to peace in the region.');
  });

  it('favours what several outlets say over one outlet dwelling on its own angle', () => {
    const shared = ['a', 'b', 'c'].flatMap((id) =>
      sentencesOf(id, [`Diplomats from both countries met for peace talks on the war in the capital, report ${id} said.`]),
    );
    const digression = sentencesOf('d', [
      'Storm rain and storm wind hit the coast, and rain and wind kept the coast shut.',
      'The storm brought rain and wind; coast towns saw storm rain and wind all night.',
      'Rain and wind from the storm battered the coast, and the storm left coast roads wet.',
    ]);
    const input = [...digression, ...shared];
    const pick = (coverageWeight?: number): string =>
      summarizeSentences(input, 17, { coverageWeight, positionScale: 1000 })[0]!.text;
    expect(pick()).toMatch(/peace talks/);
    expect(pick(0)).toMatch(/storm/);
  });

  it('is deterministic', () => {
    const first = summarizeSentences(all, 80, { dateOf });
    const second = summarizeSentences([...all], 80, { dateOf });
    expect(second).toEqual(first);
  });

  it('returns nothing for no input or a cap too small for any sentence', () => {
    expect(summarizeSentences([], 100)).toEqual([]);
    expect(summarizeSentences(all, 3)).toEqual([]);
  });
});
