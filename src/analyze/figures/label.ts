/** The label of a figure: what the number counts or measures, read from the words around it. */
import type { Quantity } from '../types.js';
import { classesAt, LETTER, MARK } from '../../text/letters.js';

interface Word {
  text: string;
  lower: string;
  /** Punctuation ends a phrase; words and numbers do not. */
  punct: boolean;
}

/** Abbreviations with inner dots ("U.S.") are one word; then words, numbers and single marks. */
const WORD_OR_PUNCT = /(?:\p{L}\.){2,}|[\p{L}\p{M}][\p{L}\p{M}'’-]*|\d[\d.,]*|[^\s\p{L}\p{M}\d]/gu;
/** A web address ends a label: "25 snaps pic.twitter.com/..." counts snaps. */
const WEB_ADDRESS = /(?:https?:\/\/|www\.|\b[\p{L}\d-]+\.[\p{L}.]{2,}\/)\S*/gu;

function words(text: string): Word[] {
  // Every web address has a slash or "www." in it: most texts have neither, and the address pattern is slow to fail.
  const withoutAddresses = text.includes('/') || text.includes('www.') ? text.replace(WEB_ADDRESS, ' | ') : text;
  return (withoutAddresses.match(WORD_OR_PUNCT) ?? []).map((w) => ({ text: w, lower: w.toLowerCase(), punct: startsWithPunctuation(w) }));
}

/**
 * A mark rather than a word or number: its first character is no letter, combining mark or (ASCII, as `\d` reads)
 * digit, told by text/letters.ts's table.
 */
export function startsWithPunctuation(word: string): boolean {
  const code = word.charCodeAt(0);
  return !(code >= 0x30 && code <= 0x39) && (classesAt(word, 0) & (LETTER | MARK)) === 0;
}

/** Function words that end a noun phrase after a number. */
const STOP = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'without', 'of',
  'as', 'than', 'that', 'which', 'who', 'whom', 'whose', 'while', 'when', 'where', 'after', 'before', 'during', 'over',
  'under', 'since', 'until', 'into', 'onto', 'across', 'against', 'between', 'through', 'per', 'via', 'is', 'are',
  'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'can', 'may',
  'might', 'must', 'said', 'says', 'say', 'it', 'its', 'this', 'these', 'those', 'their', 'his', 'her', 'our', 'your',
  'my', 'them', 'they', 'he', 'she', 'we', 'you', 'i', 'if', 'so', 'also', 'not', 'no', 'up', 'down', 'out', 'about',
  'more', 'less', 'fewer', 'most', 'least', 'just', 'only', 'some', 'all', 'each', 'every', 'both', 'there', 'here',
  'then', 'than', 'ago', 'earlier', 'later', 'last', 'next', 'according', 'including', 'like', 'amid', 'among', 'do',
  'did', 'does', 'such', 'because', 'though', 'although', 'yet', 'what', 'how', 'why', 'again', 'too', 'very',
  // Time words close a phrase too: "$100,000 bond Wednesday evening".
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tomorrow',
  'tonight', 'morning', 'evening', 'afternoon',
]);

/** Determiners and possessives skipped after "of": "371 of its civilians". */
const DETERMINERS = new Set(['the', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'these', 'those', 'them', 'all', 'whom', 'which']);

/** Hedges between a verb and its number: "pledged over €10bn", "killed at least 232". */
const HEDGES = new Set(['over', 'about', 'around', 'nearly', 'almost', 'some', 'roughly', 'approximately', 'more', 'than', 'at', 'least', 'up', 'to', 'just', 'under', 'only', 'a', 'an', 'total', 'of', 'another', 'further', 'additional', 'extra', 'record', 'estimated', 'reported', 'least']);

