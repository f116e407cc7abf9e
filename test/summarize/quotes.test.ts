import { describe, expect, it } from 'vitest';
import { threadQuotes } from '../../src/summarize/quotes.js';
import { quote } from './helpers.js';

const rubio = { speaker: 'Marco Rubio', speakerKey: 'person:marco-rubio' };
const peskov = { speaker: 'Dmitry Peskov', speakerKey: 'person:dmitry-peskov' };

describe('threadQuotes', () => {
  it('shows no quote analysis found a problem with, whatever its rank', () => {
    const quotes = [
      quote({ articleId: 'a', text: 'What A Fool Believes In The Summer', ...rubio, problem: 'title' }),
      quote({ articleId: 'a', text: 'The talks were frank and useful, and we will meet again next week.', problem: 'no-speaker' }),
      quote({ articleId: 'a', text: 'We cannot say that now, given where the process stands today.', ...peskov }),
    ];
    expect(threadQuotes(quotes, ['a']).map((item) => item.text)).toEqual(['We cannot say that now, given where the process stands today.']);
  });

  it('puts resolved speakers first and drops repeated quotes', () => {
    const quotes = [
      quote({ articleId: 'a', text: 'A substantive and frank exchange of views took place on the settlement of the situation.', speaker: "Moscow's foreign ministry" }),
      quote({ articleId: 'a', text: "Not a new approach, but a new idea or a new concept that I'll take back to the president.", ...rubio }),
      quote({ articleId: 'b', text: "Not a new approach, but a new idea or a new concept that I'll take back to the president.", ...rubio, sentenceIndex: 4 }),
      quote({ articleId: 'b', text: 'We cannot say that now, given where the process stands today.', ...peskov }),
    ];
    const top = threadQuotes(quotes, ['a', 'b']);
    expect(top).toHaveLength(3);
    expect(top.slice(0, 2).every((item) => item.speakerKey !== null)).toBe(true);
    expect(top[2]!.speakerKey).toBeNull();
    expect(top.filter((item) => item.text.startsWith('Not a new approach'))).toHaveLength(1);
    expect(top.find((item) => item.text.startsWith('Not a new'))!.articleId).toBe('a');
  });

  it('gives every speaker a first quote before anyone gets a second, and respects the cap', () => {
    const many = [
      'We need to see a roadmap to understand and define a pathway to resolving the conflict.',
      'The President has been very clear: he is disappointed and frustrated with the lack of flexibility.',
      'We are hopeful that the position of the other side will change in the coming weeks.',
      'It could potentially open the door to a path, but it does not automatically lead to peace.',
    ].map((text, index) => quote({ articleId: 'a', sentenceIndex: index, text, ...rubio }));
    const one = quote({ articleId: 'b', text: 'We are waiting for signals from Kyiv for a third round.', ...peskov });
    const top = threadQuotes([...many, one], ['a', 'b'], 3);
    expect(top).toHaveLength(3);
    expect(top.some((item) => item.speakerKey === peskov.speakerKey)).toBe(true);
  });
});

describe('quote ranking', () => {
  it('ranks a whole quote above a fragment and a context-dependent opener', () => {
    const whole = quote({ articleId: 'a', text: 'Civilians across Ukraine are facing levels of suffering we have not seen in years.', ...rubio });
    const fragment = quote({ articleId: 'a', sentenceIndex: 1, text: 'expressed sincere condolences on the civilian casualties resulting from the bombings.', ...peskov });
    const leaning = quote({ articleId: 'a', sentenceIndex: 2, text: "He's very nice all the time, but it turns out to be meaningless in the end.", speaker: 'Donald Trump', speakerKey: 'person:donald-trump' });
    const top = threadQuotes([leaning, fragment, whole], ['a'], 3);
    expect(top).toHaveLength(3);
    expect(top[0]).toBe(whole);
  });
});

describe('threadQuotes prominence', () => {
  it('puts a speaker several articles quote ahead of a longer quote from a one-article voice', () => {
    const aside = quote({ articleId: 'c', speaker: 'Local Official', speakerKey: 'person:local-official', text: 'In total since the start of the month from the liberated areas many people have been moved to safety, including children' });
    const lead = quote({ articleId: 'a', speaker: 'Marco Rubio', speakerKey: 'person:marco-rubio', text: 'We need to see a roadmap to end the conflict' });
    const again = quote({ articleId: 'b', speaker: 'Marco Rubio', speakerKey: 'person:marco-rubio', text: 'We are hopeful that the position will change soon' });
    const ranked = threadQuotes([aside, lead, again], ['a', 'b', 'c']);
    expect(ranked[0]!.speaker).toBe('Marco Rubio');
    // Alone, the longer aside would lead: the bonus is what reorders them.
    expect(threadQuotes([aside, lead], ['a', 'c'])[0]!.speaker).toBe('Local Official');
  });
});
