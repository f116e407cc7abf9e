import { describe, expect, it } from 'vitest';
import { isSummarizable, makeStandalone, stripDateline } from '../../src/summarize/standalone.js';

describe('makeStandalone', () => {
  it('drops a leading connective and capitalizes what remains', () => {
    expect(makeStandalone('However, the ministry said the talks would continue next week.', null)).toBe(
      'The ministry said the talks would continue next week.',
    );
    expect(makeStandalone('Meanwhile, Ukraine reported new strikes on its capital overnight.', null)).toBe(
      'Ukraine reported new strikes on its capital overnight.',
    );
  });

  it('keeps "so" and "still" when they are not connectives', () => {
    expect(makeStandalone('So far the ceasefire has held in most regions of the country.', null)).toBe(
      'So far the ceasefire has held in most regions of the country.',
    );
  });

  it('replaces a leading he/she by the person named before, or gives up without one', () => {
    expect(makeStandalone('He added that Moscow was waiting for a signal from Kyiv.', 'Dmitry Peskov')).toBe(
      'Dmitry Peskov added that Moscow was waiting for a signal from Kyiv.',
    );
    expect(makeStandalone('He added that Moscow was waiting for a signal from Kyiv.', null)).toBeNull();
    expect(makeStandalone('His remarks came after a long meeting in the capital.', 'Rubio')).toBe(
      "Rubio's remarks came after a long meeting in the capital.",
    );
  });

  it('resolves a pronoun that follows a dropped connective', () => {
    expect(makeStandalone('But she said the vote would go ahead as planned on Monday.', 'Giorgia Meloni')).toBe(
      'Giorgia Meloni said the vote would go ahead as planned on Monday.',
    );
  });

  it('skips sentences that open with a pronoun it cannot resolve', () => {
    expect(makeStandalone('They also addressed a series of recent assaults on the territory.', 'Rubio')).toBeNull();
    expect(makeStandalone('This will reportedly cover barely a fraction of the costs.', null)).toBeNull();
  });

  it('strips datelines and agency stamps', () => {
    expect(stripDateline('WASHINGTON: Russia and the United States have discussed the next steps.')).toBe(
      'Russia and the United States have discussed the next steps.',
    );
    expect(stripDateline('(MENAFN) Russian Foreign Minister Sergey Lavrov held a call on Sunday.')).toBe(
      'Russian Foreign Minister Sergey Lavrov held a call on Sunday.',
    );
    expect(stripDateline('KUALA LUMPUR (Reuters) - The ministers met on Thursday in the capital.')).toBe(
      'The ministers met on Thursday in the capital.',
    );
    expect(stripDateline('The previous residents were moved to safety. — AFP')).toBe('The previous residents were moved to safety.');
  });
});

describe('isSummarizable', () => {
  it('accepts a complete statement of reasonable length', () => {
    expect(isSummarizable('The Kremlin said it was still open to more ceasefire talks with Ukraine.')).toBe(true);
  });

  it('rejects questions, fragments, headings, long run-ons and page furniture', () => {
    expect(isSummarizable('Is the USA really only the 21st best country in the world?')).toBe(false);
    expect(isSummarizable('Fresh sanctions call.')).toBe(false);
    expect(isSummarizable('Trump Frustrated by Russia Inflexibility on Ukraine and Other Matters')).toBe(false);
    expect(isSummarizable(`${'word '.repeat(60)}end.`)).toBe(false);
    expect(isSummarizable('Sign up to read this article and get all your news in one place today.')).toBe(false);
    expect(isSummarizable('THE MINISTRY SAID THE TALKS WOULD CONTINUE NEXT WEEK IN THE CAPITAL.')).toBe(false);
  });
});
