/**
 * What a character is (letter, number, mark, capital, and for a code unit punctuation or symbol), asked by UTF-16 code
 * unit of one table filled the first time each unit is met: the text scanners (word counts, near-duplicate hashes,
 * sentence ends, name tokens, grouping's words, language detection's separators) read texts unit by unit, where a regex
 * test per character would cost most of their time. A unit stands for its own character, a surrogate half for none; a
 * surrogate pair is asked of as a whole (`pairClasses`).
 */

/** `\p{L}`. */
export const LETTER = 1;
/** `\p{N}`: digits of any script, and other numbers ("½", "Ⅻ"). */
export const NUMBER = 2;
/** `\p{M}`: combining marks. */
export const MARK = 4;
/** `\p{Lu}`. */
export const UPPER = 8;
/** Set on a unit once its classes are in the table. */
const KNOWN = 16;
/** `[\p{P}\p{S}]`: punctuation and symbols. Asked by code unit only (`unitClasses`), not of a surrogate pair. */
export const PUNCTUATION_OR_SYMBOL = 32;

const classesByUnit = new Uint8Array(0x10000);

/** The classes (LETTER | NUMBER | MARK | UPPER | PUNCTUATION_OR_SYMBOL bits) of the character that is the code unit `code`. */
export function unitClasses(code: number): number {
  const classes = classesByUnit[code]!;
  return classes !== 0 ? classes : learnUnitClasses(code);
}

/** Fills in the table's entry for a unit met the first time (kept apart so that `unitClasses` stays small to inline). */
function learnUnitClasses(code: number): number {
  const character = String.fromCharCode(code);
  const classes = KNOWN | classesOf(character) | (IS_PUNCTUATION_OR_SYMBOL.test(character) ? PUNCTUATION_OR_SYMBOL : 0);
  classesByUnit[code] = classes;
  return classes;
}

/** The classes of the character a surrogate pair forms, the pair starting at `at` (rare in news: not kept). */
export function pairClasses(text: string, at: number): number {
  return classesOf(text.slice(at, at + 2));
}

/** `[\p{L}\p{N}]` of the code unit's character. */
export function isLetterOrDigit(code: number): boolean {
  return (unitClasses(code) & (LETTER | NUMBER)) !== 0;
}

/** `\p{L}` of the code unit's character. */
export function isLetter(code: number): boolean {
  return (unitClasses(code) & LETTER) !== 0;
}

/** A to Z or a to z: the scanners' ASCII shortcut before the table. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** An apostrophe as texts write it: ' or the typographic ’ ("don't", "Macron’s"). */
export function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function classesOf(character: string): number {
  return (
    (IS_LETTER.test(character) ? LETTER : 0) |
    (IS_NUMBER.test(character) ? NUMBER : 0) |
    (IS_MARK.test(character) ? MARK : 0) |
    (IS_UPPER.test(character) ? UPPER : 0)
  );
}

const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_UPPER = /^\p{Lu}$/u;
const IS_PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]$/u;

/** A flag beside the classes `classesAt` returns: the character is a surrogate pair, two code units. */
export const WIDE = 0x100;

/**
 * The classes of the character starting at `at`: a surrogate pair's (`pairClasses`) with WIDE set, else the unit's
 * (`unitClasses`; a lone surrogate has none); 0 past the end of the text.
 */
export function classesAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const code = text.charCodeAt(at);
  if (isHighSurrogate(code) && at + 1 < text.length && isLowSurrogate(text.charCodeAt(at + 1))) return pairClasses(text, at) | WIDE;
  return unitClasses(code);
}
