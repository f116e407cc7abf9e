import { isCalendarWord, isCommonWord, isFirstName, isOrganizationWord, isPersonNoun, isPlaceWord } from './lexicon.js';
import { HONORIFICS, ORGANIZATION_CUES, PLACE_CUES, TITLE_WORDS } from './name-words.js';
import { comparableName, stripPossessive } from './normalize.js';
import { SPEECH_VERB } from './speech-verbs.js';

/** People nouns common in attributions that the lexicon does not tag as people. */
const SOURCE_NOUNS = new Set([
  'source', 'official', 'insider', 'spokesman', 'spokeswoman', 'executive', 'resident', 'expert', 'aide', 'staffer',
  'member', 'worker', 'relative', 'neighbour', 'neighbor', 'patient', 'police', 'investor', 'trader', 'founder',
  'strategist', 'employee', 'student', 'teacher', 'doctor', 'nurse', 'lawyer',
]);

/** A noun for a person or a group of people ("spokesperson", "officials", "guitarist", "politician"). */
export function isPersonWord(word: string): boolean {
  const lower = stripPossessive(word).toLowerCase();
  const singular = lower.replace(/ies$/u, 'y').replace(/(ss|x|ch|sh)es$/u, '$1').replace(/([^s])s$/u, '$1');
  return [lower, singular].some(
    (form) => TITLE_WORDS.has(form) || SOURCE_NOUNS.has(form) || isPersonNoun(form) || /\p{L}{3}(?:ist|ian)$/u.test(form),
  );
}

export interface IntroducedPeople {
  /** The one full name the article gives a lone surname ("Cook" -> "Tim Cook"); null when it gives none or several. */
  fullName(surname: string): string | null;
  /** The role an appositive gives the name ("Tim Cook, Apple's chief executive, ..."), else null. */
  roleOf(name: string): string | null;
  /** Is this the name, or the surname, of a person the article introduces? */
  isPerson(name: string): boolean;
  /** The first person named in a sentence of the article by a full name the recognizer may not know, with its offset. */
  firstNamedIn(sentence: string): { name: string; start: number } | null;
}

/** Runs of capitalized words, with initials and abbreviated titles ("Rep. Ilhan Omar", "Donald J. Trump"). */
const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’-]*\.?(?: \p{Lu}[\p{L}\p{M}'’-]*\.?)*/gu;
/** An appositive after a name: `, <role>` up to the next clause mark. */
const APPOSITIVE = /^,\s+([^,;:()"“”]+)/u;
/** Words that open a relative clause or a new one, not a role ("Tim Cook, who ...", "Tim Cook, said ..."). */
const NOT_A_ROLE_OPENER = new Set(['who', 'whom', 'whose', 'which', 'that', 'and', 'but', 'or', 'where', 'when', 'as', 'if', 'though']);
const MAX_ROLE_WORDS = 12;
const SPEECH_VERB_WORD = new RegExp(SPEECH_VERB.source, 'iu');


/**
 * The people an article introduces by full name, and the roles it gives them in an appositive. Journalists name a
 * person in full, often with a role, before using the surname alone; the surname then stands for that name.
 */
export function introducedPeople(sentences: readonly string[]): IntroducedPeople {
  const namesBySurname = new Map<string, Set<string>>();
  const roles = new Map<string, string>();
  for (const sentence of sentences) {
    for (const match of sentence.matchAll(NAME_RUN)) {
      if (!isSeveralWords(match[0])) continue;
      const role = roleAfter(sentence, match.index + match[0].length);
      const name = personName(match[0], role !== null);
      if (!name) continue;
      const surname = comparableName(name.split(' ').at(-1)!);
      namesBySurname.set(surname, (namesBySurname.get(surname) ?? new Set()).add(name));
      if (role && !roles.has(comparableName(name))) roles.set(comparableName(name), role);
    }
  }
  return {
    fullName(surname) {
      if (/\s/u.test(surname.trim())) return null;
      const names = namesBySurname.get(comparableName(surname));
      return names?.size === 1 ? [...names][0] : null;
    },
    roleOf: (name) => roles.get(comparableName(name)) ?? null,
    firstNamedIn: (sentence) => {
      for (const match of sentence.matchAll(NAME_RUN)) {
        if (!isSeveralWords(match[0])) continue;
        const name = personName(match[0], roleAfter(sentence, match.index + match[0].length) !== null);
        if (name) return { name, start: (match.index ?? 0) + match[0].lastIndexOf(name.split(' ')[0]) };
      }
      return null;
    },
    isPerson: (name) => {
      const words = name.trim().split(/\s+/u);
      return [...(namesBySurname.get(comparableName(words.at(-1)!)) ?? [])].some(
        (known) => words.length === 1 || comparableName(known) === comparableName(name),
      );
    },
  };
}

/**
 * A run of one capitalized word holds no name (`personName` wants two words or more): most runs are one word (a
 * sentence's first, a place), so they are passed over before their role is read.
 */
const isSeveralWords = (run: string): boolean => run.includes(' ');

/** The role of an appositive right after a name run ending at `end`: there is one only where a comma follows. */
function roleAfter(sentence: string, end: number): string | null {
  return sentence[end] === ',' ? appositiveRole(sentence.slice(end)) : null;
}

/**
 * The person's name in a run of capitalized words: after any title or other name before it ("Apple CEO | Tim
 * Cook", "Rep. | Ilhan Omar"), without a sentence-opening word ("But | Lewis Ward"); two words or more, and neither
 * a place nor an institution. Without a role after it, it must open with a known first name or have no ordinary
 * word ("Kym Lino", not "Go-Kart Track"). Null when the run holds no such name.
 */
function personName(run: string, hasRole: boolean): string | null {
  if (/['’]s?$/u.test(run)) return null; // "Tim Cook's": a possessive, not an introduction
  const words = run.split(' ');
  const bare = (word: string) => stripPossessive(word).replace(/\./g, '').toLowerCase();
  const lastPrefix = words.findLastIndex((word, i) => i < words.length - 1 && (TITLE_WORDS.has(bare(word)) || HONORIFICS.has(bare(word)) || /['’]s$/u.test(word)));
  let name = words.slice(lastPrefix + 1);
  while (name.length && isOrdinaryWord(bare(name[0]))) name = name.slice(1);
  if (name.length < 2 || name.length > 4) return null;
  const text = name.join(' ').replace(/\.$/u, '');
  if (name.some((word) => ORGANIZATION_CUES.has(bare(word)) || PLACE_CUES.has(bare(word)))) return null;
  if (isPlaceWord(text) || isOrganizationWord(text) || name.some((word) => /^\p{Lu}{2,}$/u.test(word.replace(/\./g, '')))) return null;
  if (!hasRole && !isFirstName(bare(name[0])) && name.some((word) => isCommonWord(bare(word)))) return null;
  return text;
}

const isOrdinaryWord = (word: string) => (isCommonWord(word) && !isFirstName(word)) || isCalendarWord(word);

/** `, Apple's chief executive,` / `, a spokesperson for Instagram.`: a role when it names what a person is. */
function appositiveRole(after: string): string | null {
  const match = APPOSITIVE.exec(after);
  if (!match) return null;
  // The sentence's full stop is not part of the role; the last stop of "U.S." is.
  const role = match[1].trim().replace(/(?<!\.\p{L})\.$/u, '');
  const words = role.split(/\s+/u);
  if (words.length > MAX_ROLE_WORDS || NOT_A_ROLE_OPENER.has(words[0].toLowerCase())) return null;
  if (SPEECH_VERB_WORD.test(role) || !words.some(isPersonWord)) return null;
  return role;
}
