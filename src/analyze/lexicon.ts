import { onDemand } from '../util/load-on-demand.js';
import { WORDS_BY_TAG } from './lexicon-words.js';

/** What compromise's built-in lexicon says a lower-cased word or phrase is, as a set of tags (empty when unknown). */
export type LexiconTags = ReadonlySet<string>;

const EMPTY: LexiconTags = new Set();
let table: Map<string, Set<string>> | null = null;

/** The lexicon from the generated table (lexicon-words.ts), so looking a word up never loads compromise itself. */
function lexicon(): Map<string, LexiconTags> {
  if (!table) {
    table = new Map();
    for (const [tag, words] of Object.entries(WORDS_BY_TAG)) {
      for (const word of words) {
        const tags = table.get(word);
        if (tags) tags.add(tag);
        else table.set(word, new Set([tag]));
      }
    }
  }
  return table;
}

/** The tagger is loaded by the first text that needs tagging in context (the CommonJS build: it loads fastest). */
const compromise = onDemand<typeof import('compromise').default>('compromise');

/** Word -> predicate result, per predicate; capped so a long run over many texts cannot grow it without bound. */
function memoize(predicate: (word: string) => boolean): (word: string) => boolean {
  const cache = new Map<string, boolean>();
  return (word: string) => {
    let result = cache.get(word);
    if (result === undefined) {
      if (cache.size > 100_000) cache.clear();
      result = predicate(word);
      cache.set(word, result);
    }
    return result;
  };
}

export function lexiconTags(phrase: string): LexiconTags {
  return lexicon().get(phrase.toLowerCase()) ?? EMPTY;
}

const PLACE_TAGS = ['Country', 'City', 'Region', 'Place'];
const ORGANIZATION_TAGS = ['Organization', 'SportsTeam'];
const FIRST_NAME_TAGS = ['MaleName', 'FemaleName', 'FirstName'];
/** Tags of ordinary words: a capitalized word with one of these is a sentence start or a headline word, not a name. */
const COMMON_WORD_TAGS = [
  'Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Adverb', 'QuestionWord', 'Copula', 'Modal', 'Possessive',
  'Adjective', 'Comparative', 'Superlative', 'PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Participle',
  'PhrasalVerb', 'Singular', 'Plural', 'Uncountable', 'TextValue', 'Cardinal', 'Ordinal', 'Expression', 'Negative',
  'Condition', 'Verb', 'Noun', 'Actor', 'Unit', 'Duration', 'WeekDay', 'Month', 'Date', 'Imperative', 'Reflexive',
];

const hasAny = (tags: LexiconTags, wanted: readonly string[]) => wanted.some((tag) => tags.has(tag));

export const isPlaceWord = memoize((phrase: string) => hasAny(lexiconTags(phrase), PLACE_TAGS));
export const isOrganizationWord = memoize((phrase: string) => hasAny(lexiconTags(phrase), ORGANIZATION_TAGS));
export const isFirstName = memoize((word: string) => hasAny(lexiconTags(word), FIRST_NAME_TAGS));
export const isLastName = memoize((word: string) => lexiconTags(word).has('LastName'));
export const isDemonym = memoize((word: string) => lexiconTags(word).has('Demonym'));
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
export const isCalendarWord = memoize((word: string) => MONTHS.has(word.toLowerCase()) || hasAny(lexiconTags(word), ['WeekDay', 'Month']));

/** A known ordinary word that is not also a name or place ("Police", "Fresh", "Particular"). */
const NAME_TAGS = [...PLACE_TAGS, ...ORGANIZATION_TAGS, ...FIRST_NAME_TAGS, 'LastName', 'Person', 'ProperNoun'];

export const isCommonWord = memoize((word: string) => {
  const tags = lexiconTags(word);
  if (tags.size === 0 || hasAny(tags, NAME_TAGS)) return false;
  return hasAny(tags, COMMON_WORD_TAGS);
});

/** Nouns the lexicon knows as people ("spokesperson", "researcher", "witness"). */
export const isPersonNoun = memoize((word: string) => lexiconTags(word).has('Actor'));

/**
 * Does the text have a verb other than a bare -ing form, as compromise tags it in context? "Forty-five years of
 * practicing law" and "one country, two systems" have none; "We messed up" and "Put first things first" do.
 */
export function hasVerb(text: string): boolean {
  return compromise()(text).has('(#Verb && !#Gerund)');
}
