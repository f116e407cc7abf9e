/** Matching a unit (or a magnitude) in the tokens that follow or precede a number. */
import { table } from './table.js';
import type { Token } from './tokenize.js';
import { ATTACHED_MAGNITUDES, SCALE_WORDS } from './lexicon.js';
import {
  CURRENCY_CODES_BEFORE, CURRENCY_SYMBOLS, DOLLAR_PREFIXES, MILLION_CODES_BEFORE, UNITS_AFTER, caseSensitiveUnit,
  type UnitSense,
} from './units.js';

export interface UnitMatch extends UnitSense {
  /** Token range [first, end). */
  first: number;
  end: number;
}

const MAX_UNIT_TOKENS = 4;

function spellingOf(tokens: Token[], first: number, end: number): string {
  let s = '';
  for (let k = first; k < end; k++) {
    if (k > first && tokens[k - 1]!.end < tokens[k]!.start) s += ' ';
    s += tokens[k]!.lower;
  }
  return s;
}

function isAlnum(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'word' || t.type === 'num');
}

/** Letters or digits glued right after the match make it part of a code ("m212", "kgx"). */
function closesCleanly(tokens: Token[], end: number): boolean {
  const next = tokens[end];
  const last = tokens[end - 1]!;
  if (next && next.start === last.end && isAlnum(next) && isAlnum(last)) return false;
  // "L-202": a letter, a hyphen and digits is a code.
  const after = tokens[end + 1];
  return !(next && (next.text === '-' || next.text === '/') && next.start === last.end && after?.type === 'num' && after.start === next.end && last.type === 'word' && last.text.length <= 2);
}

/** The unit starting at token j, which follows a number ending at token j-1. */
export function unitAfter(tokens: Token[], j: number): UnitMatch | null {
  const numberToken = tokens[j - 1];
  const first = tokens[j];
  if (!first || !numberToken) return null;
  const glued = first.start === numberToken.end;
  for (let len = Math.min(MAX_UNIT_TOKENS, tokens.length - j); len >= 1; len--) {
    const end = j + len;
    const rawSingle = len === 1 ? caseSensitiveUnit(first.text) : undefined;
    const sense = rawSingle ?? UNITS_AFTER.get(spellingOf(tokens, j, end));
    if (!sense) continue;
    if (!closesCleanly(tokens, end)) continue;
    // "1 $10": a symbol glued to the next number is that number's currency.
    const following = tokens[end];
    if (len === 1 && first.type === 'sym' && following?.type === 'num' && following.start === first.end) continue;
    // "H", "M", "S" in capitals are initials or codes, not hours, metres or seconds; a capital "L" is a litre.
    if (sense.ambiguous && !rawSingle && len === 1 && first.text !== first.lower && first.text !== 'L') continue;
    if (sense.ambiguous && !glued) {
      const next = tokens[end];
      if (next && (next.type === 'word' || next.type === 'num')) continue;
    }
    return { ...sense, first: j, end };
  }
  return null;
}

/** Units written as "30-day", "27-kilometer", "12-cent": a hyphen glued on both sides. */
export function hyphenUnitAfter(tokens: Token[], j: number): UnitMatch | null {
  const dash = tokens[j];
  const prev = tokens[j - 1];
  const next = tokens[j + 1];
  if (!dash || !prev || !next || (dash.text !== '-' && dash.text !== '‑')) return null;
  if (dash.start !== prev.end || next.start !== dash.end || next.type !== 'word') return null;
  const unit = unitAfter(tokens, j + 1);
  if (!unit || unit.ambiguous) return null;
  return { ...unit, first: j };
}

/** "20 (kg)", "20 [kg]". */
export function bracketedUnitAfter(tokens: Token[], j: number): UnitMatch | null {
  const open = tokens[j];
  if (!open || !'([{<'.includes(open.text) || open.type !== 'sym') return null;
  const unit = unitAfter(tokens, j + 1);
  const close = unit ? tokens[unit.end] : undefined;
  if (!unit || !close || !')]}>'.includes(close.text) || close.type !== 'sym') return null;
  if (unit.unitClass === 'money' || unit.unitClass === 'percent') return null;
  return { ...unit, first: j, end: unit.end + 1 };
}

/** "J/m^2 per year", "centimeters/millisecond": a measure divided by measures or durations. */
export function compoundUnitAfter(tokens: Token[], unit: UnitMatch): UnitMatch {
  let current = unit;
  for (let guard = 0; guard < 3; guard++) {
    const sep = tokens[current.end];
    if (!sep || (sep.text !== '/' && sep.lower !== 'per')) return current;
    const spelled = tokens[current.end + 1];
    if (!spelled || spelled.type !== 'word') return current;
    const denominator = withPowerAfter(tokens, unitAfter(tokens, current.end + 1) ?? caseSensitiveAt(tokens, current.end + 1));
    if (!denominator || (denominator.unitClass !== 'measure' && denominator.unitClass !== 'duration')) return current;
    current = { ...current, unit: `${current.unit} per ${denominator.unit}`, end: denominator.end };
  }
  return current;
}

