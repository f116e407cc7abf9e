import type { Entity, EntityMention, Quote, QuoteProblem, Sentence, SpeakerKind } from './types.js';
import { ORGANIZATION_CUES, PLACE_CUES, TITLE_WORDS } from './name-words.js';
import { hasVerb } from './lexicon.js';
import { introducedPeople, isPersonWord, type IntroducedPeople } from './quote-speakers.js';
import { findQuoteSpans, isRealQuote, quoteTextProblem, type QuoteSpan } from './quote-spans.js';
import { isWireService } from '../text/agencies.js';
import { wordCount } from '../text/words.js';
import { CLOSING_SPEECH_VERB, SPEECH_VERB, VERB_FIRST } from './speech-verbs.js';

/** How many sentences back a pronoun or an unattributed quotation may look for its speaker. */
const LOOKBACK = 3;
/** Words an attribution standing as its own sentence may carry after the verb ("he told reporters on Monday."). */
const MAX_WORDS_AFTER_ATTRIBUTION = 4;
/** Organizations stay the topic longer than pronouns do: how far back `the ministry` may find its name. */
const ORGANIZATION_LOOKBACK = 6;

const PERSON_PRONOUNS = new Set(['he', 'she']);
const OTHER_PRONOUNS = new Set(['they', 'it', 'we', 'i', 'you', 'who', 'which']);
/** Words a speaker phrase never contains: they show the phrase is a clause, not a name ("only a day after Ukraine"). */
const CLAUSE_WORDS = new Set([
  'after', 'before', 'when', 'while', 'as', 'which', 'who', 'that', 'if', 'because', 'since', 'than', 'only', 'not',
  'in', 'on', 'at', 'with', 'to', 'from', 'by', 'for', 'and', 'but', 'or', 'it', 'they', 'this', 'these', 'there',
  'is', 'was', 'were', 'are', 'had', 'has', 'have', 'be', 'been', 'would', 'will', 'could', 'can', 'though',
  'although', 'so', 'yet', 'most', 'more', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'also',
]);
/** A document as the "speaker" (`the statement added`): the quotation continues the previous speaker's. */
const DOCUMENT_NOUNS = new Set(['statement', 'report', 'readout', 'release', 'letter', 'post', 'message', 'note', 'communiqué', 'communique']);

/**
 * News agencies report other people's words: "according to AFP", "told Reuters" never make them the speaker.
 * Outlets are caught by the last word of their name (OUTLET_WORDS); agencies' names do not show what they are, so
 * they are looked up (text/agencies).
 */
const OUTLET_WORDS = new Set(['news', 'times', 'post', 'press', 'journal', 'herald', 'tribune', 'gazette', 'magazine', 'newspaper']);

/** Words that open the description of an unnamed source: "a spokesperson for CBP", "two people familiar with ...". */
const INDEFINITE_OPENERS = new Set([
  'a', 'an', 'one', 'another', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'some',
  'many', 'multiple',
]);
/** Words after which a source's description goes on about whom they work for or what they know. */
const DESCRIPTION_BREAKS = new Set([
  'for', 'of', 'at', 'with', 'in', 'from', 'on', 'to', 'familiar', 'close', 'who', 'briefed', 'involved', 'speaking',
  'knowledgeable', 'inside', 'within',
]);
interface Speaker {
  speaker: string | null;
  speakerKey: string | null;
  kind: SpeakerKind | null;
  /** A person, whom a later he / she may stand for. */
  person: boolean;
  role?: string | null;
}

const NOBODY: Speaker = { speaker: null, speakerKey: null, kind: null, person: false };

interface Context {
  sentences: readonly Sentence[];
  /** Per sentence position in `sentences`: mentions outside quotation marks. */
  mentionsBySentence: EntityMention[][];
  entities: ReadonlyMap<string, Entity>;
  spansBySentence: QuoteSpan[][];
  /** Per sentence position: speakers of its quotes found so far. */
  speakersBySentence: Speaker[][];
  /** Full names and roles the article introduces its people with. */
  people: IntroducedPeople;
}

/**
 * Quotations in an article's sentences with their speakers: straight or curly double quotes and single-quoted
 * stretches of three words or more (one or two words in quotes are scare quotes, not quotations).
 */
