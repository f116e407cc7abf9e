import { htmlToPlainText } from '../text/markup.js';
import { wordCount } from '../text/words.js';
import type { FeedItem } from './types.js';

/** A teaser typically ends with a "read more" link or an ellipsis pointing at the page. */
const TEASER_END = /(?:read more|continue reading|read the full (?:story|article)|full story|weiterlesen|lire la suite|читать далее|подробнее|\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\W*$/i;

const FULL_WORDS = 250;
const STRUCTURED_WORDS = 120;
const STRUCTURED_PARAGRAPHS = 3;

export type ItemContent = { kind: 'html' | 'text'; value: string; field: 'html' | 'text' | 'summary' };

/** The richest body an item carries: full content first, then plain content, then the summary (many feeds put the whole article there). */
export function itemContent(item: FeedItem): ItemContent | null {
  if (item.html) return { kind: 'html', value: item.html, field: 'html' };
  if (item.text) return { kind: 'text', value: item.text, field: 'text' };
  if (item.summary) return { kind: 'html', value: item.summary, field: 'summary' };
  return null;
}

/**
 * Whether a feed item's content is the full article (vs a teaser): length and structure heuristics on the richest
 * body it carries. A long body is the article; a medium one counts when it has several paragraphs and does not
 * end like a teaser ("Read more", "[…]").
 */
export function hasFullText(item: FeedItem): boolean {
  const content = itemContent(item);
  if (!content) return false;
  const text = content.kind === 'html' ? htmlToPlainText(content.value) : content.value.trim();
  const words = wordCount(text);
  const teaser = TEASER_END.test(text);
  if (words >= FULL_WORDS) return !teaser || words >= FULL_WORDS * 2;
  const paragraphs = content.kind === 'html'
    ? Math.max((content.value.match(/<p[\s>]/gi) ?? []).length, text.split(/\n\s*\n/).length)
    : text.split(/\n\s*\n/).length;
  return words >= STRUCTURED_WORDS && paragraphs >= STRUCTURED_PARAGRAPHS && !teaser;
}
