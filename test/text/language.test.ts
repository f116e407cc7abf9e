import { describe, expect, it } from 'vitest';
import { articleLanguage, detectLanguage, languageName, languagesDiffer, lettersSpaced, primaryLanguage } from '../../src/text/language.js';
import { seededRandom } from '../../src/util/seeded-random.js';

const ENGLISH =
  'The parliament passed a new law on Thursday that tightens the rules for rents in large cities, after months of ' +
  'protests by tenants who said they could no longer afford to live where they work. Landlords warned that fewer ' +
  'homes would be built, while the housing minister said the measures would be reviewed after two years, once ' +
  'cities had reported how many flats had been let at the capped prices and how many had been sold instead.';
const GERMAN =
  'Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Regeln für Mieten in großen Städten ' +
  'verschärft, nachdem Mieter monatelang protestiert hatten, weil sie sich ihre Wohnungen nicht mehr leisten können. ' +
  'Vermieter warnten, es würden weniger Wohnungen gebaut, während die Bauministerin sagte, die Regeln würden nach ' +
  'zwei Jahren überprüft, sobald die Städte gemeldet hätten, wie viele Wohnungen zu den gedeckelten Preisen vermietet wurden.';

describe('detectLanguage', () => {
  it('tells English from German', () => {
    expect(detectLanguage(ENGLISH)).toBe('en');
    expect(detectLanguage(GERMAN)).toBe('de');
  });

  it('says nothing about a text too short to tell', () => {
    expect(detectLanguage('Lavrov met Rubio.')).toBeNull();
  });

  it('is not misled by a link and a heading before English prose', () => {
    const text = `http://query.example.com/gst/fullpage.html?res=9402E6D71239F937A15756C0A9639C8B63 PHILADELPHIA 76ERS\n${ENGLISH}`;
    expect(detectLanguage(text)).toBe('en');
  });
});

describe('languagesDiffer', () => {
  it('parts only two known, different languages', () => {
    expect(languagesDiffer('en', 'de')).toBe(true);
    expect(languagesDiffer('en', 'en')).toBe(false);
    expect(languagesDiffer(null, 'de')).toBe(false);
  });
});

describe('the article language', () => {
  it('is a BCP 47 primary tag: detected from enough text, else the page\'s declared language', () => {
    expect(articleLanguage(GERMAN, 'en-US')).toBe('de');
    expect(articleLanguage('Kurz: Der Zug fällt aus.', 'de-DE')).toBe('de');
    expect(articleLanguage('Too short to tell.', null)).toBeNull();
    expect(primaryLanguage('pt_BR')).toBe('pt');
    expect(primaryLanguage('not a tag')).toBeNull();
    expect(languageName('de')).toBe('German');
  });
});

describe('lettersSpaced', () => {
  const byRegex = (text: string) => text.replace(/[\p{N}\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  // Astral digits, symbols and letters (𝟎 is a digit, 🙂 a symbol, 𐐀 a letter), lone surrogates, odd spaces.
  const pieces = ['a', 'Ü', 'Ж', '東', ' ', '  ', '\n', '\u00a0', '\u2003', '\ufeff', '\u200b', '.', '—', '«', '1', '٣', '½', '$', '€', '+', '𝟎', '🙂', '𐐀', '\ud800', '\udc00'];

  it('spaces the text as the chain of replacements does', () => {
    for (const text of ['', '   ', '...', 'Plain words only', ' 12 apples, 3 pears! ', '𝟎𝟏 digits 🙂 smile 𐐀 letter', 'lone \ud800 high', '\udc00'])
      expect(lettersSpaced(text), JSON.stringify(text)).toBe(byRegex(text));
  });

  it('spaces every UTF-16 code unit between two letters as the replacements do', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(lettersSpaced(text), code.toString(16)).toBe(byRegex(text));
    }
  });

  it('agrees with the replacements on random mixes of letters, separators, pairs and lone surrogates', () => {
    const random = seededRandom(7);
    for (let sample = 0; sample < 500; sample++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(lettersSpaced(text), JSON.stringify(text)).toBe(byRegex(text));
    }
  });
});
