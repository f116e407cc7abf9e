/** The number grammar over tokens: cardinals in words or digits, scales, fractions, "point" decimals. */
import type { Token } from './tokenize.js';
import { UNITS_AFTER } from './units.js';
import { table } from './table.js';
import { DENOMINATOR_WORDS, DOZEN_WORDS, SCALE_WORDS, TENS_WORDS, UNIT_ORDINALS, UNIT_WORDS } from './lexicon.js';

export interface NumberPhrase {
  value: number;
  /** Token range [first, end). */
  first: number;
  end: number;
  style: 'digits' | 'words' | 'mixed';
}

type AtomKind = 'none' | 'a' | 'unit' | 'tens' | 'digits' | 'hundred' | 'scale';

interface State {
  total: number;
  group: number;
  hundredInGroup: boolean;
  lastScale: number;
  last: AtomKind;
  lastValue: number;
  /** Index of the last token that belongs to the number so far (connectors are only kept when something follows). */
  lastToken: number;
  /** Scale words read so far ("two million three thousand" has two). */
  scales: number;
  words: boolean;
  digits: boolean;
}

const SCALE_ABBREVIATIONS = new Set(['mn', 'mln', 'mil', 'mm', 'bn', 'bln', 'tn', 'tln', 'trn']);

const PRONOUN_DETERMINERS = new Set(['the', 'this', 'that', 'which', 'each', 'every', 'any', 'no', 'another', 'whichever', 'one']);

function gapless(a: Token, b: Token): boolean {
  return a.end === b.start;
}

function isConnector(t: Token | undefined): boolean {
  return t !== undefined && (t.lower === 'and' || t.text === '&');
}

function isHyphen(t: Token | undefined): boolean {
  return t !== undefined && (t.text === '-' || t.text === '–');
}

/** "a" counts as one only right before a scale, dozen or fraction word ("a hundred", "a dozen", "a half"). */
function articleIsOne(next: Token | undefined): boolean {
  if (!next || next.type !== 'word') return false;
  const w = next.lower;
  return (SCALE_WORDS[w] !== undefined && !SCALE_ABBREVIATIONS.has(w)) || DOZEN_WORDS[w] !== undefined || DENOMINATOR_WORDS[w] !== undefined;
}

function value(s: State): number {
  return s.total + s.group;
}

function startState(): State {
  return { total: 0, group: 0, hundredInGroup: false, lastScale: Infinity, last: 'none', lastValue: 0, lastToken: -1, scales: 0, words: false, digits: false };
}

function addAtom(s: State, kind: AtomKind, v: number, at: number): void {
  s.group += v;
  s.last = kind;
  s.lastValue = v;
  s.lastToken = at;
}

