/** Splits text into number literals, words and single symbols, keeping character offsets. */
import { table } from './table.js';
import { isAsciiLetter, LETTER, MARK, unitClasses } from '../../text/letters.js';
import { isWhitespaceUnit } from '../../text/spaces.js';

export interface Token {
  type: 'num' | 'word' | 'sym';
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Numeric value of a 'num' token. */
  value?: number;
  /** True when the literal is a plain run of digits (no separator, decimal or fraction). */
  plain?: boolean;
  /** True when the literal is an a/b fraction (possibly after a whole part). */
  fraction?: boolean;
}

const VULGAR_FRACTIONS: Record<string, number> = table({
  '½': 1 / 2, '⅓': 1 / 3, '⅔': 2 / 3, '¼': 1 / 4, '¾': 3 / 4, '⅕': 1 / 5, '⅖': 2 / 5, '⅗': 3 / 5, '⅘': 4 / 5,
  '⅙': 1 / 6, '⅚': 5 / 6, '⅛': 1 / 8, '⅜': 3 / 8, '⅝': 5 / 8, '⅞': 7 / 8,
});

interface Literal {
  end: number;
  value: number;
  plain: boolean;
}

const SPACE = '[ \\u00a0\\u202f\\u2009]';
/** Separator styles tried in order; each regex must consume the whole number or fail. */
const INDIAN = /\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d]|,\d)/y;
const THOUSANDS = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d]|,\d)/y;
const EUROPEAN = /\d{1,3}(?:\.\d{3})+,\d+(?![\d]|[.,]\d)/y;
/** A group that runs into a name is part of the name: "400 737 Max jets" is 400 jets of the 737 Max. */
const SPACED = new RegExp(`(?!0)\\d{1,3}(?:${SPACE}\\d{3})+(?:\\.\\d+)?(?![\\d]|${SPACE}?/\\d|${SPACE}\\p{Lu})`, 'uy');
const DECIMAL_COMMA = /\d+,\d{1,2}(?![\d]|,\d)/y;
const DOTTED = /\d+(?:\.\d+){2,}/y;
/** Pre-tokenized corpora write "6 . 2 %" and "80 , 000"; prose never puts spaces on both sides of a decimal point. */
const SPACED_POINT = /\d+ \. \d+(?!\d)/y;
const SPACED_COMMA = /\d{1,3}(?: , \d{3})+(?![\d]| , \d)/y;
const PLAIN = /\d+(?:\.\d+)?|\.\d+/y;
const EXPONENT = /[eE]([+-]?\d+)(?![\p{L}\d])/uy;
const TIMES_TEN = /\s?[x×]\s?10(?:\^|\s)?([+\-−]?\d+)/y;
const POWER = /\^([+\-−]*)(\d+(?:\.\d+)?)/y;

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function parseGrouped(raw: string, decimal: '.' | ','): number {
  const group = decimal === '.' ? /[,\s\u00a0\u202f\u2009]/g : /[.\s\u00a0\u202f\u2009]/g;
  return Number(raw.replace(group, '').replace(',', '.'));
}

/** Characters that may follow a number's first digits inside a longer literal: a separator, a decimal mark or a space. */
function continuesLiteral(ch: string | undefined): boolean {
  return ch === '.' || ch === ',' || ch === ' ' || ch === '\u00a0' || ch === '\u202f' || ch === '\u2009';
}

