import { describe, expect, it } from 'vitest';
import { articleLanguage, detectLanguage, languageName, languagesDiffer, primaryLanguage } from '../../src/text/language.js';

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
