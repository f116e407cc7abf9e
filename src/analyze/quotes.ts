import type { Entity, EntityMention, Quote, Sentence } from './types.js';
import { findQuoteSpans, isRealQuote, type QuoteSpan } from './quote-spans.js';
import { CLOSING_SPEECH_VERB, SPEECH_VERB, VERB_FIRST } from './speech-verbs.js';

/** How many sentences back a pronoun or an unattributed quotation may look for its speaker. */
const LOOKBACK = 3;
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

interface Speaker {
  speaker: string | null;
  speakerKey: string | null;
}

const NOBODY: Speaker = { speaker: null, speakerKey: null };

interface Context {
  sentences: readonly Sentence[];
  /** Per sentence position in `sentences`: mentions outside quotation marks. */
  mentionsBySentence: EntityMention[][];
  entities: ReadonlyMap<string, Entity>;
  /** Per sentence position: speakers of its quotes found so far. */
  speakersBySentence: Speaker[][];
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
  const context: Context = { sentences, mentionsBySentence, entities, speakersBySentence: sentences.map(() => []) };

  const quotes: Quote[] = [];
  sentences.forEach((sentence, position) => {
    const spans = spansBySentence[position];
    spans.forEach((span, i) => {
      if (!isRealQuote(sentence.text, span)) return;
      const speaker = attribute(context, position, spans, i);
      context.speakersBySentence[position].push(speaker);
      quotes.push({
        text: quoteText(sentence.text, span),
        speaker: speaker.speaker,
        speakerKey: speaker.speakerKey,
        articleId: sentence.articleId,
        sentenceIndex: sentence.index,
      });
    });
  });
  return quotes;
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
  // A quotation standing alone continues the speaker of the sentences before.
  if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return resolvePronoun(context, position, 0);
  return NOBODY;
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
  const clauseStart = lastBoundary(after, verb.index);
  const phrase = after.slice(clauseStart, verb.index);
  return resolvePhrase(context, position, phrase, offset + clauseStart);
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
  const resolved = resolvePhrase(context, position, phrase, offset + clauseStart);
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
  const bare = trimmed.replace(/^the\s+/iu, '');
  if (words.length > 7 || words.some((word) => CLAUSE_WORDS.has(word.toLowerCase()))) return null;
  const whole = inside.find((m) => m.surface === bare || m.surface === trimmed);
  if (whole) return speakerOf(context, whole.key);
  const head = words.at(-1)!;
  const named = head === head.toLowerCase() ? organizationNamedBy(context, position, start, head) : null;
  if (named) return named;
  if (bare === bare.toLowerCase() && DOCUMENT_NOUNS.has(head.toLowerCase())) {
    return previousSpeaker(context, position) ?? { speaker: bare, speakerKey: null };
  }
  return { speaker: bare, speakerKey: null };
}

function speakerOf(context: Context, key: string): Speaker {
  const entity = context.entities.get(key);
  return entity ? { speaker: entity.name, speakerKey: entity.key } : NOBODY;
}

const isPerson = (context: Context, mention: EntityMention) => context.entities.get(mention.key)?.type === 'person';

/** He / she: the nearest person before it in the sentence, else the speaker or subject of the sentences before. */
function resolvePronoun(context: Context, position: number, at: number): Speaker {
  const before = context.mentionsBySentence[position].filter((m) => isPerson(context, m) && (m.end ?? 0) <= at).at(-1);
  if (before) return speakerOf(context, before.key);
  for (let back = position - 1; back >= Math.max(0, position - LOOKBACK); back--) {
    const quoted = context.speakersBySentence[back].filter((speaker) => speaker.speakerKey?.startsWith('person:')).at(-1);
    if (quoted) return quoted;
    const subject = context.mentionsBySentence[back].find((m) => isPerson(context, m));
    if (subject) return speakerOf(context, subject.key);
  }
  return NOBODY;
}

/** The first person (else organization) named before `at` in the sentence: who the sentence is about. */
function sentenceSubject(context: Context, position: number, at: number): Speaker | null {
  const named = context.mentionsBySentence[position].filter((m) => (m.end ?? 0) <= at);
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