/** Heads of money and rate phrases that usually sit before the number: "the total cost ... at €506bn". */
const VALUE_HEADS = new Set([
  'cost', 'costs', 'value', 'price', 'prices', 'budget', 'bill', 'deficit', 'surplus', 'debt', 'revenue', 'revenues',
  'sales', 'profit', 'profits', 'loss', 'losses', 'worth', 'aid', 'funding', 'package', 'investment', 'damage', 'damages',
  'fine', 'fee', 'fees', 'salary', 'income', 'spending', 'growth', 'inflation', 'rate', 'unemployment', 'turnout',
  'share', 'stake', 'toll', 'output', 'exports', 'imports', 'tariff', 'tariffs', 'tax', 'taxes', 'deal', 'contract',
]);

const MAX_LABEL_WORDS = 6;

/**
 * True when the text reads as English: the figure grammar (units, labels, year cues) is English, and a sentence of
 * four words or more without a single English function word is in another language ("3a etapa: 22 de abril").
 */
export function readsAsEnglish(text: string): boolean {
  // Whole words only: the "a" of "3a etapa" is not the English article.
  const letters = (text.match(/(?<![\p{L}\p{M}\d])[\p{L}\p{M}]+(?![\p{L}\p{M}\d])/gu) ?? []).map((w) => w.toLowerCase());
  return letters.length < 4 || letters.some((w) => STOP.has(w));
}

function isContent(w: Word | undefined): boolean {
  return w !== undefined && !w.punct && !STOP.has(w.lower) && !/^\d/.test(w.text);
}

/** A noun phrase right after the number: "drones and missiles", "people killed", "wounded", "ceasefire". */
function phraseAfter(after: Word[]): string[] {
  let k = 0;
  // "€10bn (£8.6bn) to ...": a parenthetical conversion is not the label.
  if (after[0]?.text === '(') {
    const close = after.findIndex((w) => w.text === ')');
    if (close > 0 && close < 8) k = close + 1;
  }
  if (after[k]?.lower === 'of') {
    k++;
    while (after[k] && DETERMINERS.has(after[k]!.lower)) k++;
  }
  const out: string[] = [];
  // "400 737 Max jets": a model number right after the count is part of what is counted.
  if (/^\d+$/.test(after[k]?.text ?? '') && /^\p{Lu}/u.test(after[k + 1]?.text ?? '')) {
    out.push(after[k]!.text);
    k++;
  }
  while (k < after.length && out.length < MAX_LABEL_WORDS) {
    const w = after[k]!;
    if (isContent(w)) {
      out.push(w.text);
      k++;
      continue;
    }
    // "drones and missiles": "and" joins two content words, but not a second figure ("and 1,343 wounded").
    // ...nor a second clause ("two people and injured more").
    const joinsNouns = isContent(after[k + 1]) && (!/ed$/i.test(after[k + 1]!.text) || /ed$/i.test(out[out.length - 1] ?? ''));
    if ((w.lower === 'and' || w.lower === 'or') && out.length > 0 && joinsNouns && out.length < 3) {
      out.push(w.text);
      k++;
      continue;
    }
    break;
  }
  if (out.length > 0 && (out[out.length - 1] === 'and' || out[out.length - 1] === 'or')) out.pop();
  return out;
}

/** "to help rebuild Ukraine", "for reconstruction": a purpose after a sum of money. */
function purposeAfter(after: Word[]): string[] {
  let k = 0;
  if (after[0]?.text === '(') {
    const close = after.findIndex((w) => w.text === ')');
    if (close > 0 && close < 8) k = close + 1;
  }
  const lead = after[k];
  if (!lead || (lead.lower !== 'to' && lead.lower !== 'for' && lead.lower !== 'in')) return [];
  if (!isContent(after[k + 1])) return [];
  const out: string[] = [lead.text];
  for (let j = k + 1; j < after.length && out.length < MAX_LABEL_WORDS; j++) {
    const w = after[j]!;
    if (w.punct || /^\d/.test(w.text) || (w.lower === 'and' && out.length > 2) || w.lower === 'with' || w.lower === 'while') break;
    out.push(w.text);
  }
  return out;
}