/** Tries to extend the cardinal with the token at j; returns false when the token cannot continue it. */
function step(tokens: Token[], j: number, s: State, afterConnector: boolean): boolean {
  const t = tokens[j]!;
  if (t.type === 'num') {
    if (t.fraction) return false;
    const fresh = s.last === 'none';
    // "4 thousand 3 hundred and 0": nothing adds zero, so a "0" after "and" is a number of its own.
    const afterBigWord = (s.last === 'hundred' || s.last === 'scale') && afterConnector && t.plain && t.value! > 0 && t.value! < 100;
    const afterScaleWord = s.last === 'scale' && t.plain && t.value! < 1000 && s.words;
    if (!fresh && !afterBigWord && !afterScaleWord) return false;
    s.digits = true;
    addAtom(s, 'digits', t.value!, j);
    return true;
  }
  if (t.type !== 'word') return false;
  const w = t.lower;
  if (UNIT_WORDS[w] !== undefined) {
    const v = UNIT_WORDS[w]!;
    const ok = s.last === 'none' || s.last === 'hundred' || s.last === 'scale' || (s.last === 'tens' && v > 0 && v < 10);
    if (!ok) return false;
    s.words = true;
    addAtom(s, 'unit', v, j);
    return true;
  }
  if (TENS_WORDS[w] !== undefined) {
    if (!(s.last === 'none' || s.last === 'hundred' || s.last === 'scale')) return false;
    s.words = true;
    addAtom(s, 'tens', TENS_WORDS[w]!, j);
    return true;
  }
  if (w === 'a' || w === 'an') {
    // After "and", "a half" is a fraction to add ("one million and a half"), read by the tail.
    if (s.last !== 'none') return false;
    if (!articleIsOne(tokens[j + 1])) return false;
    s.words = true;
    addAtom(s, 'a', 1, j);
    return true;
  }
  // Abbreviations ("bn", "mm") are magnitudes of digits, read with the unit, never words of a cardinal.
  const scale = SCALE_ABBREVIATIONS.has(w) ? undefined : SCALE_WORDS[w];
  // A bare scale ("hundreds of drones", "thousand of times") is vague, not a number; "hundred thousand" is one.
  if (scale !== undefined && s.last === 'none' && !(scale === 100 && w === 'hundred' && SCALE_WORDS[tokens[j + 1]?.lower ?? ''] !== undefined)) return false;
  if (scale === 100) {
    if (s.hundredInGroup || s.last === 'hundred' || s.last === 'scale') return false;
    s.group = s.last === 'none' ? 100 : s.group * 100;
    s.hundredInGroup = true;
    s.words = true;
    s.last = 'hundred';
    s.lastToken = j;
    return true;
  }
  if (scale !== undefined) {
    // "three lakh crore", "two thousand million": a bigger scale right after the only one multiplies it.
    if (s.last === 'scale' && scale > s.lastScale && s.scales === 1 && s.group === 0 && j - 1 === s.lastToken) {
      s.total *= scale;
      s.lastScale = scale;
      s.lastToken = j;
      return true;
    }
    if (scale >= s.lastScale || s.last === 'scale') return false;
    s.total += (s.last === 'none' ? 1 : s.group) * scale;
    s.group = 0;
    s.hundredInGroup = false;
    s.lastScale = scale;
    s.scales++;
    s.words = true;
    s.last = 'scale';
    s.lastToken = j;
    return true;
  }
  const dozen = DOZEN_WORDS[w];
  if (dozen !== undefined && s.last !== 'none' && s.last !== 'scale' && s.last !== 'hundred') {
    s.group += s.lastValue * (dozen - 1);
    s.words = true;
    s.last = 'hundred';
    s.lastToken = j;
    return true;
  }
  return false;
}

/**
 * True when the atom at j begins something the current cardinal must not swallow: a second hundreds group
 * ("3 hundred and 2 hundred") or a fraction to be added ("two million and three fifths").
 */
function startsAnotherNumber(tokens: Token[], j: number, s: State, afterConnector: boolean): boolean {
  const next = tokens[j + 1];
  if (s.hundredInGroup && next && SCALE_WORDS[next.lower] === 100) return true;
  if (!afterConnector || tokens[j]!.type !== 'word') return false;
  const frac = readWordFraction(tokens, j, false);
  return frac !== null && frac.denominated;
}

/** Reads the cardinal part starting at i; returns its state or null. */
function readCardinal(tokens: Token[], i: number): State | null {
  const s = startState();
  let j = i;
  let afterConnector = false;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (s.last !== 'none' && isConnector(t) && (s.last === 'hundred' || s.last === 'scale')) {
      afterConnector = true;
      j++;
      continue;
    }
    if (s.last === 'scale' && t.text === ',' && tokens[j + 1]?.type === 'word') {
      afterConnector = true;
      j++;
      continue;
    }
    if (s.last === 'tens' && isHyphen(t) && UNIT_WORDS[tokens[j + 1]?.lower ?? ''] !== undefined) {
      afterConnector = false;
      j++;
      continue;
    }
    if (s.last !== 'none' && startsAnotherNumber(tokens, j, s, afterConnector)) break;
    if (!step(tokens, j, s, afterConnector)) break;
    afterConnector = false;
    j++;
  }
  if (s.last === 'none' || s.last === 'a') return s.last === 'a' ? s : null;
  return s;
}

/** "twenty-first", "thirty-fifths": a tens word joined by a hyphen to an ordinal of 1..9. */
function compoundDenominator(tokens: Token[], s: State, j: number): { denominator: number; end: number } | null {
  const t = tokens[j];
  if (!t || t.type !== 'word') return null;
  if (s.last === 'tens' && isHyphen(tokens[s.lastToken + 1]) && s.lastToken + 2 === j && UNIT_ORDINALS[t.lower] !== undefined) {
    return { denominator: s.lastValue + UNIT_ORDINALS[t.lower]!, end: j + 1 };
  }
  if (TENS_WORDS[t.lower] !== undefined && isHyphen(tokens[j + 1]) && UNIT_ORDINALS[tokens[j + 2]?.lower ?? ''] !== undefined) {
    return { denominator: TENS_WORDS[t.lower]! + UNIT_ORDINALS[tokens[j + 2]!.lower]!, end: j + 3 };
  }
  const d = DENOMINATOR_WORDS[t.lower];
  return d === undefined ? null : { denominator: d, end: j + 1 };
}

