import { HONORIFICS, NAME_CONNECTORS, TITLE_WORDS } from './name-words.js';

const ABBREVIATED_TITLES = new Set([...TITLE_WORDS, ...HONORIFICS].filter((word) => word.length <= 4));
import type { Token } from './tokens.js';

/** A run of capitalized tokens that may be a name, with the words around it for context. */
export interface NameSpan {
  tokens: Token[];
  /** Lower-cased words just before and after the span (empty string when none or when punctuation intervenes). */
  previous: string;
  previous2: string;
  next: string;
}

function adjacent(sentence: string, left: Token, right: Token): boolean {
  const gap = sentence.slice(left.end, right.start);
  if (gap === ' ') return true;
  // An initial or an abbreviated title keeps the name together: "Donald J. Trump", "Rep. Carlos Curbelo".
  return gap === '. ' && (/^\p{Lu}$/u.test(left.text) || ABBREVIATED_TITLES.has(left.text.toLowerCase()));
}

function wordBefore(sentence: string, tokens: readonly Token[], index: number, distance: number): string {
  let i = index;
  for (let step = 0; step < distance; step++) {
    if (i - 1 < 0 || !adjacent(sentence, tokens[i - 1], tokens[i])) return '';
    i--;
  }
  return tokens[i].text.toLowerCase();
}

/**
 * Splits a sentence's tokens into runs of capitalized words. Connectors ("of", "von der") stay inside a run when a
 * capitalized word follows; punctuation, other lower-case words and possessives end it.
 */
export function findNameSpans(sentence: string, tokens: readonly Token[]): NameSpan[] {
  const spans: NameSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    // A capitalized token starts with a capital letter, so it has a letter (a number never starts a span).
    if (!tokens[i].capitalized) {
      i++;
      continue;
    }
    let j = i;
    while (!tokens[j].possessive && j + 1 < tokens.length && adjacent(sentence, tokens[j], tokens[j + 1])) {
      const nextToken = tokens[j + 1];
      if (nextToken.capitalized) {
        j++;
        continue;
      }
      const lower = nextToken.text.toLowerCase();
      const afterConnector = tokens[j + 2];
      const theAfterOf = lower === 'the' && tokens[j].text.toLowerCase() === 'of';
      if ((NAME_CONNECTORS.has(lower) || theAfterOf) && afterConnector && adjacent(sentence, nextToken, afterConnector)) {
        const continues = afterConnector.capitalized || (lower === 'of' && afterConnector.text === 'the');
        if (continues) {
          j++;
          continue;
        }
      }
      break;
    }
    const last = tokens[j];
    const following = tokens[j + 1];
    spans.push({
      tokens: tokens.slice(i, j + 1),
      previous: wordBefore(sentence, tokens, i, 1),
      previous2: wordBefore(sentence, tokens, i, 2),
      next: following && !last.possessive && adjacent(sentence, last, following) ? following.text.toLowerCase() : '',
    });
    i = j + 1;
  }
  return spans.map(trimConnectors);
}

/** A run never ends on a connector ("Secretary of" + lower-case word). */
function trimConnectors(span: NameSpan): NameSpan {
  let end = span.tokens.length;
  while (end > 1 && !span.tokens[end - 1].capitalized) end--;
  return end === span.tokens.length ? span : { ...span, tokens: span.tokens.slice(0, end), next: '' };
}

/** One span per word, for headlines whose capitals say nothing about where names begin and end. */
export function splitIntoWords(span: NameSpan): NameSpan[] {
  return span.tokens
    .filter((token) => token.capitalized)
    .map((token, i, all) => ({
      tokens: [token],
      previous: i === 0 ? span.previous : '',
      previous2: i === 0 ? span.previous2 : '',
      next: i === all.length - 1 ? span.next : '',
    }));
}
