/** extractQuantities: number phrases plus sign, currency, magnitude, unit, ranges; then the kind of each. */
import type { Quantity } from '../types.js';
import { DOZEN_WORDS, MONTHS, NEGATIVE_WORDS, SCALE_WORDS, YEAR_CUES } from './lexicon.js';
import { isNumberStart, readNumberPhrase, type NumberPhrase } from './numberPhrase.js';
import { tokenize, type Token } from './tokenize.js';
import {
  attachedMagnitude, bracketedUnitAfter, compoundUnitAfter, currencyBefore, hyphenUnitAfter, spacedMagnitude, unitAfter,
  withPowerAfter, type UnitMatch,
} from './unitMatch.js';
import { table } from './table.js';
import { UNITS_AFTER, type UnitClass } from './units.js';

interface Draft {
  value: number;
  unit: string | null;
  unitClass: UnitClass | null;
  /** Token range [first, end). */
  first: number;
  end: number;
  phrase: NumberPhrase;
  kind?: Quantity['kind'];
  /** Both ends of a range ("$40-50 billion"); value is then their midpoint. */
  range?: { low: number; high: number };
}

function isDash(t: Token | undefined): boolean {
  return t !== undefined && (t.text === '-' || t.text === '–' || t.text === '—' || t.text === '−');
}

function glued(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}

/** A minus sign: "-15", "−4/5", "minus five"; a dash between two numbers is a range or a hyphen, not a sign. */
function signBefore(tokens: Token[], i: number): { sign: number; first: number } {
  const prev = tokens[i - 1];
  if (!prev) return { sign: 1, first: i };
  if (prev.type === 'word' && NEGATIVE_WORDS.has(prev.lower)) return { sign: -1, first: i - 1 };
  if (prev.text === '-' || prev.text === '−') {
    const before = tokens[i - 2];
    if (before && (before.type === 'num' || (before.type === 'word' && glued(before, prev)))) return { sign: 1, first: i };
    if (glued(prev, tokens[i]) || !before) return { sign: -1, first: i - 1 };
  }
  return { sign: 1, first: i };
}

/** "mid-2020", "pre-1990": prefixes that make a year, not a code. */
const TIME_PREFIXES = new Set(['mid', 'pre', 'post', 'early', 'late', 'end', 'since', 'from']);

function isCodeFragment(tokens: Token[], phrase: NumberPhrase): boolean {
  const first = tokens[phrase.first]!;
  const before = tokens[phrase.first - 1];
  if (first.type !== 'num') return false;
  // "24703L202": digits, letters, digits.
  const letters = tokens[phrase.end];
  const digitsAfter = tokens[phrase.end + 1];
  if (letters?.type === 'word' && glued(tokens[phrase.end - 1], letters) && digitsAfter?.type === 'num' && glued(letters, digitsAfter)) {
    return !UNITS_AFTER.has(letters.lower + digitsAfter.text);
  }
  if (!before) return false;
  // "A320", "Bet20", "scp2": letters glued before digits (currency codes are handled before this check).
  if (before.type === 'word' && glued(before, first)) return true;
  // "OAO-1", "COVID-19", "F-16": a name, a hyphen, digits.
  const name = tokens[phrase.first - 2];
  return isDash(before) && glued(before, first) && name?.type === 'word' && glued(name, before) && !TIME_PREFIXES.has(name.lower);
}

/** "2:00", "6pm", "11 p.m.": clock times. */
function timeEnd(tokens: Token[], phrase: NumberPhrase): number | null {
  const t = tokens[phrase.first]!;
  if (t.type !== 'num' || !t.plain || phrase.end !== phrase.first + 1) return null;
  const next = tokens[phrase.end];
  if (next?.text === ':' && glued(t, next) && tokens[phrase.end + 1]?.type === 'num' && glued(next, tokens[phrase.end + 1])) {
    let end = phrase.end + 2;
    if (/^(am|pm)$/.test(tokens[end]?.lower ?? '')) end++;
    return end;
  }
  if (t.value! >= 1 && t.value! <= 12 && next?.type === 'word') {
    if (next.lower === 'am' || next.lower === 'pm') return phrase.end + 1;
    if ((next.lower === 'a' || next.lower === 'p') && tokens[phrase.end + 1]?.text === '.' && tokens[phrase.end + 2]?.lower === 'm') {
      return phrase.end + 3 + (tokens[phrase.end + 3]?.text === '.' ? 1 : 0);
    }
  }
  return null;
}