interface Fraction {
  value: number;
  end: number;
  /** True when a denominator word was read (not just "half" standing alone). */
  denominated: boolean;
}

/** A word fraction starting at j: "a half", "three quarters", "one twenty-fifth", "half". */
function readWordFraction(tokens: Token[], j: number, bare = true): Fraction | null {
  const t = tokens[j];
  if (!t) return null;
  if (t.lower === 'half' || t.lower === 'quarter') {
    return bare ? { value: t.lower === 'half' ? 0.5 : 0.25, end: j + 1, denominated: false } : null;
  }
  if (t.type !== 'word') return null;
  const numerator = readCardinal(tokens, j);
  if (!numerator || numerator.digits) return null;
  let after = numerator.lastToken + 1;
  // "one-eighth", "five - eighths": a hyphenated fraction ("a one-third stake") is never a rank.
  const hyphenated = (numerator.last === 'unit' || numerator.last === 'a') && isHyphen(tokens[after]) && DENOMINATOR_WORDS[tokens[after + 1]?.lower ?? ''] !== undefined;
  if (hyphenated) after += 1;
  if (numerator.last === 'tens' && isHyphen(tokens[after]) && UNIT_ORDINALS[tokens[after + 1]?.lower ?? ''] !== undefined) {
    const d = compoundDenominator(tokens, numerator, after + 1)!;
    const num = value(numerator) - numerator.lastValue;
    return { value: (num === 0 ? 1 : num) / d.denominator, end: d.end, denominated: true };
  }
  const d = compoundDenominator(tokens, numerator, after);
  if (!d || (!hyphenated && !readsAsFraction(tokens, value(numerator), d.end))) return null;
  return { value: value(numerator) / d.denominator, end: d.end, denominated: true };
}

/**
 * Number agreement decides between a fraction and a count or rank: "two thirds" takes a plural ("two millionth"
 * is not a fraction), and a singular ordinal before a noun is a rank ("a third round", "one fifth straight win").
 */
function readsAsFraction(tokens: Token[], numerator: number, end: number): boolean {
  const denominatorWord = tokens[end - 1]!.lower;
  const singular = !denominatorWord.endsWith('s');
  if (numerator > 1) return !singular;
  if (!singular || denominatorWord === 'half') return true;
  const following = tokens[end];
  if (following?.type !== 'word') return true;
  return following.lower === 'of' || SCALE_WORDS[following.lower] !== undefined || /^(and|or|a|an|the|percent)$/.test(following.lower);
}

/** A magnitude after a fraction: "two thirds of a million", "three quarters billion", "half a dozen". */
function scaleAfterFraction(tokens: Token[], frac: Fraction): { value: number; end: number } {
  let j = frac.end;
  if (tokens[j]?.lower === 'of' && (tokens[j + 1]?.lower === 'a' || tokens[j + 1]?.lower === 'an')) j += 2;
  else if (tokens[j]?.lower === 'a' || tokens[j]?.lower === 'an') j += 1;
  const w = tokens[j]?.lower ?? '';
  const multiplier = SCALE_WORDS[w] ?? DOZEN_WORDS[w];
  if (multiplier !== undefined && w !== 'mm') return { value: frac.value * multiplier, end: j + 1 };
  return frac;
}

