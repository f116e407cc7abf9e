import { cappedMemo } from '../util/memo.js';
import type { EntityType } from './types.js';
import {
  isCalendarWord, isCommonWord, isDemonym, isFirstName, isLastName, isOrganizationWord, isPlaceWord,
} from './lexicon.js';
import {
  ALIASES, HONORIFICS, NAME_CONNECTORS, ORGANIZATION_CUES, PLACE_CUES, PLACE_NOUNS_AFTER, PLACE_PREPOSITIONS,
  SINGLE_WORD_ORGANIZATIONS, SPEECH_VERBS_AFTER_NAME, TITLE_WORDS,
} from './name-words.js';
import { comparableName, stripPossessive } from './normalize.js';
import type { NameSpan } from './spans.js';
import type { Token } from './tokens.js';

/** A name found in a sentence, before variants are merged across articles. */
export interface NameCandidate {
  /** The name as written, possessive removed ("Russia's" -> "Russia"). */
  surface: string;
  /** Offsets in the sentence of the surface. */
  start: number;
  end: number;
  /** null: a lone capitalized word that is kept only if it turns out to be a known person's surname or a known name. */
  type: EntityType | null;
  /** Names standing for something else: "U.S." -> "United States", "Kiev" -> "Kyiv". */
  alias?: string;
}

/** Lower-case role words that, right before a capitalized name, make it a person ("spokesman Dmitry Peskov"). */
const ROLE_BEFORE_NAME = new Set(
  [...TITLE_WORDS, ...HONORIFICS].filter((word) => !['former', 'acting', 'state', 'foreign', 'head', 'deputy', 'vice', 'crown', 'chief', 'interior', 'finance', 'economy', 'justice', 'defence', 'defense', 'star', 'general', 'major'].includes(word)),
);

/** The token without its possessive and its dots ("U.S." -> "US"): the form the name rules look words up by. */
export const bare = (token: Token) => (token.bare ??= withoutDots(stripPossessive(token.text)));
const lower = (token: Token) => (token.lower ??= bare(token).toLowerCase());
const withoutDots = (text: string) => (text.includes('.') ? text.replace(/\./g, '') : text);
const isTitle = (token: Token) => TITLE_WORDS.has(lower(token));
const isCue = (token: Token) => ORGANIZATION_CUES.has(lower(token)) || PLACE_CUES.has(lower(token));
/** Capitalized tokens that are never names: time zones, clock marks, name suffixes, common acronyms. */
const NOT_NAMES = new Set([
  'am', 'pm', 'et', 'est', 'edt', 'pt', 'pst', 'pdt', 'ct', 'cst', 'cdt', 'mt', 'mst', 'mdt', 'gmt', 'utc', 'bst', 'cet',
  'cest', 'jr', 'sr', 'ii', 'iii', 'iv', 'tv', 'dna', 'ceo', 'ok', 'id', 'pdf', 'faq', 'url', 'gdp', 'covid',
]);

