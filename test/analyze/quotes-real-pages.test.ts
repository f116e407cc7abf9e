import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { Quote } from '../../src/analyze/types.js';
import type { CleanArticle } from '../../src/clean/types.js';
import { threadQuotes } from '../../src/summarize/quotes.js';
import { rawSeedArticle } from './seed-articles.js';

/** Small pages written after patterns seen on real news pages, one paragraph a line. */
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'real-pages', 'quotes');

function page(name: string): CleanArticle {
  const paragraphs = readFileSync(join(fixtures, `${name}.txt`), 'utf8').split('\n').map((line) => line.trim()).filter(Boolean);
  return { ...rawSeedArticle('000'), id: name, paragraphs };
}

/** What a reader would see: the quotes the thread of this one page shows. */
function shownQuotes(name: string): Quote[] {
  const [article] = analyze([page(name)]).articles;
  return threadQuotes(article.quotes, [name]);
}

const shown = (name: string) => shownQuotes(name).map((quote) => [quote.speaker, quote.text]);

describe('quotes a reader can trust, on real-looking pages', () => {
  it('shows no title of a song, film or book as a quote', () => {
    expect(shown('titles-of-works')).toEqual([
      ['Maria Vance', 'We have never been this excited about going back on the road'],
      ['Peter Orme', "We'll be playing songs from every album we ever made, as well as some new music"],
    ]);
  });

  it('shows no scare quotes or slogans', () => {
    expect(shown('scare-quotes')).toEqual([['Karen Holt', 'The whole point of this campaign is to get people talking about the problem']]);
  });

  it('shows no fragment of reported speech, only a full clause', () => {
    expect(shown('fragments')).toEqual([
      ['Maxwell Reed', 'After two more years of this work, we finally have a game we are proud of'],
    ]);
  });

  it('never makes "statement" or "group" a speaker: a statement continues its named author, else it is not shown', () => {
    expect(shown('statements').sort()).toEqual([
      ['Coastal Authority', 'All ferry services will resume on Saturday morning.'],
      ['Coastal Authority', 'Safety checks have been completed on every vessel in the fleet'],
    ]);
  });

  it('never makes the news agency that reported a quote its speaker', () => {
    const quotes = shownQuotes('agency');
    expect(quotes.map((quote) => [quote.speaker, quote.speakerKind])).toEqual([
      ['Samir Haddad', 'named'],
      ['one resident', 'unnamed'],
    ]);
  });

  it('labels unnamed sources as such and drops bare descriptions ("the man", "the actor")', () => {
    const quotes = shownQuotes('unnamed-sources');
    expect(quotes.map((quote) => [quote.speaker, quote.speakerKind]).sort()).toEqual([
      ['a police officer', 'unnamed'],
      ['a spokesperson for CBP', 'unnamed'],
      ['an insider', 'unnamed'],
    ]);
  });

  it('gives a bare surname the full name and role the article introduced it with', () => {
    const quotes = shownQuotes('full-names');
    expect(quotes.map((quote) => [quote.speaker, quote.speakerRole, quote.speakerKind]).sort()).toEqual([
      ['Kym Lino', 'a spokesperson for Instagram', 'named'],
      ['Lewis Ward', 'research director at the market research firm IDC', 'named'],
      ['Tim Cook', "Apple's chief executive", 'named'],
    ]);
  });

  it('finds the speaker before an appositive, in the next sentence, or in reported speech, and never skips back', () => {
    const quotes = analyze([page('appositives-and-run-ons')]).articles[0].quotes;
    const speakerOf = (start: string) => quotes.find((quote) => quote.text.startsWith(start))?.speaker;
    expect(speakerOf('Uncertainty is having')).toBe('Joan Whitaker');
    expect(speakerOf('Our strategy')).toBe('Strauss Zelnick');
    expect(speakerOf('I then heard the minister')).toBe('Holmes');
    expect(speakerOf('Once those products')).toBe('Herbert');
    // "he" is the person the sentence before is about, even when the recognizer does not know the name.
    expect(speakerOf('He sent me to Mexico')).toBe('Lakshiwnder Singh');
    // "Will" reads as a verb, so the quote before has no speaker; its run-on must not fall back to Dana Ortiz.
    expect(speakerOf('It was like wholesome content')).not.toBe('Dana Ortiz');
  });
});