function readMantissa(text: string, at: number): Literal | Literal[] | null {
  // Most numbers are a run of digits followed by something no separator style reads on: every pattern below needs
  // a separator, a decimal mark or a space right after the first digits, and PLAIN reads the run.
  if (isDigit(text[at])) {
    let end = at + 1;
    while (isDigit(text[end])) end++;
    if (!continuesLiteral(text[end])) return { end, value: Number(text.slice(at, end)), plain: true };
  }
  // In a list "22,24,26,31" every item is its own number; only the first may open a grouped one.
  const inList = text[at - 1] === ',' && isDigit(text[at - 2]);
  if (inList) {
    const m = matchAt(PLAIN, text, at);
    return m ? { end: at + m[0].length, value: Number(m[0]), plain: /^\d+$/.test(m[0]) } : null;
  }
  const dotted = matchAt(DOTTED, text, at);
  if (dotted && !/^\d+\.\d+$/.test(dotted[0])) {
    // "192.168.1.2": more than one dot means separate numbers, not a decimal.
    const parts: Literal[] = [];
    let offset = at;
    for (const part of dotted[0].split('.')) {
      parts.push({ end: offset + part.length, value: Number(part), plain: true });
      offset += part.length + 1;
    }
    return parts;
  }
  const spacedPoint = matchAt(SPACED_POINT, text, at);
  if (spacedPoint) return { end: at + spacedPoint[0].length, value: Number(spacedPoint[0].replace(/ /g, '')), plain: false };
  const spacedComma = matchAt(SPACED_COMMA, text, at);
  if (spacedComma) return { end: at + spacedComma[0].length, value: Number(spacedComma[0].replace(/ , /g, '')), plain: false };
  for (const [re, decimal] of [[INDIAN, '.'], [THOUSANDS, '.'], [EUROPEAN, ','], [SPACED, '.'], [DECIMAL_COMMA, ',']] as const) {
    const m = matchAt(re, text, at);
    if (m) return { end: at + m[0].length, value: parseGrouped(m[0], decimal), plain: false };
  }
  const m = matchAt(PLAIN, text, at);
  if (!m) return null;
  return { end: at + m[0].length, value: Number(m[0]), plain: /^\d+$/.test(m[0]) };
}

function signOf(signs: string): number {
  const minuses = (signs.match(/[-−]/g) ?? []).length;
  return minuses % 2 === 1 ? -1 : 1;
}

const isTimes = (ch: string | undefined): boolean => ch === 'x' || ch === '×';

/** Scientific tails: "1e10", "1.3x10^6", "2.48×10−5", "1.1^23". Each pattern is tried only after its first character. */
function readExponentTail(text: string, literal: Literal): Literal {
  const next = text[literal.end];
  const exp = next === 'e' || next === 'E' ? matchAt(EXPONENT, text, literal.end) : null;
  if (exp) return { end: literal.end + exp[0].length, value: literal.value * 10 ** Number(exp[1]), plain: false };
  const times = isTimes(next) || (isWhitespaceUnit(text.charCodeAt(literal.end)) && isTimes(text[literal.end + 1])) ? matchAt(TIMES_TEN, text, literal.end) : null;
  if (times) {
    const power = Number(times[1]!.replace('−', '-'));
    return { end: literal.end + times[0].length, value: literal.value * 10 ** power, plain: false };
  }
  const pow = next === '^' ? matchAt(POWER, text, literal.end) : null;
  if (pow) return { end: literal.end + pow[0].length, value: literal.value ** (signOf(pow[1]!) * Number(pow[2])), plain: false };
  return literal;
}

/** "8x2^10": a factor times a power. */
const PRODUCT = /[x×](\d+)\^(\d+)/y;

function readProductTail(text: string, literal: Literal): Literal {
  const m = isTimes(text[literal.end]) ? matchAt(PRODUCT, text, literal.end) : null;
  if (!m) return literal;
  return { end: literal.end + m[0].length, value: literal.value * Number(m[1]) ** Number(m[2]), plain: false };
}


function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function startsNumber(text: string, i: number): boolean {
  if (isDigit(text[i])) return true;
  // ".08" but not the dot ending "in 2020.5 people" or "v.2".
  return text[i] === '.' && isDigit(text[i + 1]) && !isDigit(text[i - 1]) && !/[\p{L}]/u.test(text[i - 1] ?? '');
}

function numToken(text: string, start: number, lit: Literal): Token {
  const raw = text.slice(start, lit.end);
  return { type: 'num', text: raw, lower: raw.toLowerCase(), start, end: lit.end, value: lit.value, plain: lit.plain };
}