const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'for', 'to']);
const isFunctionWord = (word: string) => FUNCTION_WORDS.has(word.toLowerCase());
/** "We're", "Don't", "I'll": contractions are never names. */
const isContraction = (word: string) => /['’](?:re|ve|ll|d|m|t)$/iu.test(word);
const isAllCaps = (text: string) => /^\p{Lu}[\p{Lu}\d]+$/u.test(text);

function toCandidate(tokens: Token[], type: EntityType | null): NameCandidate {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const lastText = stripPossessive(last.text);
  return {
    surface: [...tokens.slice(0, -1).map((token) => token.text), lastText].join(' '),
    start: first.start,
    end: last.start + lastText.length,
    type,
  };
}

type Alias = { name: string; type: 'place' | 'organization' };

/**
 * Surface -> its alias (null: none), kept: the name rules ask about every span, its phrase and its first word, and
 * the same names recur all day.
 */
const aliasOrNull = cappedMemo((surface: string): Alias | null => findAlias(surface) ?? null);

export function aliasOf(surface: string): Alias | undefined {
  return aliasOrNull(surface) ?? undefined;
}

function findAlias(surface: string): Alias | undefined {
  const undotted = surface.replace(/\./g, '');
  if (isAllCaps(undotted) && ALIASES.has(undotted)) return ALIASES.get(undotted);
  const folded = comparableName(undotted);
  return ALIASES.has(folded) && folded === folded.toLowerCase() ? ALIASES.get(folded) : undefined;
}

/** Leading words whose capital only marks a sentence start or a headline ("Police", "Fresh", "The"). */
function dropLeadingCommonWords(span: NameSpan, headline: boolean): Token[] {
  const tokens = [...span.tokens];
  const isOrdinaryWord = (token: Token) =>
    isCommonWord(bare(token)) && !isTitle(token) && !isAllCaps(bare(token)) && !aliasOf(token.text);
  while (tokens.length && (tokens[0].initial || headline || isFunctionWord(bare(tokens[0]))) && isOrdinaryWord(tokens[0])) {
    tokens.shift();
  }
  while (tokens.length && !tokens[0].capitalized) tokens.shift();
  return tokens;
}

/** Index where a person's name begins after a title ("Secretary of State | Marco Rubio"), or -1. */
function nameAfterTitle(tokens: readonly Token[]): number {
  let start = tokens.length;
  while (start > 0) {
    const token = tokens[start - 1];
    const connector = !token.capitalized && NAME_CONNECTORS.has(lower(token)) && lower(token) !== 'of';
    if (isTitle(token) || isCue(token) || (!token.capitalized && !connector)) break;
    start--;
  }
  if (start === tokens.length || start === 0) return -1;
  // "Ministry of Foreign Affairs": a title word inside an institution's name is not a person's title, but one after
  // it is ("Superior Court Judge Rowland Barnes").
  const lastCue = tokens.slice(0, start).findLastIndex((token) => ORGANIZATION_CUES.has(lower(token)));
  if (lastCue >= 0 && tokens.slice(lastCue, start).some((token) => lower(token) === 'of')) return -1;
  return isTitle(tokens[start - 1]) ? start : -1;
}

/**
 * Index of a first name followed by more of the name ("United States | Donald Trump"), or -1. The last such first
 * name wins unless a first name stands right before it ("South Carolina Republican | Lindsey Graham", "Mary Ann Smith").
 */
function firstNameStart(tokens: readonly Token[]): number {
  let found = -1;
  for (let i = 0; i < tokens.length - 1; i++) {
    const partOfPlace = i > 0 && isPlaceWord(`${bare(tokens[i - 1])} ${bare(tokens[i])}`); // "North Carolina"
    const startsName =
      isFirstName(bare(tokens[i])) && !partOfPlace && tokens[i + 1].capitalized && !isCue(tokens[i + 1]) && !isTitle(tokens[i + 1]);
    if (startsName && (found < 0 || (i > 0 && !isFirstName(bare(tokens[i - 1]))))) found = i;
  }
  if (found < 0 || tokens.slice(found).some(isCue)) return -1;
  return found;
}

/** Classifies one span into zero or more candidates: a title or a first name may split it into prefix + person. */
export function classifySpan(span: NameSpan, headline: boolean): NameCandidate[] {
  const tokens = dropLeadingCommonWords(span, headline);
  if (!tokens.length) return [];
  const afterTitle = nameAfterTitle(tokens);
  if (afterTitle > 0 && tokens.length - afterTitle <= 4) {
    let titleStart = afterTitle;
    while (titleStart > 0 && (isTitle(tokens[titleStart - 1]) || !tokens[titleStart - 1].capitalized)) titleStart--;
    const prefix = tokens.slice(0, titleStart);
    const prefixSpan = { ...span, tokens: prefix, next: '' };
    return [...(prefix.length ? classifyPlain(prefixSpan, prefix, headline) : []), toCandidate(tokens.slice(afterTitle), 'person')];
  }
  const nameStart = firstNameStart(tokens);
  if (nameStart > 0 && tokens.length - nameStart <= 4) {
    const prefix = tokens.slice(0, nameStart);
    while (prefix.length && !prefix[prefix.length - 1].capitalized) prefix.pop();
    const prefixSpan = { ...span, tokens: prefix, next: '' };
    return [...classifyPlain(prefixSpan, prefix, headline), toCandidate(tokens.slice(nameStart), 'person')];
  }
  const sameStart = tokens[0] === span.tokens[0];
  return classifyPlain({ ...span, previous: sameStart ? span.previous : '', previous2: sameStart ? span.previous2 : '' }, tokens, headline);
}

function classifyPlain(span: NameSpan, tokens: Token[], headline: boolean): NameCandidate[] {
  if (!tokens.length) return [];
  const type = typeOf(span, tokens, headline);
  if (type === 'drop') return [];
  const candidate = toCandidate(tokens, type);
  const alias = aliasOf(candidate.surface);
  return [alias ? { ...candidate, type: alias.type, alias: alias.name } : candidate];
}

function typeOf(span: NameSpan, tokens: readonly Token[], headline: boolean): EntityType | null | 'drop' {
  const words = tokens.map(bare);
  const phrase = words.join(' ');
  const alias = aliasOf(phrase);
  if (alias) return alias.type;
  if (words.every((word) => isDemonym(word) || (word.includes('-') && word.split('-').every(isDemonym)))) return 'drop';
  if (words.length === 1 && /\p{Ll}ish$/u.test(phrase) && !isPlaceWord(phrase)) return 'drop'; // "Jewish", "Polish"
  if (tokens.every((token) => TITLE_WORDS.has(lower(token)) || NAME_CONNECTORS.has(lower(token)))) return 'drop';
  if (words.length === 1 && (isCalendarWord(phrase) || phrase.length < 2 || isFunctionWord(phrase))) return 'drop';
  if (words.length === 1 && NOT_NAMES.has(phrase.toLowerCase())) return 'drop';
  if (tokens.some((token) => isContraction(token.text))) return 'drop';
  if (isPlaceWord(phrase)) return 'place';
  if (isOrganizationWord(phrase) || SINGLE_WORD_ORGANIZATIONS.has(phrase.toLowerCase())) return 'organization';
  // A cue word alone at a line start ("Coalition", "Society") is a common noun; mid-sentence ("Congress") a body.
  if (words.length > 1 && tokens.slice(1).some((token) => ORGANIZATION_CUES.has(lower(token)))) return 'organization';
  if (words.length === 1 && ORGANIZATION_CUES.has(lower(tokens[0])) && !tokens[0].initial && !headline) return 'organization';
  if (words.length > 1 && tokens.some((token) => PLACE_CUES.has(lower(token)))) return 'place';
  if (ROLE_BEFORE_NAME.has(span.previous)) return 'person';
  if (words.length === 1) return typeOfSingleWord(span, tokens[0], headline);
  if (isFirstName(words[0]) && words.length <= 4) return 'person';
  // "X Y said" names a person unless it is a place-based epithet ("the South Carolina Republican said").
  const mentionsPlace = words.some((word, i) => isPlaceWord(word) || (i > 0 && isPlaceWord(`${words[i - 1]} ${word}`)));
  if (!headline && SPEECH_VERBS_AFTER_NAME.has(span.next) && words.length <= 3 && !mentionsPlace) return 'person';
  return 'drop';
}

function typeOfSingleWord(span: NameSpan, token: Token, headline: boolean): EntityType | null | 'drop' {
  const word = bare(token);
  if (isAllCaps(word) && word.length <= 6 && !isCommonWord(word)) return 'organization';
  if (isCommonWord(word) && (token.initial || headline)) return 'drop';
  if (isLastName(word)) return 'person';
  if (headline) return null;
  if (PLACE_NOUNS_AFTER.has(span.next)) return 'place';
  if (/^(city|town|village|region|province) of$/.test(`${span.previous2} ${span.previous}`)) return 'place';
  if (SPEECH_VERBS_AFTER_NAME.has(span.next)) return 'person';
  // Plurals and -ish adjectives after "in"/"from" are groups and languages ("from Republicans", "in Jewish").
  const groupWord = /(?:[^s]s|ish)$/u.test(word);
  if (PLACE_PREPOSITIONS.has(span.previous) && !token.initial && !groupWord) return 'place';
  return null;
}