/** After the cardinal: "and a half", "point five", "three fifths", "half a dozen", "of a million". */
function readTail(tokens: Token[], s: State, start: number): { value: number; end: number } {
  let v = value(s);
  let end = s.lastToken + 1;
  const next = tokens[end];
  if (next?.lower === 'point' && s.words) {
    let digits = '';
    let j = end + 1;
    while (j < tokens.length) {
      const t = tokens[j]!;
      if (UNIT_WORDS[t.lower] !== undefined) digits += String(UNIT_WORDS[t.lower]);
      else if (TENS_WORDS[t.lower] !== undefined) {
        const unit = isHyphen(tokens[j + 1]) ? UNIT_WORDS[tokens[j + 2]?.lower ?? ''] : undefined;
        if (unit !== undefined) {
          digits += String(TENS_WORDS[t.lower]! + unit);
          j += 2;
        } else digits += String(TENS_WORDS[t.lower]! / 10);
      } else break;
      j++;
    }
    if (digits) return { value: v + Number(`0.${digits}`) * (v < 0 ? -1 : 1), end: j };
  }
  // "five-and-a-half years": the hyphenated whole-and-fraction of compound adjectives.
  const hyphenatedHalf = hyphenatedFraction(tokens, end);
  if (hyphenatedHalf) return { value: v + hyphenatedHalf.value, end: hyphenatedHalf.end };
  // The numerator of a fraction: "three fifths", "twenty-three fifths".
  const asFraction = readWordFraction(tokens, start);
  if (asFraction && asFraction.end > end) return scaleAfterFraction(tokens, asFraction);
  if (isConnector(next)) {
    const frac = readWordFraction(tokens, end + 1);
    if (frac) {
      const scale = SCALE_WORDS[tokens[frac.end]?.lower ?? ''];
      if (scale !== undefined && scale < s.lastScale) return { value: s.total + (s.group + frac.value) * scale, end: frac.end + 1 };
      const base = s.lastScale !== Infinity && s.group === 0 ? s.lastScale : 1;
      v = s.total + s.group + frac.value * base;
      end = frac.end;
    }
  }
  return { value: v, end };
}

const HYPHENATED_FRACTIONS: Record<string, number> = table({ half: 0.5, quarter: 0.25 });

/** "-and-a-half", "-and-a-quarter" right after a cardinal ending at token `end`: the fraction and where it ends. */
function hyphenatedFraction(tokens: Token[], end: number): { value: number; end: number } | null {
  if (!isHyphen(tokens[end]) || tokens[end + 1]?.lower !== 'and' || !isHyphen(tokens[end + 2])) return null;
  const article = tokens[end + 3]?.lower;
  if ((article !== 'a' && article !== 'an') || !isHyphen(tokens[end + 4])) return null;
  const fraction = HYPHENATED_FRACTIONS[tokens[end + 5]?.lower ?? ''];
  return fraction === undefined ? null : { value: fraction, end: end + 6 };
}

/** Fractions that lead: "half a dozen", "half million", "two thirds of a million", "a quarter". */
function readLeadingFraction(tokens: Token[], i: number): { value: number; end: number } | null {
  const frac = readWordFraction(tokens, i);
  return frac ? scaleAfterFraction(tokens, frac) : null;
}

function styleOf(s: { words: boolean; digits: boolean }): NumberPhrase['style'] {
  if (s.words && s.digits) return 'mixed';
  return s.digits ? 'digits' : 'words';
}

/** "the one you mentioned", "one of the", "one-time": "one" as a pronoun or a prefix, not a count. */
function isPronounOne(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next?.lower === 'of' || next?.lower === 'another') return true;
  const afterHyphen = tokens[i + 2]?.lower ?? '';
  // Glued ("one-time") or spaced on both sides as pre-tokenized text writes it ("one - time").
  const joined = isHyphen(next) && gapless(tokens[i]!, next) === (tokens[i + 2] !== undefined && gapless(next!, tokens[i + 2]!));
  if (joined && DENOMINATOR_WORDS[afterHyphen] === undefined && !UNITS_AFTER.has(afterHyphen)) return true;
  return PRONOUN_DETERMINERS.has(tokens[i - 1]?.lower ?? '') && (next === undefined || next.type !== 'word' || !/^(mile|day|year|week|month|hour|minute|dollar|euro|pound|percent|kilometre|kilometer|metre|meter)s?$/.test(next.lower));
}

/** One word of a written fraction: a cardinal word (tens and unit joined by a hyphen count as one), or "and". */
interface FractionWord {
  value: number;
  /** "and": joins a whole part to a fraction, or the parts of a cardinal. */
  separator: boolean;
}

/** Ordinals that can close a written fraction ("fifths", "twenty firsts"); "second" is mostly time, "half" leads elsewhere. */
function finalOrdinal(t: Token | undefined): number | undefined {
  if (!t || t.type !== 'word' || /^seconds?$/.test(t.lower)) return undefined;
  return DENOMINATOR_WORDS[t.lower] ?? UNIT_ORDINALS[t.lower];
}

/** The cardinal value of words read left to right: "one hundred and thirty" = 130, "one thousand five" = 1005. */
function composeWords(words: FractionWord[]): number {
  let total = 0;
  let group = 0;
  for (const w of words) {
    if (w.separator) continue;
    if (w.value === 100) group = (group === 0 ? 1 : group) * 100;
    else if (w.value >= 1000) {
      total += (group === 0 ? 1 : group) * w.value;
      group = 0;
    } else group += w.value;
  }
  return total + group;
}