/** Simple fractions "3/4" and mixed numbers "2 1/4" become one token; "5/17/2018" and "1/0" do not. */
function mergeFractions(text: string, tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    const slash = tokens[i + 1];
    const b = tokens[i + 2];
    // The slash is glued on both sides, or spaced on both sides as pre-tokenized text writes "3 / 4".
    const slashFits = slash !== undefined && (slash.start === a.end) === (b !== undefined && b.start === slash.end);
    const isFraction =
      a.type === 'num' && a.plain && slash?.text === '/' && slashFits && b?.type === 'num' && b.plain &&
      tokens[i + 3]?.text !== '/' && tokens[i - 1]?.text !== '/' &&
      a.value! < b.value!;
    const divisionByZero =
      a.type === 'num' && slash?.text === '/' && b?.type === 'num' && b.value === 0 && slash.start === a.end && b.start === slash.end;
    if (divisionByZero) {
      // "1/0" is not a number at all.
      const raw = text.slice(a.start, b.end);
      out.push({ type: 'sym', text: raw, lower: raw, start: a.start, end: b.end });
      i += 2;
      continue;
    }
    if (!isFraction) {
      out.push(a);
      continue;
    }
    const prev = out[out.length - 1];
    const gap = prev ? text.slice(prev.end, a.start) : '';
    const mixed = prev?.type === 'num' && prev.plain && !prev.fraction && /^\s+$/.test(gap);
    const value = a.value! / b.value!;
    if (mixed) {
      out.pop();
      const raw = text.slice(prev.start, b.end);
      out.push({ type: 'num', text: raw, lower: raw, start: prev.start, end: b.end, value: prev.value! + value, plain: false, fraction: true });
    } else {
      const raw = text.slice(a.start, b.end);
      out.push({ type: 'num', text: raw, lower: raw, start: a.start, end: b.end, value, plain: false, fraction: true });
    }
    i += 2;
  }
  return out;
}