/** The verb before the number, past hedges: "pledged over €10bn" -> "pledged". */
function verbBefore(before: Word[]): string | null {
  let k = before.length - 1;
  while (k >= 0 && HEDGES.has(before[k]!.lower)) k--;
  const w = before[k];
  if (!w || w.punct || !/^[a-z]+(ed|ing)$/i.test(w.text) && !['pledged', 'paid', 'spent', 'lost', 'won', 'cost', 'raised', 'sold', 'bought', 'gave', 'sent', 'put'].includes(w.lower)) return null;
  return w.text;
}

/** A value noun before the number: "the estimated total cost of reconstruction ... at €506bn". */
function headBefore(before: Word[]): string[] {
  for (let k = before.length - 1; k >= 0 && k >= before.length - 14; k--) {
    const w = before[k]!;
    if (w.punct && w.text !== ',') break;
    if (!VALUE_HEADS.has(w.lower)) continue;
    let start = k;
    while (start > 0 && isContent(before[start - 1]) && k - start < 2) start--;
    const out = before.slice(start, k + 1).map((x) => x.text);
    if (before[k + 1]?.lower === 'of') {
      for (let j = k + 1; j < before.length && out.length < MAX_LABEL_WORDS + 2; j++) {
        const x = before[j]!;
        if (x.punct || ['at', 'to', 'by', 'in', 'was', 'is', 'were', 'are', 'of'].includes(x.lower) && j > k + 1) break;
        out.push(x.text);
      }
    }
    while (out.length > 1 && STOP.has(out[out.length - 1]!.toLowerCase())) out.pop();
    return out;
  }
  return [];
}

/** Verbs of human cost that say what happened to the people counted. */
const CASUALTY_VERBS = new Set([
  'killed', 'wounded', 'injured', 'hurt', 'arrested', 'detained', 'evacuated', 'displaced', 'rescued', 'kidnapped',
  'abducted', 'executed', 'captured', 'released', 'freed', 'infected', 'hospitalised', 'hospitalized',
]);

/** "wounded 16 people" -> "people wounded": the verb tells apart figures that count the same nouns. */
function withCasualtyVerb(noun: string[], before: Word[]): string[] {
  const verb = verbBefore(before);
  if (!verb || !CASUALTY_VERBS.has(verb.toLowerCase())) return noun;
  if (noun.some((w) => CASUALTY_VERBS.has(w.toLowerCase()))) return noun;
  return [...noun, verb.toLowerCase()];
}

/** The last few content words before the number, as a fallback. */
function tailBefore(before: Word[]): string[] {
  const out: string[] = [];
  let k = before.length - 1;
  while (k >= 0 && HEDGES.has(before[k]!.lower)) k--;
  for (; k >= 0 && out.length < 3; k--) {
    const w = before[k]!;
    if (!isContent(w)) break;
    out.unshift(w.text);
  }
  return out;
}

/** What a quantity in a sentence counts or measures; empty when nothing sensible is near. */
export function labelFor(sentence: string, q: Quantity): string {
  const after = words(sentence.slice(q.end, q.end + 200));
  const before = words(sentence.slice(Math.max(0, q.start - 200), q.start));
  const noun = phraseAfter(after);
  if (noun.length > 0) return withCasualtyVerb(noun, before).join(' ');
  if (q.kind === 'money' || q.kind === 'count' || q.kind === 'number' || q.kind === 'percent') {
    const purpose = purposeAfter(after);
    if (purpose.length > 0) {
      const verb = verbBefore(before);
      return (verb ? [verb, ...purpose] : purpose).join(' ');
    }
    const head = headBefore(before);
    if (head.length > 0) return head.join(' ');
  }
  // Counts and durations with nothing after them stay unlabelled: the words before are rarely what they count.
  if (q.kind === 'money' || q.kind === 'percent' || q.kind === 'measure') return tailBefore(before).join(' ');
  return '';
}