/** "thirty" can take "five" and "hundred" can take "thirty": the smaller fits in the free places of the bigger. */
function isComposable(big: number, small: number): boolean {
  const base = small > 10 ? 100 : 10;
  return big % base === 0 && big / base >= 1;
}

/**
 * Where the denominator of "N ... Mths" starts. Reading right to left, the words that still compose with the ordinal
 * belong to it ("three | twenty firsts" = 3/21, "one hundred | thirty fifths" = 100/35, "one | one hundred fifth" =
 * 1/105); "and" binds the words before it to the numerator ("one hundred and thirty | fifths" = 130/5). This is the
 * reading of Microsoft Recognizers-Text.
 */
function denominatorStart(words: FractionWord[]): number {
  const n = words.length;
  let current = words[n - 1]!.value;
  let round = 1;
  let split: number;
  for (split = n - 2; split >= 0; split--) {
    if (words[split]!.separator) continue;
    const previous = current;
    current = words[split]!.value;
    if ((previous >= 100 && previous > current) || (previous < 100 && isComposable(current, previous))) {
      if (previous < 100 && current >= round) round = current;
      else if (previous < 100 && current < round) return split + 1;
      if (split === 0) {
        let k = 1;
        for (; k <= n - 2; k++) {
          if (words[k]!.value >= 100 && !words[k + 1]!.separator && words[k + 1]!.value < 100) return k + 1;
        }
        return k;
      }
      continue;
    }
    return split + 1;
  }
  return 0;
}

/**
 * A written fraction of several number words ending in an ordinal: "three twenty firsts", "one hundred and thirty
 * fifths", "twenty and three and three fifths" (a whole part, "and", a fraction). Null when the words are not one.
 */
function readSplitFraction(tokens: Token[], i: number): { value: number; end: number } | null {
  const words: FractionWord[] = [];
  let j = i;
  let forcedSplit = -1;
  let end = -1;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (t.type !== 'word') {
      // "five hundred-fifths": an ordinal glued by a hyphen is the whole denominator.
      if (isHyphen(t) && words.length > 0 && gapless(tokens[j - 1]!, t) && gapless(t, tokens[j + 1] ?? t) && finalOrdinal(tokens[j + 1]) !== undefined) {
        forcedSplit = words.length;
        words.push({ value: finalOrdinal(tokens[j + 1])!, separator: false });
        end = j + 2;
      }
      break;
    }
    const w = t.lower;
    if (TENS_WORDS[w] !== undefined && isHyphen(tokens[j + 1])) {
      const unit = UNIT_WORDS[tokens[j + 2]?.lower ?? ''];
      const ordinal = UNIT_ORDINALS[tokens[j + 2]?.lower ?? ''];
      if (unit !== undefined && unit > 0 && unit < 10) {
        words.push({ value: TENS_WORDS[w]! + unit, separator: false });
        j += 3;
        continue;
      }
      if (ordinal !== undefined) {
        words.push({ value: TENS_WORDS[w]! + ordinal, separator: false });
        end = j + 3;
        break;
      }
    }
    const ordinal = words.length > 0 ? finalOrdinal(t) : undefined;
    if (ordinal !== undefined) {
      words.push({ value: ordinal, separator: false });
      end = j + 1;
      break;
    }
    const cardinal = UNIT_WORDS[w] ?? TENS_WORDS[w] ?? (SCALE_ABBREVIATIONS.has(w) || w.endsWith('s') ? undefined : SCALE_WORDS[w]);
    if (cardinal !== undefined && (words.length > 0 || SCALE_WORDS[w] === undefined)) {
      words.push({ value: cardinal, separator: false });
      j++;
      continue;
    }
    if (w === 'and' && words.length > 0 && !words[words.length - 1]!.separator) {
      words.push({ value: 0, separator: true });
      j++;
      continue;
    }
    break;
  }
  if (end < 0 || words.length < 2) return null;
  // "fifty-four hundredths": a round ordinal is the whole denominator.
  const split = forcedSplit >= 0 ? forcedSplit : words[words.length - 1]!.value >= 100 ? words.length - 1 : denominatorStart(words);
  if (split <= 0 || split >= words.length) return null;
  const denominator = composeWords(words.slice(split));
  const head = words.slice(0, split);
  if (head[head.length - 1]!.separator) return null;
  // "twenty and three and three fifths": the words after the last "and" are the numerator, those before the whole part.
  let mixedAt = -1;
  for (let k = head.length - 2; k >= 0; k--) {
    if (head[k]!.separator) {
      mixedAt = k;
      break;
    }
  }
  // "two million and three fifths" is a fraction of the million, read with the cardinal.
  if (mixedAt >= 0 && head.slice(0, mixedAt).some((w) => w.value >= 1000)) return null;
  const numerator = composeWords(mixedAt < 0 ? head : head.slice(mixedAt + 1));
  const whole = mixedAt < 0 ? 0 : composeWords(head.slice(0, mixedAt));
  if (denominator === 0 || !readsAsFraction(tokens, numerator, end)) return null;
  const value = mixedAt >= 0 && numerator < denominator ? whole + numerator / denominator : (whole + numerator) / denominator;
  return { value, end };
}

