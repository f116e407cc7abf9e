import { describe, expect, it } from 'vitest';
import { droppedFigures, sameFigure, threadFigures } from '../../src/summarize/figures.js';
import { figure } from './helpers.js';

describe('threadFigures', () => {
  it('counts the same value about the same thing once, keeping the earliest article', () => {
    const figures = [
      figure({ articleId: 'late', value: 415, label: 'drone and missile strikes', score: 5 }),
      figure({ articleId: 'early', value: 415, label: 'drones and missiles', score: 5 }),
      figure({ articleId: 'early', value: 9, label: 'regions hit', score: 4 }),
    ];
    const top = threadFigures(figures, ['early', 'late']);
    expect(top.map((item) => item.value)).toEqual([415, 9]);
    expect(top[0]!.articleId).toBe('early');
  });

  it('counts one amount of money once whatever words surround it', () => {
    const figures = [
      figure({ articleId: 'a', value: 20e6, unit: 'EUR', kind: 'money', label: 'a day', score: 6 }),
      figure({ articleId: 'b', value: 20e6, unit: 'EUR', kind: 'money', label: 'losses from the strike', score: 6 }),
      figure({ articleId: 'b', value: 20e6, unit: 'USD', kind: 'money', label: 'losses from the strike', score: 6 }),
    ];
    expect(threadFigures(figures, ['a', 'b']).map((item) => `${item.unit}:${item.articleId}`)).toEqual(['EUR:a', 'USD:b']);
  });

  it('ranks a figure other outlets corroborate, even approximately, above a lone one of equal score', () => {
    const figures = [
      figure({ articleId: 'a', value: 741, label: 'long-range drones and missiles', score: 6 }),
      figure({ articleId: 'a', value: 14, label: 'children moved', score: 6.5 }),
      figure({ articleId: 'b', value: 700, label: 'drones and missiles launched', score: 6, text: 'A strike saw more than 700 drones and missiles launched.' }),
    ];
    const top = threadFigures(figures, ['a', 'b']);
    expect(top.map((item) => item.value)).toEqual([741, 14]);
  });

  it('leaves out figures outlets disagree on', () => {
    const figures = [
      figure({ articleId: 'a', value: 16, label: 'people wounded', score: 9 }),
      figure({ articleId: 'a', value: 371, label: 'people moved', score: 5 }),
    ];
    const disputed = [{ about: 'people injured', values: [{ value: 16, unit: null, text: '', articleId: 'a' }] }];
    expect(threadFigures(figures, ['a'], 8, disputed).map((item) => item.value)).toEqual([371]);
    expect(threadFigures(figures, ['a'], 8).map((item) => item.value)).toEqual([16, 371]);
  });

  it('keeps equal values that count different things', () => {
    expect(
      sameFigure(
        figure({ articleId: 'a', value: 2, label: 'people killed' }),
        figure({ articleId: 'b', value: 2, label: 'people wounded' }),
      ),
    ).toBe(false);
    expect(
      sameFigure(
        figure({ articleId: 'a', value: 10, unit: 'EUR', label: 'pledged to rebuild Ukraine' }),
        figure({ articleId: 'b', value: 10, unit: 'USD', label: 'pledged to rebuild Ukraine' }),
      ),
    ).toBe(false);
  });

  it('ranks by score, drops years and caps the list', () => {
    const figures = Array.from({ length: 12 }, (_unused, index) =>
      figure({ articleId: 'a', value: index + 1, label: `thing ${index}`, score: index }),
    );
    figures.push(figure({ articleId: 'a', value: 2025, label: 'year', kind: 'year', score: 100 }));
    const top = threadFigures(figures, ['a'], 8);
    expect(top).toHaveLength(8);
    expect(top.map((item) => item.score)).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
  });
});

describe('droppedFigures', () => {
  it('keeps numbers that are not key figures out of the thread and lists those that would have ranked, with the rule', () => {
    const figures = [
      figure({ articleId: 'a', value: 375000, label: 'people', score: 8 }),
      figure({ articleId: 'a', value: 911, label: 'calls', score: 7, dropped: 'emergency-number' }),
      figure({ articleId: 'a', value: 2, label: 'stairs', score: 0.5, dropped: 'small-count' }),
      figure({ articleId: 'a', value: 450000, label: 'people', score: 6 }),
    ];
    const shown = threadFigures(figures, ['a'], 2);
    expect(shown.map((item) => item.value)).toEqual([375000, 450000]);
    expect(droppedFigures(figures, shown, 2).map((item) => [item.value, item.dropped])).toEqual([[911, 'emergency-number']]);
  });
});
