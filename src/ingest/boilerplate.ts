/**
 * Boilerplate that Readability keeps inside the article container: the article header (section, byline, dates),
 * images with their captions and credits, related-story widgets, and runs of link-only teasers.
 */

/** Tags that never hold article prose in news pages. */
import { wordCount } from '../text/words.js';

const CHROME_TAGS = new Set(['HEADER', 'FOOTER', 'NAV', 'ASIDE', 'FIGURE', 'FIGCAPTION', 'PICTURE', 'FORM']);

/**
 * Class or id words of page furniture, matched at the start of a class segment ("article__header", "bylineBox",
 * not "subheader" or "blueprint"). Checked on elements far smaller than the article, so a wrapper never matches.
 */
const CHROME_NAME = new RegExp(
  '(?:^|[\\s_-])(?:' + [
    'header', 'byline', 'dateline', 'timestamp', 'author', 'caption', 'credit', 'photo', 'image', 'img', 'media', 'gallery',
    'slideshow', 'video', 'inset', 'widget', 'related', 'promo', 'newsletter', 'signup', 'subscribe', 'share', 'social',
    'toolbar', 'breadcrumb', 'tags', 'meta', 'print', 'reprint', 'advert', 'sponsor', 'recommend', 'more-stories',
  ].join('|') + ')',
  'i',
);

/** An element whose text is at most this share of the article's is small enough to be furniture, not a wrapper. */
const MAX_FURNITURE_SHARE = 0.25;
/** A link-only block longer than this is more likely a linked heading of the story than a teaser. */
const MAX_TEASER_WORDS = 20;

export function pruneBoilerplate(content: Element): void {
  const articleLength = textLength(content);
  if (articleLength === 0) return;
  const isSmall = (element: Element): boolean => textLength(element) <= articleLength * MAX_FURNITURE_SHARE;
  for (const element of Array.from(content.querySelectorAll('*'))) {
    if (element === content || !content.contains(element)) continue;
    if (isEmbeddedPost(element)) continue;
    if (isSmall(element) && (CHROME_TAGS.has(element.tagName) || CHROME_NAME.test(nameOf(element)))) {
      element.remove();
    }
  }
  removeLinkTeasers(content);
}

/** Quotations, and embedded posts with their wrappers, are quoted in the story, so they belong to the article text. */
function isEmbeddedPost(element: Element): boolean {
  return element.tagName === 'BLOCKQUOTE' || element.closest('blockquote') !== null || element.querySelector('blockquote') !== null;
}

/** Class tokens and id; modifier classes ("has-image", "no-caption") describe the content, not what the element is. */
function nameOf(element: Element): string {
  const className = typeof element.className === 'string' ? element.className : '';
  const tokens = `${className} ${element.id}`.split(/\s+/).filter((token) => token !== '' && !/(^|[-_])(has|no|with)[-_]/i.test(token));
  return tokens.join(' ');
}

/** Paragraphs and list items that are nothing but a link: "You may also like" lists, "Related:" teasers. */
function removeLinkTeasers(content: Element): void {
  for (const block of Array.from(content.querySelectorAll('p, li, h2, h3, h4, h5, h6, div'))) {
    if (!content.contains(block) || block.querySelector('p, li, div')) continue;
    const text = normalized(block.textContent);
    if (text === '' || wordCount(text) > MAX_TEASER_WORDS) continue;
    const linked = Array.from(block.querySelectorAll('a')).reduce((sum, link) => sum + normalized(link.textContent).length, 0);
    const unlinked = text.replace(/^(related|see more|read more|more|also read|read also|watch)\s*:?\s*/i, '');
    if (linked > 0 && linked >= unlinked.length * 0.9) block.remove();
  }
}

function textLength(element: Element): number {
  return normalized(element.textContent).length;
}

function normalized(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