function unitAt(tokens: Token[], j: number): UnitMatch | null {
  return hyphenUnitAfter(tokens, j) ?? bracketedUnitAfter(tokens, j) ?? unitAfter(tokens, j);
}

/** "pounds" is money after a magnitude or a money context, weight otherwise. */
function resolvePound(unit: UnitMatch, scaled: boolean): UnitMatch {
  if (unit.unit === 'pound' && scaled) return { ...unit, unit: 'GBP', unitClass: 'money' };
  return unit;
}

/** "six weeks' time": a plural unit keeps its possessive apostrophe (but not an opening quote glued to a word). */
function isPossessiveApostrophe(tokens: Token[], j: number): boolean {
  const mark = tokens[j];
  const unitWord = tokens[j - 1];
  if (!mark || !unitWord || !/^['’]$/.test(mark.text) || !glued(unitWord, mark)) return false;
  return /s$/.test(unitWord.lower) && !glued(mark, tokens[j + 1]);
}

/** Number, magnitude and unit starting from a phrase; currency before the phrase is passed in. */
function completeQuantity(tokens: Token[], phrase: NumberPhrase, currency: { unit: string; multiplier: number } | null): Draft {
  let value = phrase.value * (currency?.multiplier ?? 1);
  let end = phrase.end;
  let scaled = false;
  const attached = attachedMagnitude(tokens, end, currency !== null || isMoneyAhead(tokens, end + 1));
  if (attached) {
    value *= attached.factor;
    end = attached.end;
    scaled = true;
  } else if (phrase.style === 'digits') {
    const spaced = spacedMagnitude(tokens, end);
    if (spaced) {
      value *= spaced.factor;
      end = spaced.end;
      scaled = true;
    }
  }
  scaled ||= tokens.slice(phrase.first, phrase.end).some((t) => t.type === 'word' && SCALE_WORDS[t.lower] !== undefined && SCALE_WORDS[t.lower]! >= 1e6);
  if (currency) {
    // "$ 10 dollars": the unit written twice belongs to the same quantity.
    const repeated = unitAfter(tokens, end);
    if (repeated && repeated.unit === currency.unit && tokens[end]?.type === 'word') end = repeated.end;
    const draft: Draft = { value, unit: currency.unit, unitClass: 'money', first: phrase.first, end, phrase };
    return withSubunit(tokens, draft);
  }
  const found = unitAt(tokens, end);
  if (!found) return { value, unit: null, unitClass: null, first: phrase.first, end, phrase };
  const unit = compoundUnitAfter(tokens, withPowerAfter(tokens, resolvePound(found, scaled))!);
  value *= unit.multiplier ?? 1;
  let unitEnd = unit.end;
  // "75 USD million": a magnitude after the currency.
  const late = unit.unitClass === 'money' ? spacedMagnitude(tokens, unitEnd) : null;
  if (late && SCALE_WORDS[tokens[unitEnd]!.lower] !== undefined) {
    value *= late.factor;
    unitEnd = late.end;
  }
  if (isPossessiveApostrophe(tokens, unitEnd)) unitEnd += 1;
  const draft: Draft = { value, unit: unit.unit, unitClass: unit.unitClass, first: phrase.first, end: unitEnd, phrase };
  return withSubunit(tokens, draft);
}

/** Units with a named hundredth or twelfth: "3 dollars 50 cents", "5 feet 2 inches". */
const SUBUNITS: Record<string, { words: RegExp; per: number; bare: boolean }> = table({
  USD: { words: /^(cents?|c)$/, per: 100, bare: true },
  EUR: { words: /^(cents?|c)$/, per: 100, bare: true },
  GBP: { words: /^(pence|p|pennies|penny)$/, per: 100, bare: true },
  CAD: { words: /^(cents?)$/, per: 100, bare: true },
  AUD: { words: /^(cents?)$/, per: 100, bare: true },
  foot: { words: /^(inch|inches|in|")$/, per: 12, bare: false },
});

function withSubunit(tokens: Token[], d: Draft): Draft {
  const sub = d.unit ? SUBUNITS[d.unit] : undefined;
  if (!sub || d.phrase.value !== Math.trunc(d.phrase.value) || d.value !== d.phrase.value) return d;
  let j = d.end;
  if (tokens[j]?.lower === 'and') j++;
  if (!isNumberStart(tokens[j])) return d;
  const part = readNumberPhrase(tokens, j);
  if (!part || !Number.isInteger(part.value) || part.value <= 0 || part.value >= sub.per) return d;
  const word = tokens[part.end];
  if (word && sub.words.test(word.lower)) return { ...d, value: d.value + part.value / sub.per, end: part.end + 1 };
  // "15 dollars 50." takes a bare number only when nothing it could count follows it: an end, a mark, "15 USD 50 more",
  // "one dollar and one and ..."; "5 euros and 20 more" keeps the 20 apart.
  const joined = j > d.end;
  const closes = !word || (word.type === 'sym' && word.text !== '$' && !/^[%€£¥]$/.test(word.text)) ||
    (word.lower === 'and' || word.lower === 'or' ? !joined || part.style === 'words' : !joined && (word.lower === 'more' || word.lower === 'less'));
  return sub.bare && closes ? { ...d, value: d.value + part.value / sub.per, end: part.end } : d;
}

function isMoneyAhead(tokens: Token[], j: number): boolean {
  const u = unitAfter(tokens, j);
  return u !== null && u.unitClass === 'money';
}

/** Reads one full quantity (sign, currency, number, magnitude, unit) whose number starts at token i. */
function readQuantityAt(tokens: Token[], i: number): Draft | null {
  const phrase = readNumberPhrase(tokens, i);
  if (!phrase) return null;
  if (isCodeFragment(tokens, phrase) && !currencyBefore(tokens, i)) return null;
  let currency = currencyBefore(tokens, i);
  let first = i;
  let sign = 1;
  if (currency) first = currency.first;
  else {
    const s = signBefore(tokens, i);
    sign = s.sign;
    first = s.first;
    // "$-99.99": a sign between the currency and the number.
    if (s.sign === -1 && tokens[i - 1]?.type === 'sym') {
      const c = currencyBefore(tokens, i - 1);
      if (c) {
        currency = c;
        first = c.first;
      }
    }
  }
  const draft = completeQuantity(tokens, phrase, currency);
  draft.value *= sign;
  draft.first = first;
  if (!currency) {
    // "15€", "10 $": a currency symbol after the number.
    const after = tokens[draft.end];
    if (draft.unit === null && after?.type === 'sym') {
      const u = unitAfter(tokens, draft.end);
      // "1 $10": the symbol belongs to the number glued after it.
      const ownedByNext = tokens[draft.end + 1]?.type === 'num' && glued(after, tokens[draft.end + 1]);
      if (u && u.unitClass === 'money' && !ownedByNext) {
        draft.unit = u.unit;
        draft.unitClass = 'money';
        draft.end = u.end;
      }
    }
  }
  return draft;
}

function sameStyle(a: NumberPhrase, b: NumberPhrase): boolean {
  return (a.style === 'words') === (b.style === 'words');
}

/** "10-15 exabytes", "between 5 and 10", "44 mg to 50 mg", "3.5–4.0 TeV": the midpoint, as quantulum reads ranges. */
function extendRange(tokens: Token[], draft: Draft): Draft {
  const sep = tokens[draft.end];
  if (!sep) return draft;
  const between = tokens[draft.first - 1]?.lower === 'between';
  const isWordSep = sep.lower === 'to' || (between && sep.lower === 'and');
  // Dashes join digit ranges only; "three-nought-four" and phone numbers "1-222-2222" are not ranges.
  const before = tokens[draft.first - 1];
  const isDashSep = isDash(sep) && draft.phrase.style === 'digits' && before?.text !== '+' && !(isDash(before) && glued(before, tokens[draft.first])) &&
    glued(tokens[draft.end - 1], sep) === glued(sep, tokens[draft.end + 1]);
  if (!isWordSep && !isDashSep) return draft;
  const secondStart = draft.end + 1 + (tokens[draft.end + 1]?.type === 'sym' && draft.unitClass === 'money' ? 1 : 0);
  if (!isNumberStart(tokens[secondStart])) return draft;
  const second = readQuantityAt(tokens, secondStart);
  if (!second || !sameStyle(draft.phrase, second.phrase)) return draft;
  const after = tokens[second.end];
  if (isDashSep && isDash(after) && glued(tokens[second.end - 1], after)) return draft;
  if (draft.unit !== null && second.unit !== null && draft.unit !== second.unit) return draft;
  if (draft.unit !== null && second.unit === null && draft.end > draft.phrase.end && !between && isWordSep) return draft;
  const unit = draft.unit ?? second.unit;
  const unitClass = draft.unitClass ?? second.unitClass;
  // A magnitude written once applies to both ends: "€2-3bn", "$40-50 billion", "between 5 and 10 million".
  const sharedMagnitude = magnitudeOf(tokens, draft) === 1 ? magnitudeOf(tokens, second) : 1;
  // "from 1,000 to 2 million" already gives the low end in full.
  const firstValue = draft.value * sharedMagnitude < second.value ? draft.value * sharedMagnitude : draft.value;
  if (!(second.value > firstValue)) return draft;
  return {
    ...draft,
    value: (firstValue + second.value) / 2,
    range: { low: firstValue, high: second.value },
    unit,
    unitClass,
    first: between ? draft.first - 1 : draft.first,
    end: second.end,
  };
}

/** The scale a quantity carries beyond its digits or words ("50 billion" -> 1e9, "3bn" -> 1e9, "50" -> 1). */
function magnitudeOf(tokens: Token[], d: Draft): number {
  if (d.phrase.style === 'digits') {
    const factor = d.phrase.value === 0 ? 1 : Math.abs(d.value / d.phrase.value);
    return factor >= 1000 ? factor : 1;
  }
  // "forty to fifty billion": a scale word closing the phrase.
  const scale = SCALE_WORDS[tokens[d.phrase.end - 1]?.lower ?? ''] ?? 1;
  return scale >= 1000 ? scale : 1;
}

/** "X over Y", "one out of three", "1 in twenty-one": a ratio read as a fraction. */
function extendRatio(tokens: Token[], draft: Draft): Draft {
  if (draft.unit !== null) return draft;
  const sep = tokens[draft.end];
  let j = draft.end + 1;
  let kind: 'over' | 'in' | null = null;
  if (sep?.lower === 'over') kind = 'over';
  else if (sep?.lower === 'in') kind = 'in';
  else if (sep?.lower === 'out' && tokens[j]?.lower === 'of') {
    kind = 'in';
    j += 1;
  }
  if (!kind || !isNumberStart(tokens[j])) return draft;
  const second = readQuantityAt(tokens, j);
  if (!second || second.unit !== null || second.value === 0) return draft;
  const t = tokens[j]!;
  const looksLikeYear = t.type === 'num' && t.plain && second.value >= 1000;
  if (looksLikeYear) return draft;
  if (kind === 'in' && !(draft.value < second.value)) return draft;
  return { ...draft, value: draft.value / second.value, end: second.end };
}

/** Words before a date that make a lower-case "may" the month: "on may 19", "on 1 may", "in may 2020". */
const DATE_PREPOSITIONS = new Set(['on', 'in', 'since', 'until', 'till', 'from', 'by', 'of', 'early', 'late', 'mid']);

function isMonth(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || t.type !== 'word') return false;
  const m = MONTHS[t.lower];
  if (m === undefined) return false;
  // "may" is a verb unless capitalised, or unless a preposition and a day or year hold it ("on may 19", "on 1 may").
  if (t.lower !== 'may' || t.text === 'May') return true;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (DATE_PREPOSITIONS.has(prev?.lower ?? '') && next?.type === 'num' && next.plain) return true;
  return prev?.type === 'num' && prev.plain === true && prev.value! >= 1 && prev.value! <= 31 && DATE_PREPOSITIONS.has(tokens[k - 2]?.lower ?? '');
}

const ORDINAL_SUFFIX = /^(st|nd|rd|th)$/;

function classify(tokens: Token[], d: Draft): Quantity['kind'] {
  if (d.kind) return d.kind;
  const first = tokens[d.phrase.first]!;
  const next = tokens[d.end];
  const prev = tokens[d.first - 1];
  if (d.unitClass === 'money') return 'money';
  if (d.unitClass === 'percent') return 'percent';
  if (d.unit === 'year' && ((isDash(next) && tokens[d.end + 1]?.lower === 'old') || next?.lower === 'old')) return 'age';
  if (d.unitClass === 'duration') return 'duration';
  if (d.unitClass === 'measure') return 'measure';
  if (prev?.lower === 'aged' || prev?.lower === 'age') return 'age';
  const plainInteger = first.type === 'num' && first.plain && d.phrase.end === d.phrase.first + 1;
  if (plainInteger && isAppositiveAge(tokens, d)) return 'age';
  if (plainInteger && (isMonth(tokens, d.first - 1) || (isMonth(tokens, d.end) && d.value <= 31) || (isMonth(tokens, d.first - 2) && prev?.text === '.'))) {
    return d.value >= 1000 ? 'year' : 'date';
  }
  if (plainInteger && first.text.length === 4 && d.value >= 1000 && d.value <= 2100) {
    // From 1800 on a plain four-digit number is a year unless it plainly counts something ("2000 people");
    // earlier ones only after "in", "since"... ("died in 1065").
    const cue = (prev?.type === 'word' && YEAR_CUES.has(prev.lower)) || prev?.text === ',' || prev?.text === '(';
    const countsNoun = next?.type === 'word' && /^[a-z]/.test(next.text) && (/[^s]s$/.test(next.lower) || COUNT_NOUNS.has(next.lower));
    if (d.value >= 1800 ? cue || !countsNoun : cue && !countsNoun) return 'year';
  }
  if (next?.type === 'word' && /^[a-z]/.test(next.text) && !STOP_AFTER_NUMBER.has(next.lower)) return 'count';
  return 'number';
}

/** "Heath Harding, 18, says": a small number between commas right after a name is the person's age. */
function isAppositiveAge(tokens: Token[], d: Draft): boolean {
  const comma = tokens[d.first - 1];
  const name = tokens[d.first - 2];
  const close = tokens[d.end];
  if (comma?.text !== ',' || (close?.text !== ',' && close?.text !== '.' && close?.text !== ')')) return false;
  return name?.type === 'word' && /^\p{Lu}/u.test(name.text) && d.value >= 1 && d.value <= 119;
}

/** Plural nouns without an "s" that follow counts. */
const COUNT_NOUNS = new Set(['people', 'children', 'men', 'women', 'police', 'staff', 'personnel', 'troops', 'feet', 'sheep', 'cattle', 'fish']);

const STOP_AFTER_NUMBER = new Set([
  'and', 'or', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'is', 'are', 'was', 'were', 'be', 'of', 'as', 'than',
  'the', 'a', 'an', 'that', 'which', 'who', 'if', 'but', 'so', 'it', 'said', 'says', 'will', 'would', 'has', 'have', 'had',
]);

/** Year ranges "2013-14" and "2019-2020" are years, not ranges or counts. */
function yearRange(tokens: Token[], draft: Draft): Draft | null {
  const a = tokens[draft.phrase.first]!;
  const dash = tokens[draft.end];
  const b = tokens[draft.end + 1];
  if (draft.unit !== null || !a.plain || a.text.length !== 4 || draft.value < 1800 || draft.value > 2100) return null;
  if (!isDash(dash) || !glued(a, dash) || !glued(dash, b) || b?.type !== 'num' || !b.plain) return null;
  if (b.text.length !== 2 && b.text.length !== 4) return null;
  return { ...draft, end: draft.end + 2, kind: 'year' };
}

/** "a 22-year-old": the age takes its "-old". */
function withAgeSuffix(tokens: Token[], d: Draft): Draft {
  const dash = tokens[d.end];
  const old = tokens[d.end + 1];
  if (d.unit === 'year' && isDash(dash) && old?.lower === 'old' && glued(tokens[d.end - 1], dash) && glued(dash, old)) {
    return { ...d, end: d.end + 2, kind: 'age' };
  }
  return d;
}

/** "2025-07-10": an ISO date is one date, not a year and two numbers. */
function isoDate(tokens: Token[], i: number): Draft | null {
  const y = tokens[i];
  const d1 = tokens[i + 1];
  const m = tokens[i + 2];
  const d2 = tokens[i + 3];
  const d = tokens[i + 4];
  const parts = [y, d1, m, d2, d];
  if (parts.some((t) => t === undefined)) return null;
  if (y!.type !== 'num' || y!.text.length !== 4 || m!.type !== 'num' || m!.text.length !== 2 || d!.type !== 'num' || d!.text.length !== 2) return null;
  if (d1!.text !== '-' || d2!.text !== '-' || !parts.every((t, k) => k === 0 || glued(parts[k - 1], t))) return null;
  const phrase: NumberPhrase = { value: y!.value!, first: i, end: i + 5, style: 'digits' };
  return { value: y!.value!, unit: null, unitClass: null, first: i, end: i + 5, phrase, kind: 'date' };
}

/** "4th", "21st": a rank, or a day when a month is next to it. */
function ordinalDraft(tokens: Token[], i: number): Draft | null {
  const t = tokens[i]!;
  const suffix = tokens[i + 1];
  if (t.type !== 'num' || !t.plain || !suffix || !glued(t, suffix) || !ORDINAL_SUFFIX.test(suffix.lower)) return null;
  const phrase: NumberPhrase = { value: t.value!, first: i, end: i + 2, style: 'digits' };
  const dated = isMonth(tokens, i - 1) || isMonth(tokens, i + 2) || (tokens[i + 2]?.lower === 'of' && isMonth(tokens, i + 3));
  return { value: t.value!, unit: null, unitClass: null, first: i, end: i + 2, phrase, kind: dated ? 'date' : 'ordinal' };
}

function toQuantity(text: string, tokens: Token[], d: Draft): Quantity {
  const start = tokens[d.first]!.start;
  const end = tokens[d.end - 1]!.end;
  const quantity: Quantity = { surface: text.slice(start, end), value: d.value, unit: d.unit, start, end, kind: classify(tokens, d) };
  return d.range ? { ...quantity, range: d.range } : quantity;
}

/** True when a "(" before token k is still open. */
function insideBrackets(tokens: Token[], k: number): boolean {
  let depth = 0;
  for (let j = 0; j < k; j++) {
    if (tokens[j]!.text === '(') depth++;
    else if (tokens[j]!.text === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

/** "1) explains... 2) cautions": a small bare number closed by an unopened bracket labels an item of a list. */
function isListLabel(tokens: Token[], d: Draft): boolean {
  const t = tokens[d.phrase.first]!;
  if (d.unit !== null || t.type !== 'num' || !t.plain || d.phrase.end !== d.phrase.first + 1 || d.first !== d.phrase.first) return false;
  return d.end === d.phrase.end && tokens[d.end]?.text === ')' && t.value! < 100 && !insideBrackets(tokens, d.first);
}

/** "No. 1 seed", "no . 10 downing street": a number after "No." names a rank or an address, it counts nothing. */
function isNumberLabel(tokens: Token[], d: Draft): boolean {
  const t = tokens[d.first]!;
  const dot = tokens[d.first - 1];
  const no = tokens[d.first - 2];
  return t.type === 'num' && t.plain === true && d.unit === null && dot?.text === '.' && /^nos?$/.test(no?.lower ?? '');
}

/** "64.2 cents a dozen", "$3 per dozen": the dozen is what the price is for, not a second quantity. */
function rateDozenEnd(tokens: Token[], d: Draft): number | null {
  if (d.unitClass !== 'money') return null;
  const per = tokens[d.end];
  const dozen = tokens[d.end + 1];
  if (!per || !/^(a|an|per)$/.test(per.lower) || !dozen || DOZEN_WORDS[dozen.lower] === undefined) return null;
  return d.end + 2;
}

/** Drafts for every quantity in the token stream, left to right, never overlapping. */
function scan(tokens: Token[]): Draft[] {
  const drafts: Draft[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNumberStart(tokens[i])) {
      i++;
      continue;
    }
    const ordinal = isoDate(tokens, i) ?? ordinalDraft(tokens, i);
    if (ordinal) {
      drafts.push(ordinal);
      i = ordinal.end;
      continue;
    }
    const draft = readQuantityAt(tokens, i);
    if (!draft) {
      i++;
      continue;
    }
    // "6pm" is a clock time, not six picometres.
    const time = timeEnd(tokens, draft.phrase);
    if (time !== null && (draft.unit === null || draft.unit === 'picometre')) {
      drafts.push({ ...draft, unit: null, unitClass: null, end: time, kind: 'date' });
      i = time;
      continue;
    }
    const full = withAgeSuffix(tokens, yearRange(tokens, draft) ?? extendRatio(tokens, extendRange(tokens, draft)));
    if (isListLabel(tokens, full) || isNumberLabel(tokens, full)) full.kind = 'ordinal';
    full.end = rateDozenEnd(tokens, full) ?? full.end;
    if (drafts.length > 0 && full.first < drafts[drafts.length - 1]!.end) full.first = drafts[drafts.length - 1]!.end;
    drafts.push(full);
    i = Math.max(full.end, i + 1);
  }
  return drafts;
}

/** Every quantity in a piece of text (numbers, money, percents, measures, durations, word numbers). */
export function extractQuantities(text: string): Quantity[] {
  const tokens = tokenize(text);
  return scan(tokens).map((d) => toQuantity(text, tokens, d));
}
