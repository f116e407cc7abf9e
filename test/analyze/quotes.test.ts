import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { Quote } from '../../src/analyze/types.js';
import type { CleanArticle } from '../../src/clean/types.js';
import { rawSeedArticle, rawSeedArticles } from './seed-articles.js';

function article(id: string, paragraphs: string[]): CleanArticle {
  return { ...rawSeedArticle('000'), id, paragraphs };
}

const quotesOf = (...paragraphs: string[]): Quote[] => analyze([article('t', paragraphs)]).articles[0].quotes;
const find = (quotes: Quote[], start: string) => quotes.find((quote) => quote.text.startsWith(start));

describe('extractQuotes: attribution patterns', () => {
  it('reads the speaker after the quote', () => {
    const [quote] = quotesOf('"We will keep talking to everyone," Marco Rubio told reporters.');
    expect(quote).toMatchObject({ text: 'We will keep talking to everyone', speaker: 'Marco Rubio', speakerKey: 'person:marco-rubio' });
  });

  it('reads the speaker before the quote', () => {
    const [quote] = quotesOf('Marco Rubio said: “We need to see a roadmap to peace.”');
    expect(quote.speaker).toBe('Marco Rubio');
  });

  it('reads an inverted attribution with the verb first', () => {
    const [quote] = quotesOf('"Civilians are facing levels of suffering we have not seen," said Danielle Bell, head of the mission.');
    expect(quote.speaker).toBe('Danielle Bell');
  });

  it('reads past an abbreviated title after the verb', () => {
    const [quote] = quotesOf('"I am going to be very disappointed," added Rep. Mark Walker, chairman of the committee.');
    expect(quote.speaker).toBe('Mark Walker');
  });

  it('strips the role before the name', () => {
    const [quote] = quotesOf('"We cannot say that now," Kremlin spokesman Dmitry Peskov said.');
    expect(quote).toMatchObject({ speaker: 'Dmitry Peskov', speakerKey: 'person:dmitry-peskov' });
  });

  it('resolves he / she to the person named in the sentence before', () => {
    const quotes = quotesOf(
      'Volodymyr Zelensky urged allies to act faster.',
      '"Sanctions must be imposed faster and harder," he wrote on social media.',
    );
    expect(quotes[0].speaker).toBe('Volodymyr Zelensky');
  });

  it('keeps an organization speaker as written when it is not a named entity', () => {
    const [quote] = quotesOf('"A frank exchange of views took place," Moscow\'s foreign ministry said in a statement.');
    expect(quote).toMatchObject({ speaker: "Moscow's foreign ministry", speakerKey: null });
  });

  it('resolves "the ministry" to the organization named just before', () => {
    const quotes = quotesOf(
      'A statement came from the Russian Ministry of Foreign Affairs on Friday.',
      'The ministry said the talks were held in a "constructive and mutually respectful manner".',
    );
    expect(quotes[0]).toMatchObject({
      speaker: 'Russian Ministry of Foreign Affairs',
      speakerKey: 'organization:russian-ministry-of-foreign-affairs',
    });
  });

  it('resolves a pronoun inside the clause to the nearest person before it', () => {
    const [quote] = quotesOf('Mr Rubio spoke after Donald Trump met his cabinet, in which he said: "We get a lot of nonsense."');
    expect(quote.speaker).toBe('Donald Trump');
  });

  it('gives a second quote in the sentence the speaker of the first', () => {
    const quotes = quotesOf('Donald Trump said: "We get a lot of nonsense thrown at us," adding: "He is very nice all the time."');
    expect(quotes.map((quote) => quote.speaker)).toEqual(['Donald Trump', 'Donald Trump']);
  });

  it('gives a quote standing alone the speaker of the sentences before', () => {
    const quotes = quotesOf('"Drones hit us every single night," Zelensky said.', '"We cannot run short of funding for air defence."');
    expect(quotes.map((quote) => quote.speaker)).toEqual(['Zelensky', 'Zelensky']);
  });

  it('excludes scare quotes of one or two words', () => {
    const quotes = quotesOf('Lavrov shared a "new idea" and spoke of "terrorism" in \'vague terms\'.');
    expect(quotes).toEqual([]);
  });

  it('takes single-quoted quotations of three words or more, but not apostrophes', () => {
    const quotes = quotesOf("Russia's envoy called it 'a very constructive meeting' on Thursday.");
    expect(quotes.map((quote) => quote.text)).toEqual(['a very constructive meeting']);
  });

  it('returns no speaker when nothing attributes the quote', () => {
    const [quote] = quotesOf('The victim was a "kind, cheerful and dedicated officer" who loved her work.');
    expect(quote.speaker).toBeNull();
  });
});

describe('extractQuotes on the seeds', () => {
  const analysis = analyze(rawSeedArticles());
  const quotes = (id: string) => analysis.articles.find((a) => a.article.id === id)!.quotes;

  it('attributes Rubio in 000 and 001', () => {
    expect(find(quotes('000'), "It's not a new approach")?.speakerKey).toBe('person:marco-rubio');
    expect(find(quotes('001'), 'We need to see a roadmap')?.speakerKey).toBe('person:marco-rubio');
    expect(find(quotes('001'), 'We are hopeful')?.speaker).toBe('Marco Rubio');
  });

  it('attributes Zelensky through "he wrote on social media" (000)', () => {
    expect(find(quotes('000'), 'Sanctions must be imposed faster')?.speakerKey).toBe('person:volodymyr-zelensky');
  });

  it('attributes Peskov (000) and Danielle Bell (000)', () => {
    expect(find(quotes('000'), 'We cannot say that now')?.speaker).toBe('Dmitry Peskov');
    expect(find(quotes('000'), 'Civilians across Ukraine')?.speaker).toBe('Danielle Bell');
  });

  it('attributes Starmer (003) and keeps the inner single quotes in the text', () => {
    expect(find(quotes('003'), "The 'yes, but' from Russia is not good enough")?.speakerKey).toBe('person:keir-starmer');
  });

  it('excludes the scare quotes of the seeds', () => {
    const texts = analysis.articles.flatMap((a) => a.quotes.map((quote) => quote.text));
    expect(texts).not.toContain('new idea');
    expect(texts).not.toContain('terrorism');
    expect(texts).not.toContain('more actively');
  });
});

describe('extractQuotes: the people an article introduces', () => {
  it('gives a surname the full name and role the article introduced, read when a quote is attributed', () => {
    const quotes = quotesOf(
      'Tim Cook, Apple’s chief executive, spoke at the launch on Tuesday in California.',
      '"We have never made a better phone than this one," Cook said.',
    );
    expect(find(quotes, 'We have never')).toMatchObject({ speaker: 'Tim Cook', speakerRole: 'Apple’s chief executive' });
  });

  it('finds no quotes, and needs no people, in an article that quotes no one', () => {
    expect(quotesOf('Tim Cook, Apple’s chief executive, spoke at the launch on Tuesday in California.')).toEqual([]);
  });
});