/** Ranks that name a part of a period: "the second half", "first-half profit", "the 3rd quarter". */
const PERIOD_RANKS = new Set(['first', 'second', 'third', 'fourth', 'last', 'final', '1st', '2nd', '3rd', '4th']);

/** "half" or "quarter" after a rank is a part of a year or a match, not a fraction to report. */
function isPeriodOfYear(tokens: Token[], i: number): boolean {
  let k = i - 1;
  if (isHyphen(tokens[k])) k--;
  const rank = tokens[k];
  if (!rank) return false;
  if (rank.type === 'word' && /^(st|nd|rd|th)$/.test(rank.lower) && tokens[k - 1]?.type === 'num' && gapless(tokens[k - 1]!, rank)) {
    return PERIOD_RANKS.has(tokens[k - 1]!.text + rank.lower);
  }
  return PERIOD_RANKS.has(rank.lower);
}

/** "twenty-first century", "the twenty fifth anniversary": tens and a singular ordinal of 1..9 make a rank. */
function endsInOrdinal(tokens: Token[], i: number, s: State): boolean {
  if (s.last !== 'tens') return false;
  let k = s.lastToken + 1;
  if (isHyphen(tokens[k])) k++;
  const w = tokens[k]?.lower ?? '';
  if (UNIT_ORDINALS[w] === undefined || w.endsWith('s')) return false;
  // "a twenty-first" alone or "a twenty-first of the sum" is a fraction; "a twenty-first birthday" is a rank.
  const article = tokens[i - 1]?.lower === 'a' || tokens[i - 1]?.lower === 'an';
  return !(article && readsAsFraction(tokens, 1, k + 1));
}

/** The number phrase starting at token i, or null. */
export function readNumberPhrase(tokens: Token[], i: number): NumberPhrase | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.type === 'num' && t.fraction) return { value: t.value!, first: i, end: i + 1, style: 'digits' };
  if (t.type === 'word' && (t.lower === 'half' || t.lower === 'quarter') && isPeriodOfYear(tokens, i)) return null;
  if (t.type === 'word' && (t.lower === 'half' || t.lower === 'quarter' || t.lower === 'a' || t.lower === 'an')) {
    const lead = readLeadingFraction(tokens, i);
    if (lead && (t.lower !== 'quarter' || lead.end > i + 1)) return { value: lead.value, first: i, end: lead.end, style: 'words' };
  }
  if (t.type === 'word' && t.lower === 'one' && isPronounOne(tokens, i)) return null;
  const split = t.type === 'word' ? readSplitFraction(tokens, i) : null;
  if (split) {
    const scaled = scaleAfterFraction(tokens, { ...split, denominated: true });
    return { value: scaled.value, first: i, end: scaled.end, style: 'words' };
  }
  const s = readCardinal(tokens, i);
  if (!s || s.last === 'a' || endsInOrdinal(tokens, i, s)) {
    return null;
  }
  const tail = readTail(tokens, s, i);
  return { value: tail.value, first: i, end: tail.end, style: styleOf(s) };
}

/** Words that can open a number phrase; one set lookup keeps the scan over ordinary words cheap. */
const NUMBER_START_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(UNIT_WORDS), ...Object.keys(TENS_WORDS), 'a', 'an', 'half', 'quarter', 'hundred',
]);

export function isNumberStart(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.type === 'num') return true;
  return t.type === 'word' && NUMBER_START_WORDS.has(t.lower);
}

export { gapless };