function caseSensitiveAt(tokens: Token[], j: number): UnitMatch | null {
  const sense = tokens[j] ? caseSensitiveUnit(tokens[j]!.text) : undefined;
  return sense ? { ...sense, first: j, end: j + 1 } : null;
}

const POWER_NAMES: Record<string, string> = table({ '2': 'square', '3': 'cubic', squared: 'square', cubed: 'cubic' });

/** "4km^2", "4 km squared": powers turn a length into an area or a volume. */
export function withPowerAfter(tokens: Token[], unit: UnitMatch | null): UnitMatch | null {
  if (!unit || unit.unitClass !== 'measure' || /^(square|cubic) /.test(unit.unit)) return unit;
  const t = tokens[unit.end];
  const caret = t?.text === '^' && t.start === tokens[unit.end - 1]!.end ? tokens[unit.end + 1] : undefined;
  const word = t?.type === 'word' && (t.lower === 'squared' || t.lower === 'cubed') ? t : undefined;
  const power = caret?.type === 'num' ? POWER_NAMES[caret.text] : word ? POWER_NAMES[word.lower] : undefined;
  if (!power) return unit;
  return { ...unit, unit: `${power} ${unit.unit}`, end: caret ? unit.end + 2 : unit.end + 1 };
}

export interface Magnitude {
  factor: number;
  end: number;
}

/** Letters glued to the number that scale it: "10k", "€10bn", "2mil", "10M"; lower-case "m" only with money. */
export function attachedMagnitude(tokens: Token[], j: number, moneyContext: boolean): Magnitude | null {
  const t = tokens[j];
  const prev = tokens[j - 1];
  if (!t || !prev || t.type !== 'word' || t.start !== prev.end) return null;
  if (!closesCleanly(tokens, j + 1)) return null;
  if (t.text === 'm') return moneyContext ? { factor: 1e6, end: j + 1 } : null;
  const factor = ATTACHED_MAGNITUDES[t.text];
  return factor === undefined ? null : { factor, end: j + 1 };
}

const SPACED_LETTER_MAGNITUDES: Record<string, number> = table({ k: 1e3, K: 1e3, M: 1e6, G: 1e9, B: 1e9 });

/** Scale words after a number: "2 million", "€2.3 bn", and lone letters closing a phrase ("2.33 k"). */
export function spacedMagnitude(tokens: Token[], j: number): Magnitude | null {
  const t = tokens[j];
  if (!t || t.type !== 'word') return null;
  const scale = SCALE_WORDS[t.lower];
  if (scale !== undefined && t.lower !== 'mm') return { factor: scale, end: j + 1 };
  const letter = SPACED_LETTER_MAGNITUDES[t.text];
  const next = tokens[j + 1];
  if (letter !== undefined && (!next || next.type === 'sym')) return { factor: letter, end: j + 1 };
  return null;
}

export interface CurrencyBefore {
  unit: string;
  multiplier: number;
  first: number;
}

/** A currency written before the number that starts at token i: "$", "US$", "C $", "USD", "Rs", "MAUD". */
export function currencyBefore(tokens: Token[], i: number): CurrencyBefore | null {
  const prev = tokens[i - 1];
  if (!prev) return null;
  if (prev.type === 'sym' && CURRENCY_SYMBOLS[prev.text]) {
    const unit = CURRENCY_SYMBOLS[prev.text]!;
    const letters = tokens[i - 2];
    if (prev.text === '$' && letters?.type === 'word') {
      const code = DOLLAR_PREFIXES[letters.lower];
      const glued = letters.end === prev.start;
      const spacedOk = letters.lower.length > 1 || letters.lower === 'c';
      if (code && (glued || spacedOk) && !(tokens[i - 3] && tokens[i - 3]!.end === letters.start && isAlnum(tokens[i - 3]))) {
        return { unit: code, multiplier: 1, first: i - 2 };
      }
    }
    return { unit, multiplier: 1, first: i - 1 };
  }
  if (prev.type === 'word') {
    if (MILLION_CODES_BEFORE[prev.text]) return { unit: MILLION_CODES_BEFORE[prev.text]!, multiplier: 1e6, first: i - 1 };
    const code = CURRENCY_CODES_BEFORE[prev.lower];
    const isWord = prev.lower === 'dollar' || prev.lower === 'dollars';
    // "three thousand dollars two hundred times": a dollar word that closes a number is not the next one's prefix.
    const closesNumber = tokens[i - 2]?.type === 'num' || (tokens[i - 2]?.type === 'word' && /^(hundred|thousand|million|billion|trillion|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$/.test(tokens[i - 2]!.lower));
    // "10 rmb 20 usd": a code right after a number is that number's unit.
    const gluedCode = prev.end === tokens[i]!.start;
    if (code && (!closesNumber || (gluedCode && !isWord)) && (!isWord || !gluedCode)) {
      // "Rs." and "Rs 500" both count; a dollar word before a number only when spaced ("dollar 22.5 million").
      return { unit: code, multiplier: 1, first: i - 1 };
    }
  }
  if (prev.text === '.' && tokens[i - 2]?.lower === 'rs') return { unit: 'INR', multiplier: 1, first: i - 2 };
  return null;
}
