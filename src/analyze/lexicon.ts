import { cappedMemo } from '../util/memo.js';
import { onDemand } from '../util/load-on-demand.js';
import { LEXICON_TAGS, TAG_CODES, TAGS_BY_WORD } from './lexicon-words.js';

/** What compromise's built-in lexicon says a lower-cased word or phrase is, as a set of tags (empty when unknown). */
export type LexiconTags = ReadonlySet<string>;

const EMPTY: LexiconTags = new Set();
/** The sets of the words looked up so far: at most the lexicon's words, each made once. */
const tagSets = new Map<string, LexiconTags>();

/** The tagger is loaded by the first text that needs tagging in context (the CommonJS build: it loads fastest). */
const compromise = onDemand<typeof import('compromise').default>('compromise');

/**
 * From the generated table (lexicon-words.ts), so looking a word up never loads compromise itself; a word's set is
 * made when it is first asked for, not a set for each of the lexicon's 25,000 words at start.
 */
export function lexiconTags(phrase: string): LexiconTags {
  const word = phrase.toLowerCase();
  const codes = TAGS_BY_WORD[word];
  // typeof: a word such as "hasOwnProperty" reads Object.prototype's member, not a lexicon entry.
  if (typeof codes !== 'string' || !Object.hasOwn(TAGS_BY_WORD, word)) return EMPTY;
  let tags = tagSets.get(word);
  if (!tags) {
    tags = new Set(Array.from(codes, (code) => LEXICON_TAGS[TAG_CODES.indexOf(code)]!));
    tagSets.set(word, tags);
  }
  return tags;
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

const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
/** Tags of names: a word with one of these is no ordinary word. */
const NAME_TAGS = [...PLACE_TAGS, ...ORGANIZATION_TAGS, ...FIRST_NAME_TAGS, 'LastName', 'Person', 'ProperNoun'];

/** What the lexicon says of a word, one bit per question below. */
const PLACE = 1;
const ORGANIZATION = 2;
const FIRST_NAME = 4;
const LAST_NAME = 8;
const DEMONYM = 16;
const CALENDAR = 32;
const COMMON = 64;
const PERSON_NOUN = 128;

function factsOf(word: string): number {
  const tags = lexiconTags(word);
  if (tags.size === 0) return MONTHS.has(word.toLowerCase()) ? CALENDAR : 0;
  let facts = 0;
  if (hasAny(tags, PLACE_TAGS)) facts |= PLACE;
  if (hasAny(tags, ORGANIZATION_TAGS)) facts |= ORGANIZATION;
  if (hasAny(tags, FIRST_NAME_TAGS)) facts |= FIRST_NAME;
  if (tags.has('LastName')) facts |= LAST_NAME;
  if (tags.has('Demonym')) facts |= DEMONYM;
  if (MONTHS.has(word.toLowerCase()) || hasAny(tags, ['WeekDay', 'Month'])) facts |= CALENDAR;
  if (!hasAny(tags, NAME_TAGS) && hasAny(tags, COMMON_WORD_TAGS)) facts |= COMMON;
  if (tags.has('Actor')) facts |= PERSON_NOUN;
  return facts;
}

/**
 * Word -> its facts, all found by one lexicon look-up and kept: the name rules ask several questions of every
 * capitalized word, many times a day.
 */
const wordFacts = cappedMemo(factsOf);

export const isPlaceWord = (phrase: string): boolean => (wordFacts(phrase) & PLACE) !== 0;
export const isOrganizationWord = (phrase: string): boolean => (wordFacts(phrase) & ORGANIZATION) !== 0;
export const isFirstName = (word: string): boolean => (wordFacts(word) & FIRST_NAME) !== 0;
export const isLastName = (word: string): boolean => (wordFacts(word) & LAST_NAME) !== 0;
export const isDemonym = (word: string): boolean => (wordFacts(word) & DEMONYM) !== 0;
export const isCalendarWord = (word: string): boolean => (wordFacts(word) & CALENDAR) !== 0;
/** A known ordinary word that is not also a name or place ("Police", "Fresh", "Particular"). */
export const isCommonWord = (word: string): boolean => (wordFacts(word) & COMMON) !== 0;
/** Nouns the lexicon knows as people ("spokesperson", "researcher", "witness"). */
export const isPersonNoun = (word: string): boolean => (wordFacts(word) & PERSON_NOUN) !== 0;

/** Lexicon tags of a word that is a finite verb whatever its context ("took", "is", "must"). */
const FINITE_TAGS = new Set(['Copula', 'PastTense', 'PresentTense', 'Modal', 'Verb', 'Auxiliary']);
/** Tags of verb forms that "to" makes an infinitive of ("to see", "to keep"). */
const VERB_FORM_TAGS = new Set([...FINITE_TAGS, 'Infinitive', 'PhrasalVerb', 'Imperative']);
const SUBJECT_PRONOUNS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it']);
/** Words whose "'s" is "is" or "has" ("it's", "there's"), not a possessive ("AMD's"). */
const S_IS_WORDS = new Set(['it', 'that', 'there', 'he', 'she', 'what', 'who', 'here', 'where', 'how', 'let', 'this', 'everything', 'nothing', 'something', 'everyone', 'everybody', 'nobody', 'one', 'which', 'why', 'when']);
/** After a subject pronoun, these are no verb ("it the", "we all"); adverbs and "not" are stepped over ("I really think"). */
const NOT_AFTER_SUBJECT = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Possessive', 'QuestionWord', 'Expression', 'Cardinal', 'TextValue', 'Adjective', 'Gerund'];
const STEP_OVER = ['Adverb', 'Negative'];

/**
 * Words that make a finite verb certain without parsing: a contraction of a verb ("don't", "I'm", "it's"), a word
 * that is only ever a finite verb, an unknown word in -ed, "to" before a verb form, or a subject pronoun followed by a
 * content word ("we need", "I really feel"). Checked against compromise's tagger on 2,961 quotes of three real sets
 * (mixed day, ECB+, the 83 aeb pages): where this says yes, the tagger agrees on all but 4 (two of them the tagger's
 * own misses: "I`m not a bad mom", "I f—ing love Moonlight"); 97% of quotes are decided here, the rest parsed.
 */
function hasCertainVerb(text: string): boolean {
  const words = text.toLowerCase().replace(/[’`]/g, "'").match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const apostrophe = word.indexOf("'");
    if (apostrophe > 0) {
      const tail = word.slice(apostrophe + 1);
      if (['t', 'm', 're', 've', 'll', 'd'].includes(tail)) return true;
      if (tail === 's' && S_IS_WORDS.has(word.slice(0, apostrophe))) return true;
      continue;
    }
    const tags = lexiconTags(word);
    if (tags.size > 0 && [...tags].every((tag) => FINITE_TAGS.has(tag))) return true;
    if (tags.size === 0 && /[a-z]{3}ed$/.test(word)) return true;
    if (word === 'to' && i + 1 < words.length && [...lexiconTags(words[i + 1]!)].some((tag) => VERB_FORM_TAGS.has(tag))) return true;
    if (SUBJECT_PRONOUNS.has(word)) {
      let next = i + 1;
      while (next < words.length && hasAny(lexiconTags(words[next]!), STEP_OVER)) next += 1;
      if (next < words.length && !words[next]!.includes("'") && !hasAny(lexiconTags(words[next]!), NOT_AFTER_SUBJECT)) return true;
    }
  }
  return false;
}

/**
 * Does the text have a verb other than a bare -ing form? "Forty-five years of practicing law" and "one country, two
 * systems" have none; "We messed up" and "Put first things first" do. Words decide most texts; the rest are tagged
 * in context by compromise, which is loaded only then (its load costs most of a short run's start-up).
 */
export function hasVerb(text: string): boolean {
  return hasCertainVerb(text) || compromise()(text).has('(#Verb && !#Gerund)');
}
