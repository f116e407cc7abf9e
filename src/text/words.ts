/**
 * Words as a reader counts them, the one count every stage uses (the model's wordCount, summary lengths, the
 * cleaner's line limits, quote lengths): a letter or digit starts a word; ' ’ . - continue it ("U.S.", "don't",
 * "well-known" are one word each); Chinese and Japanese, written without spaces, count one word per two characters.
 */

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
  const cached = wordCountCache.get(text);
  if (cached !== undefined) return cached;
  const count = wordCountUncached(text);
  if (wordCountCache.size >= WORD_COUNT_CACHE_SIZE) wordCountCache.clear();
  wordCountCache.set(text, count);
  return count;
}

// The passes ask for the same lines' counts again and again; a bounded cache keeps that cheap.
const WORD_COUNT_CACHE_SIZE = 4096;
const wordCountCache = new Map<string, number>();

function wordCountUncached(text: string): number {
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
      const alnum = LETTER_OR_DIGIT.test(text[i]!);
      isWordChar = alnum || (inWord && code === 0x2019);
      if (alnum && !inWord) count++;
    }
    inWord = isWordChar;
  }
  return count + Math.ceil(cjk / 2);
}

