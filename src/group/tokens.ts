import { classesAt, isApostrophe, isAsciiLetter, LETTER, WIDE } from '../text/letters.js';
import { FNV_OFFSET, FNV_PRIME } from '../util/hash.js';
import { SIMILARITY_STOPWORDS } from '../text/stopwords.js';
import { grown } from '../util/typed-arrays.js';

/**
 * Content words of a text for similarity: lower-cased words without function words, numbers kept as
 * specifics ("415", "6.1", "2013") because they tell two happenings of the same kind apart.
 */
export function contentTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of rawTokens(text)) {
    const token = normalizeToken(raw);
    if (token !== null) tokens.push(token);
  }
  return tokens;
}

/** The lower-cased word and number runs of a text (see `scanRawTokens`), before `normalizeToken` folds or drops each. */
export function rawTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const spans = new TokenSpans();
  const count = scanRawTokens(lower, spans);
  return Array.from({ length: count }, (_, k) => lower.slice(spans.starts[k], spans.ends[k]));
}

/** Where each raw token of a text starts and ends (UTF-16 offsets) and the FNV-1a hash of its units; reusable. */
export class TokenSpans {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  hashes = new Int32Array(256);

  grow(): void {
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, size);
    this.ends = grown(this.ends, size);
    this.hashes = grown(this.hashes, size);
  }
}

/**
 * The raw tokens of an (already lower-cased) text, as the pattern `\p{L}+(?:['’]\p{L}+)*|\d+(?:[.,]\d+)*` (flags g,
 * u) finds them: letters joined by apostrophes ("don't"), or digits joined by points and commas ("1,343.5"). Written into
 * `spans`, their number returned: a scan by hand, so no string is made for a token (a caller that has seen the same
 * token before finds it by its hash and units).
 */
export function scanRawTokens(text: string, spans: TokenSpans): number {
  const length = text.length;
  let count = 0;
  let i = 0;
  while (i < length) {
    const first = text.charCodeAt(i);
    // The token's hash is taken as its units are read (one read of each, not a second loop over the token).
    let hash = Math.imul(FNV_OFFSET ^ first, FNV_PRIME);
    let end = i + 1;
    if (isDigit(first)) {
      for (;;) {
        let unit = 0;
        while (end < length && isDigit((unit = text.charCodeAt(end)))) {
          hash = Math.imul(hash ^ unit, FNV_PRIME);
          end++;
        }
        if (end + 1 < length && isNumberJoin(unit) && isDigit(text.charCodeAt(end + 1))) {
          hash = Math.imul(Math.imul(hash ^ unit, FNV_PRIME) ^ text.charCodeAt(end + 1), FNV_PRIME);
          end += 2;
        } else break;
      }
    } else {
      const width = letterAt(text, i);
      if (width === 0) {
        // Nothing starts here: the next unit (the low half of a surrogate pair starts nothing either).
        i++;
        continue;
      }
      if (width === 2) hash = Math.imul(hash ^ text.charCodeAt(end++), FNV_PRIME);
      for (;;) {
        while (end < length) {
          const unit = text.charCodeAt(end);
          // ASCII inline, the commonest case by far.
          if (unit < 0x80) {
            if (!isAsciiLetter(unit)) break;
            hash = Math.imul(hash ^ unit, FNV_PRIME);
            end++;
            continue;
          }
          const letter = letterAt(text, end);
          if (letter === 0) break;
          hash = Math.imul(hash ^ unit, FNV_PRIME);
          if (letter === 2) hash = Math.imul(hash ^ text.charCodeAt(end + 1), FNV_PRIME);
          end += letter;
        }
        const after = end + 1 < length && isApostrophe(text.charCodeAt(end)) ? letterAt(text, end + 1) : 0;
        if (after > 0) {
          hash = Math.imul(hash ^ text.charCodeAt(end), FNV_PRIME);
          for (let k = end + 1; k < end + 1 + after; k++) hash = Math.imul(hash ^ text.charCodeAt(k), FNV_PRIME);
          end += 1 + after;
        } else break;
      }
    }
    if (count === spans.starts.length) spans.grow();
    spans.starts[count] = i;
    spans.ends[count] = end;
    spans.hashes[count] = hash;
    count++;
    i = end;
  }
  return count;
}

/** The width (1 or 2 units) of the letter at `i`, or 0 when no letter starts there. */
function letterAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  // ASCII inline: the table lookup costs rawTokens ~7% (measured on 1,500 articles of the 10k day).
  if (code < 0x80) return isAsciiLetter(code) ? 1 : 0;
  const classes = classesAt(text, i);
  return (classes & LETTER) === 0 ? 0 : (classes & WIDE) !== 0 ? 2 : 1;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isNumberJoin(code: number): boolean {
  return code === 0x2e || code === 0x2c;
}

/** A raw token's content word, or null when it is too short, a function word or a single digit. */
export function normalizeToken(raw: string): string | null {
  if (/^\d/.test(raw)) {
    const number = raw.replace(/,(?=\d{3}\b)/g, '').replace(/[.,]$/, '');
    // Single digits are too common ("2 people", "1 June") to identify anything.
    return number.length >= 2 ? number : null;
  }
  const word = raw.replace(/['’]s$/, '').replace(/['’]/g, '');
  if (word.length < 3 || SIMILARITY_STOPWORDS.has(word)) return null;
  return stemPlural(word);
}

/** Folds the commonest plural forms so "missiles" meets "missile"; deliberately crude and cheap. */
function stemPlural(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