export function extractQuotes(
  sentences: readonly Sentence[],
  mentions: readonly EntityMention[],
  entities: ReadonlyMap<string, Entity>,
): Quote[] {
  const spansBySentence = sentences.map((sentence) => findQuoteSpans(sentence.text));
  const positionOf = new Map(sentences.map((sentence, position) => [sentence.index, position]));
  const mentionsBySentence: EntityMention[][] = sentences.map(() => []);
  for (const mention of mentions) {
    const position = positionOf.get(mention.sentenceIndex);
    if (position === undefined) continue;
    const spans = spansBySentence[position];
    const start = mention.start ?? -1;
    if (!spans.some((span) => start >= span.start && start < span.end)) mentionsBySentence[position].push(mention);
  }
  for (const list of mentionsBySentence) list.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  // The people an article introduces are read only when a quote is to be attributed: many articles quote no one.
  let people: IntroducedPeople | undefined;
  const context: Context = {
    sentences,
    spansBySentence,
    mentionsBySentence,
    entities,
    speakersBySentence: sentences.map(() => []),
    get people() {
      return (people ??= introducedPeople(sentences.map((sentence) => sentence.text)));
    },
  };

  const quotes: Quote[] = [];
  sentences.forEach((sentence, position) => {
    const spans = spansBySentence[position];
    spans.forEach((span, i) => {
      if (!isRealQuote(sentence.text, span)) return;
      const speaker = withFullName(context, attribute(context, position, spans, i));
      context.speakersBySentence[position].push(speaker);
      const text = quoteText(sentence.text, span);
      quotes.push({
        text,
        speaker: speaker.speaker,
        speakerKey: speaker.speakerKey,
        speakerKind: speaker.kind,
        speakerRole: speaker.role ?? null,
        problem: quoteProblem(text, speaker),
        articleId: sentence.articleId,
        sentenceIndex: sentence.index,
      });
    });
  });
  return quotes;
}

/**
 * Precision first: a quote is shown only as a statement by a speaker a reader can place. The verb test parses the
 * words, so it runs last, on quotes that pass the rest ("for several more years", "one country, two systems").
 */
function quoteProblem(text: string, speaker: Speaker): QuoteProblem | null {
  return quoteTextProblem(text) ?? (speaker.kind === null ? 'no-speaker' : null) ?? (hasVerb(text) ? null : 'no-verb');
}

/** A person named by surname alone ("Cook") gets the full name and role the article introduced them with. */
function withFullName(context: Context, speaker: Speaker): Speaker {
  if (speaker.kind !== 'named' || speaker.speaker === null) return speaker;
  if (speaker.speakerKey !== null && !speaker.speakerKey.startsWith('person:')) return speaker;
  const name = context.people.fullName(speaker.speaker) ?? speaker.speaker;
  return { ...speaker, speaker: name, role: context.people.roleOf(name) };
}

function quoteText(text: string, span: QuoteSpan): string {
  return text.slice(span.innerStart, span.innerEnd).trim().replace(/[,;:]$/u, '').trim();
}

function attribute(context: Context, position: number, spans: readonly QuoteSpan[], index: number): Speaker {
  const text = context.sentences[position].text;
  const span = spans[index];
  const afterEnd = spans[index + 1]?.start ?? text.length;
  const beforeStart = spans[index - 1]?.end ?? 0;
  const after = text.slice(span.end, afterEnd);
  const before = text.slice(beforeStart, span.start);
  const earlierInSentence = context.speakersBySentence[position].find((speaker) => speaker.speaker !== null);

  const found =
    fromVerbFirst(context, position, after, span.end) ??
    fromClosingClause(context, position, after, span.end) ??
    fromOpeningClause(context, position, before, beforeStart, earlierInSentence);
  if (found) return found;
  if (earlierInSentence) return earlierInSentence;
  if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
    return attributionAfter(context, position) ?? continuedSpeaker(context, position);
  }
  return NOBODY;
}

/** `"... investigation?'" Holmes testified.`: the sentence after a quotation standing alone may be only its attribution. */
function attributionAfter(context: Context, position: number): Found {
  const next = position + 1;
  const text = context.sentences[next]?.text;
  if (!text || context.spansBySentence[next].length > 0) return null;
  CLOSING_SPEECH_VERB.lastIndex = 0;
  const verb = CLOSING_SPEECH_VERB.exec(text);
  if (!verb || wordCount(text.slice(verb.index + verb[0].length)) > MAX_WORDS_AFTER_ATTRIBUTION) return null;
  return fromClosingClause(context, next, text, 0);
}

