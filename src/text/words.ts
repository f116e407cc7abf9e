/**
 * Words as a reader counts them, the one count every stage uses (the model's wordCount, summary lengths, the
 * cleaner's line limits, quote lengths): a letter or digit starts a word; ' ’ . - continue it ("U.S.", "don't",
 * "well-known" are one word each); Chinese and Japanese, written without spaces, count one word per two characters.
 */

import { isHighSurrogate, isLetterOrDigit, isLowSurrogate } from './letters.js';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Space-separated words (runs of CJK characters are not split). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

// Chinese and Japanese are written without spaces: count about one word per two characters.
function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/**
 * Words as `words()` counts them (a letter or digit starts a word; ' ’ . - continue it), plus half
 * the CJK characters. A character loop: this runs on every line many times, so no arrays.
 */
export function wordCount(text: string): number {
  scanWords(text, scratchTally);
  return scratchTally.words;
}

/**
 * A text's words in two parts: `words` as `wordCount` gives them, and the CJK characters among them (`cjk`), which
 * `wordCount` halves, rounding up. Tallies add up where counts do not: the count of texts joined by line breaks is
 * `wordCountOfTallies` of theirs, without joining them or counting them again.
 */
export interface WordTally {
  words: number;
  cjk: number;
}

export function tallyWords(text: string): WordTally {
  const tally = { words: 0, cjk: 0 };
  scanWords(text, tally);
  return tally;
}

/** `wordCount(texts.join('\n'))` from the texts' tallies: their CJK characters are halved together, once. */
export function wordCountOfTallies(tallies: readonly WordTally[]): number {
  let words = 0;
  let cjk = 0;
  for (const tally of tallies) {
    words += tally.words - Math.ceil(tally.cjk / 2);
    cjk += tally.cjk;
  }
  return words + Math.ceil(cjk / 2);
}

/** Reused by every count, so counting allocates nothing. */
const scratchTally: WordTally = { words: 0, cjk: 0 };

function scanWords(text: string, tally: WordTally): void {
  let count = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let isWordChar: boolean;
    if (code < 128) {
      const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
      isWordChar = alnum || (inWord && (code === 39 || code === 46 || code === 45));
      if (alnum && !inWord) count++;
    } else if (isCjk(code)) {
      cjk++;
      isWordChar = false;
    } else {
      const alnum = isLetterOrDigit(code);
      isWordChar = alnum || (inWord && code === 0x2019);
      if (alnum && !inWord) count++;
    }
    inWord = isWordChar;
  }
  tally.words = count + Math.ceil(cjk / 2);
  tally.cjk = cjk;
}

/**
 * The words of the lower-cased text as runs of letters and digits: what `text.toLowerCase().match(/[\p{L}\p{N}]+/gu)`
 * finds, in one pass and a third of the time.
 */
export function lowerCaseWords(text: string): string[] {
  const words: string[] = [];
  scanLowerCase(text, words);
  return words;
}

/**
 * Those words run together, `text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')`: a key for comparing texts. The key
 * is written into a buffer of code units made into a string when it is nearly full and at the end (slicing runs would
 * build it of many pieces, joined again when the key is hashed); lower-casing as the scan below does, the capital
 * sigma included (a text with one is lower-cased whole).
 */
export function lowerCaseLettersAndDigits(text: string): string {
  if (text.includes('Σ')) return text.toLowerCase().replace(NOT_LETTERS_OR_DIGITS, '');
  let key = '';
  let length = 0;
  for (let at = 0; at < text.length; at++) {
    if (length > KEY_BUFFER_SIZE - MAX_UNITS_PER_CHARACTER) {
      key += keyBufferText(length);
      length = 0;
    }
    const code = text.charCodeAt(at);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) keyUnits[length++] = code;
    else if (code >= 0x41 && code <= 0x5a) keyUnits[length++] = code + 0x20;
    else if (code >= 0x80) {
      const pair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(at + 1));
      for (const piece of lowerCasePieces(pair ? text.slice(at, at + 2) : text[at]!)) {
        if (piece === null) continue;
        for (let unit = 0; unit < piece.length; unit++) keyUnits[length++] = piece.charCodeAt(unit);
      }
      if (pair) at++;
    }
  }
  return key + keyBufferText(length);
}

const NOT_LETTERS_OR_DIGITS = /[^\p{L}\p{N}]+/gu;
/** A line's key fits at once; a longer text's is made in pieces of this size, so fromCharCode's arguments stay few. */
const KEY_BUFFER_SIZE = 4096;
/**
 * Lower-casing gives at most two code units per code unit of the text (only "İ" gives two, checked over all of
 * Unicode), so a character, a surrogate pair at most, adds at most four.
 */
const MAX_UNITS_PER_CHARACTER = 4;
const keyUnits = new Uint16Array(KEY_BUFFER_SIZE);

const keyBufferText = (length: number): string =>
  String.fromCharCode.apply(null, keyUnits.subarray(0, length) as unknown as number[]);

/**
 * One pass over the text, each word pushed to the list. Runs of lower-case ASCII are sliced as they are; any other
 * character is lower-cased alone, once per run of the process (cached), which is what lower-casing the whole text
 * does to it except for the capital sigma (final ς or σ by its neighbours): a text with one is lower-cased whole.
 */
function scanLowerCase(text: string, words: string[]): void {
  if (text.includes('Σ')) {
    for (const word of text.toLowerCase().match(LETTERS_AND_DIGITS) ?? []) words.push(word);
    return;
  }
  let word = '';
  let run = -1;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (run < 0) run = at;
      continue;
    }
    if (run >= 0) {
      word += text.slice(run, at);
      run = -1;
    }
    if (code < 0x80) {
      if (code >= 0x41 && code <= 0x5a) word += String.fromCharCode(code + 0x20);
      else if (word !== '') {
        words.push(word);
        word = '';
      }
      continue;
    }
    const pair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(at + 1));
    for (const piece of lowerCasePieces(pair ? text.slice(at, at + 2) : text[at]!)) {
      if (piece !== null) word += piece;
      else if (word !== '') {
        words.push(word);
        word = '';
      }
    }
    if (pair) at++;
  }
  if (run >= 0) word += text.slice(run);
  if (word !== '') words.push(word);
}

const LETTERS_AND_DIGITS = /[\p{L}\p{N}]+/gu;

/**
 * A non-ASCII character lower-cased, as its runs of letters and digits with null where anything else breaks a word:
 * "É" -> ["é"], "’" -> [null], "İ" -> ["i", null] (a dotted capital I lower-cases to i and a combining dot).
 */
function lowerCasePieces(character: string): readonly (string | null)[] {
  const known = piecesByCharacter.get(character);
  if (known !== undefined) return known;
  const pieces: (string | null)[] = [];
  let run = '';
  for (const lowered of character.toLowerCase()) {
    if (LETTER_OR_DIGIT.test(lowered)) run += lowered;
    else {
      if (run !== '') pieces.push(run);
      pieces.push(null);
      run = '';
    }
  }
  if (run !== '') pieces.push(run);
  // Texts use a few hundred such characters; the cap only guards a run over every script there is.
  if (piecesByCharacter.size < 10_000) piecesByCharacter.set(character, pieces);
  return pieces;
}

const piecesByCharacter = new Map<string, readonly (string | null)[]>();
