import { describe, expect, it } from 'vitest';
import { figureClass, labelClass } from '../../src/summarize/labels.js';

describe('labelClass and figureClass', () => {
  it('maps synonyms to one class', () => {
    expect(labelClass('people wounded')).toBe('people injured');
    expect(labelClass('injuries')).toBe('people injured');
    expect(labelClass('fatalities')).toBe('people killed');
    expect(labelClass('long-range drones and missiles')).toBe('drones and missiles');
    expect(labelClass('pledged to help rebuild Ukraine')).toBeNull();
  });

  it('reads the class from the word nearest the figure when the label is generic', () => {
    const text = 'The strikes had killed two people and injured more than 23 people.';
    expect(figureClass({ label: 'people', surface: '23', text })).toBe('people injured');
    expect(figureClass({ label: 'people', surface: 'two', text })).toBe('people killed');
    expect(figureClass({ label: 'people', surface: '9', text: 'About 9 people attended the meeting.' })).toBeNull();
  });
});