/** Web addresses hold digits that are not quantities; they start with a scheme or "www.". */
const URL = /(?:https?:\/\/|www\.)[^\s<>"]+/iy;
/** An address without a scheme still has a host and a path: "pic.twitter.com/3BDnrvkoms", "t.co/Nc0nKoXGBP". */
const BARE_URL = /(?:[\p{L}\d-]+\.)+\p{L}{2,}\/[^\s<>"]*/uy;
/** Handles and hashtags name accounts and topics: "@user2019", "#G20". */
const HANDLE = /[@#][\p{L}\d_]*\p{L}[\p{L}\d_]*|[@#]\d+[\p{L}_][\p{L}\d_]*/uy;
/** The rest of a mail address after its "@". */
const MAIL_TAIL = /@[^\s<>"]+/y;
/** One lexeme per step: spaces, a letter run, a digit (or ".5"), or any other character. */
const LEXEME = /([\s\u00a0\u202f\u2009]+)|([\p{L}\p{M}]+)|(\d|\.(?=\d))|([\s\S])/uy;

/** "name2@example.com": drops the tokens glued before the "@" and returns where the address ends, or null. */
function skipMailAddress(text: string, tokens: Token[], at: number): number | null {
  const tail = matchAt(MAIL_TAIL, text, at);
  if (!tail || tail[0].length < 2) return null;
  let edge = at;
  while (tokens.length > 0 && tokens[tokens.length - 1]!.end === edge) edge = tokens.pop()!.start;
  return at + tail[0].length;
}

/** A letter, "@" or "#": told from the code where it is ASCII, as most characters are. */
function mayStartNonQuantity(code: number, character: string): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x40 || code === 0x23;
  return /[\p{L}@#]/u.test(character);
}

/** Where an address or handle starting at i ends, or null: none of their digits are quantities. */
function skipNonQuantity(text: string, i: number, lastSlash: number): number | null {
  const ch = text[i]!;
  // Inside a word ("A320", "name2@...") the other rules decide; these forms start at a word boundary.
  if (/[\p{L}\d]/u.test(text[i - 1] ?? '')) return null;
  if (/\p{L}/u.test(ch)) {
    // An address needs a slash after its start: most sentences have none, and the regex would read every word.
    const url = lastSlash > i ? matchAt(BARE_URL, text, i) : null;
    return url ? i + url[0].length : null;
  }
  if (ch === '@' || ch === '#') {
    const handle = matchAt(HANDLE, text, i);
    return handle ? i + handle[0].length : null;
  }
  return null;
}

function pushNumber(text: string, tokens: Token[], i: number): number | null {
  if (!startsNumber(text, i)) return null;
  const mantissa = readMantissa(text, i);
  if (Array.isArray(mantissa)) {
    let start = i;
    for (const part of mantissa) {
      tokens.push(numToken(text, start, part));
      start = part.end + 1;
      if (part !== mantissa[mantissa.length - 1]) tokens.push({ type: 'sym', text: '.', lower: '.', start: part.end, end: part.end + 1 });
    }
    return mantissa[mantissa.length - 1]!.end;
  }
  if (!mantissa) return null;
  const lit = readProductTail(text, readExponentTail(text, mantissa));
  tokens.push(numToken(text, i, lit));
  return lit.end;
}

/** The class of a code unit above ASCII that is not half of a surrogate pair, as LEXEME reads it: 1 a letter or mark, 2 a space, 3 neither. */
function unitClass(code: number): number {
  return (unitClasses(code) & (LETTER | MARK)) !== 0 ? 1 : isWhitespaceUnit(code) ? 2 : 3;
}

const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;
/** isWhitespaceUnit's ASCII branch, inline here: calling it in the loops below costs this tokenize ~8% (measured). */
const isAsciiSpace = (code: number): boolean => code === 0x20 || (code >= 0x09 && code <= 0x0d);

/**
 * Where the run of spaces (`letters` false) or of letters and marks (`letters` true) starting at i ends, read by
 * character code; -1 when it meets a surrogate pair, which LEXEME reads as one code point.
 */
function runEnd(text: string, i: number, letters: boolean): number {
  let end = i;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code < 0x80) {
      if (letters ? !isAsciiLetter(code) : !isAsciiSpace(code)) return end;
    } else if (isSurrogate(code)) {
      return -1;
    } else if (unitClass(code) !== (letters ? 1 : 2)) {
      return end;
    }
    end++;
  }
  return end;
}

/** What LEXEME's groups read: spaces, a letter run, a digit (or ".5"), or any other character. */
const SPACES = 1;
const LETTERS = 2;
const NUMBER_START = 3;
const OTHER = 4;

/**
 * The kind and end of the lexeme at i, as LEXEME reads it, in one number (end * 8 + kind): no match object a lexeme.
 * A character loop for text without surrogate pairs (almost all text); the pattern for the rest.
 */
export function lexemeAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (!isSurrogate(code)) {
    const unit = code < 0x80 ? (isAsciiLetter(code) ? 1 : isAsciiSpace(code) ? 2 : 3) : unitClass(code);
    if (unit === 3) {
      // \d is ASCII: only an ASCII digit, or a dot before one, starts a number.
      const numberStart = (code >= 0x30 && code <= 0x39) || (code === 0x2e && isDigit(text[i + 1]));
      return (i + 1) * 8 + (numberStart ? NUMBER_START : OTHER);
    }
    const end = runEnd(text, i, unit === 1);
    if (end >= 0) return end * 8 + (unit === 1 ? LETTERS : SPACES);
  }
  const m = matchAt(LEXEME, text, i)!;
  const kind = m[1] !== undefined ? SPACES : m[2] !== undefined ? LETTERS : m[3] !== undefined ? NUMBER_START : OTHER;
  return (i + m[0].length) * 8 + kind;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const lastSlash = text.lastIndexOf('/');
  let i = 0;
  while (i < text.length) {
    const skipped = mayStartNonQuantity(text.charCodeAt(i), text[i]!) ? skipNonQuantity(text, i, lastSlash) : null;
    if (skipped !== null) {
      i = skipped;
      continue;
    }
    const lexeme = lexemeAt(text, i);
    const kind = lexeme % 8;
    const end = (lexeme - kind) / 8;
    if (kind === SPACES) {
      i = end;
      continue;
    }
    if (kind === LETTERS) {
      const word = text.slice(i, end);
      const lower = word.toLowerCase();
      if (lower === 'http' || lower === 'https' || lower === 'www') {
        const url = matchAt(URL, text, i);
        if (url) {
          i += url[0].length;
          continue;
        }
      }
      tokens.push({ type: 'word', text: word, lower, start: i, end: i + word.length });
      i += word.length;
      continue;
    }
    if (kind === NUMBER_START) {
      const numberEnd = pushNumber(text, tokens, i);
      if (numberEnd !== null) {
        i = numberEnd;
        continue;
      }
    }
    const mailEnd = text[i] === '@' && tokens.length > 0 && tokens[tokens.length - 1]!.end === i ? skipMailAddress(text, tokens, i) : null;
    if (mailEnd !== null) {
      i = mailEnd;
      continue;
    }
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    const fraction = VULGAR_FRACTIONS[cp];
    if (fraction !== undefined) {
      tokens.push({ type: 'num', text: cp, lower: cp, start: i, end: i + 1, value: fraction, plain: false, fraction: true });
    } else {
      tokens.push({ type: 'sym', text: cp, lower: cp, start: i, end: i + cp.length });
    }
    i += cp.length;
  }
  // A fraction or a division by zero needs a slash.
  return lastSlash < 0 ? tokens : mergeFractions(text, tokens);
}