type Found = Speaker | null;

/** `"...," said Danielle Bell, head of ...` */
function fromVerbFirst(context: Context, position: number, after: string, offset: number): Found {
  const lead = /^[\s,;:—–-]*/u.exec(after)![0].length;
  const verb = VERB_FIRST.exec(after.slice(lead));
  if (!verb) return null;
  const phraseStart = lead + verb[0].length;
  // A period before a capital inside one sentence belongs to an abbreviation ("said Rep. Mark Walker").
  const phrase = /^(?:[^,.;:()"“”]|\.(?=\s*\p{Lu}))*/u.exec(after.slice(phraseStart))![0];
  return resolvePhrase(context, position, phrase, offset + phraseStart);
}

/** `"...," Rubio told reporters` / `"...," Moscow's foreign ministry said` / `..., he added.` */
function fromClosingClause(context: Context, position: number, after: string, offset: number): Found {
  CLOSING_SPEECH_VERB.lastIndex = 0;
  const verb = CLOSING_SPEECH_VERB.exec(after);
  if (!verb) return null;
  const subject = appositiveSubject(after.slice(0, verb.index));
  if (subject) return resolvePhrase(context, position, subject.phrase, offset + subject.start);
  const clauseStart = lastBoundary(after, verb.index);
  const phrase = after.slice(clauseStart, verb.index);
  return resolvePhrase(context, position, phrase, offset + clauseStart);
}

/**
 * `NAME, ROLE, said`: the subject standing before an appositive that says who they are ("John Williams, the
 * president of the New York Fed, said"; "Dylan Nelson, a postdoctoral fellow at ..., Germany, and co-author of the
 * study, said"), or null when the verb does not follow such an appositive.
 */
function appositiveSubject(text: string): { phrase: string; start: number } | null {
  const parts: { text: string; start: number }[] = [];
  let start = 0;
  for (const mark of text.matchAll(/[,;:()—–]/gu)) {
    parts.push({ text: text.slice(start, mark.index), start });
    start = (mark.index ?? 0) + 1;
  }
  parts.push({ text: text.slice(start), start });
  if (parts.length < 3 || parts.at(-1)!.text.trim()) return null;
  for (let i = parts.length - 3; i >= 0; i--) {
    if (parts[i].text.trim() && describesPerson(parts[i + 1].text)) return { phrase: parts[i].text, start: parts[i].start };
  }
  return null;
}

/** "a postdoctoral fellow at ...", "Apple's chief executive", "CEO of Take-Two": what a person is. */
function describesPerson(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/u);
  return /^(?:a|an|the|another|one)$/iu.test(words[0]) || /\p{L}['’]s$/u.test(words[0]) || words.some(isPersonWord);
}

/** Just after the last clause punctuation before `end` (0 when none). */
function lastBoundary(text: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) if (',;:()—–'.includes(text[i])) return i + 1;
  return 0;
}

/** `Rubio said: "..."` / `Lavrov assured that ... "..."` / `He further vowed that "..."` */
function fromOpeningClause(
  context: Context,
  position: number,
  before: string,
  offset: number,
  earlierInSentence: Speaker | undefined,
): Found {
  const verbs = [...before.matchAll(SPEECH_VERB)];
  const verb = verbs.at(-1);
  if (!verb || verb.index === undefined) return null;
  const head = before.slice(0, verb.index);
  const boundaries = [...head.matchAll(/[,;:()—–]|\b(?:and|but|that|while|as|who|which)\b/giu)];
  const last = boundaries.at(-1);
  const clauseStart = last?.index === undefined ? 0 : last.index + last[0].length;
  const phrase = head.slice(clauseStart);
  const subject = phrase.trim() ? null : appositiveSubject(head);
  const resolved = subject
    ? resolvePhrase(context, position, subject.phrase, offset + subject.start)
    : resolvePhrase(context, position, phrase, offset + clauseStart);
  if (resolved) return resolved;
  // `..., adding: "..."`: the verb's subject is the speaker already quoted in this sentence, else its subject.
  return earlierInSentence ?? sentenceSubject(context, position, offset + verb.index);
}

function resolvePhrase(context: Context, position: number, phrase: string, offset: number): Found {
  const trimmed = phrase.trim();
  if (!trimmed) return null;
  const start = offset + phrase.indexOf(trimmed);
  const end = start + trimmed.length;
  const words = trimmed.split(/\s+/u);
  const firstWord = words[0].toLowerCase();
  if (PERSON_PRONOUNS.has(firstWord)) return resolvePronoun(context, position, start);
  if (OTHER_PRONOUNS.has(firstWord)) return NOBODY;
  const pronoun = /\b(?:he|she)\b/iu.exec(trimmed);
  if (pronoun) return resolvePronoun(context, position, start + pronoun.index);
  const inside = context.mentionsBySentence[position].filter((m) => (m.start ?? -1) >= start && (m.end ?? -1) <= end);
  const person = inside.filter((m) => context.entities.get(m.key)?.type === 'person').at(-1);
  if (person) return speakerOf(context, person.key);
  const source = unnamedSource(trimmed);
  if (source) return source;
  const bare = trimmed.replace(/^the\s+/iu, '');
  if (words.length > 7 || words.some((word) => CLAUSE_WORDS.has(word.toLowerCase()))) return null;
  const whole = inside.find((m) => m.surface === bare || m.surface === trimmed);
  // A news agency in the attribution ("according to AFP") reported the words: another clause may name the speaker.
  if (whole) return speakerOf(context, whole.key);
  const head = words.at(-1)!;
  const named = head === head.toLowerCase() ? organizationNamedBy(context, position, start, head) : null;
  if (named) return named;
  if (DOCUMENT_NOUNS.has(head.toLowerCase())) return previousSpeaker(context, position) ?? NOBODY;
  // "the group", "the man", "Office": a description that names nobody is not a speaker a reader can place.
  return describedName(context, bare, inside) ?? NOBODY;
}

/** An entity that can speak: not a news agency or outlet reporting the words, not a lone common noun ("Office"). */
function speakerOf(context: Context, key: string): Speaker | null {
  const entity = context.entities.get(key);
  if (!entity || isReporter(entity) || isLoneCommonNoun(entity.name)) return null;
  return { speaker: entity.name, speakerKey: entity.key, kind: 'named', person: entity.type === 'person' };
}

function isReporter(entity: Entity): boolean {
  if (entity.type !== 'organization') return false;
  const name = entity.name.toLowerCase();
  return isWireService(name) || OUTLET_WORDS.has(name.split(/\s+/u).at(-1)!);
}

/** "Office", "Centre", "Group", "Statement": a capital at a line start does not make a common noun a name. */
function isLoneCommonNoun(name: string): boolean {
  const word = name.toLowerCase();
  if (/\s/u.test(word)) return false;
  return ORGANIZATION_CUES.has(word) || PLACE_CUES.has(word) || TITLE_WORDS.has(word) || DOCUMENT_NOUNS.has(word);
}

/**
 * A name the recognizer did not type ("Ward" in `says Ward`), or an organization described around a name
 * ("Moscow's foreign ministry"): named, kept as written.
 */
function describedName(context: Context, phrase: string, inside: readonly EntityMention[]): Speaker | null {
  const words = phrase.split(/\s+/u);
  const asWritten: Speaker = { speaker: phrase, speakerKey: null, kind: 'named', person: context.people.isPerson(phrase) };
  if (words.every((word) => /^\p{Lu}/u.test(word)) && !isLoneCommonNoun(phrase)) return asWritten;
  const head = words.at(-1)!.toLowerCase();
  const namesSomething = inside.some((m) => speakerOf(context, m.key) !== null);
  return namesSomething && ORGANIZATION_CUES.has(head) ? asWritten : null;
}

/**
 * A source the article describes but does not name ("a spokesperson for CBP", "an insider", "US officials"), labelled
 * as written with its determiner in lower case. A definite description ("the man") points back to someone the article
 * named or described before and is not a label a reader can use.
 */
function unnamedSource(phrase: string): Speaker | null {
  const words = phrase.split(/\s+/u);
  const opener = words[0].toLowerCase();
  if (opener === 'the') return null;
  const indefinite = INDEFINITE_OPENERS.has(opener);
  const description = words.slice(indefinite ? 1 : 0);
  const breakAt = description.findIndex((word, i) => i > 0 && DESCRIPTION_BREAKS.has(word.toLowerCase()));
  const core = breakAt < 0 ? description : description.slice(0, breakAt);
  if (core.length === 0 || core.length > 4 || words.length > 8) return null;
  const head = core.at(-1)!.toLowerCase();
  if (!isPersonWord(head)) return null;
  // Without a determiner only a plural describes sources ("officials said"); "spokesman said" is a headline.
  if (!indefinite && !isPlural(head)) return null;
  const label = indefinite ? opener + phrase.slice(words[0].length) : phrase;
  return { speaker: label, speakerKey: null, kind: 'unnamed', person: true };
}

const isPlural = (word: string) => word === 'people' || word === 'police' || /[^s]s$/u.test(word);

const isPerson = (context: Context, mention: EntityMention) => context.entities.get(mention.key)?.type === 'person';

/** He / she: the nearest person before it in the sentence, else the speaker or subject of the sentences before. */
function resolvePronoun(context: Context, position: number, at: number): Speaker {
  const before = context.mentionsBySentence[position].filter((m) => isPerson(context, m) && (m.end ?? 0) <= at).at(-1);
  if (before) return speakerOf(context, before.key) ?? NOBODY;
  for (let back = position - 1; back >= Math.max(0, position - LOOKBACK); back--) {
    const quoted = context.speakersBySentence[back].filter((speaker) => speaker.person).at(-1);
    if (quoted) return quoted;
    const subject = context.mentionsBySentence[back].find((m) => isPerson(context, m));
    // A full name the recognizer missed ("Lakshiwnder Singh, another deportee, said ...") may come first.
    const introduced = context.people.firstNamedIn(context.sentences[back].text);
    if (introduced && (!subject || introduced.start < (subject.start ?? 0))) {
      return { speaker: introduced.name, speakerKey: null, kind: 'named', person: true };
    }
    if (subject) return speakerOf(context, subject.key) ?? NOBODY;
  }
  return NOBODY;
}

/**
 * A quotation standing alone runs on from the last quotation before it, whoever that was (nobody, when its speaker
 * could not be placed: the run-on must not skip back to an earlier speaker). A person merely named before is not
 * enough: the attribution often follows in the next sentence, and may name someone else.
 */
function continuedSpeaker(context: Context, position: number): Speaker {
  for (let back = position - 1; back >= Math.max(0, position - LOOKBACK); back--) {
    const quoted = context.speakersBySentence[back].at(-1);
    if (quoted) return quoted;
    // A person's reported speech is a quotation's too: `The tuft cell, Herbert said, is constantly sensing ...` then
    // `"Once ..."`.
    const reporting = context.spansBySentence[back].length ? null : fromOpeningClause(context, back, context.sentences[back].text, 0, undefined);
    if (reporting?.person) return reporting;
  }
  return NOBODY;
}

/** The first person (else organization) named before `at` in the sentence: who the sentence is about. */
function sentenceSubject(context: Context, position: number, at: number): Speaker | null {
  const named = context.mentionsBySentence[position].filter((m) => (m.end ?? 0) <= at && speakerOf(context, m.key) !== null);
  const subject = named.find((m) => isPerson(context, m)) ?? named.find((m) => context.entities.get(m.key)?.type === 'organization');
  return subject ? speakerOf(context, subject.key) : null;
}

/** `the ministry said`: the organization just named whose name has that word ("Russian Ministry of Foreign Affairs"). */
function organizationNamedBy(context: Context, position: number, at: number, head: string): Speaker | null {
  const word = new RegExp(`(?:^|\\s)${head.replace(/[^\p{L}\p{N}]/gu, '')}(?:\\s|$)`, 'iu');
  for (let back = position; back >= Math.max(0, position - ORGANIZATION_LOOKBACK); back--) {
    const candidates = context.mentionsBySentence[back].filter(
      (m) => (back < position || (m.end ?? 0) <= at) && context.entities.get(m.key)?.type === 'organization',
    );
    const match = candidates.reverse().find((m) => word.test(context.entities.get(m.key)!.name));
    if (match) return speakerOf(context, match.key);
  }
  return null;
}

/** The last speaker quoted in the few sentences before: a quotation that runs on. */
function previousSpeaker(context: Context, position: number): Speaker | null {
  for (let back = position - 1; back >= Math.max(0, position - LOOKBACK); back--) {
    const speaker = context.speakersBySentence[back].filter((s) => s.speaker !== null).at(-1);
    if (speaker) return speaker;
  }
  return null;
}
