import { wordCount } from '../text/words.js';
import { htmlToText } from './html-to-text.js';

/** Blocks of running text; anything shorter is more likely a label or a link. */
const MIN_PARAGRAPH_WORDS = 8;

/**
 * Main text when Readability finds no article (short pages, unusual markup): the paragraphs of the <article>
 * or <main> element, else of the body, outside navigation, headers, footers and asides.
 */
export function fallbackText(document: Document): string {
  const root = document.querySelector('article') ?? document.querySelector('main, [role="main"]') ?? document.body;
  if (!root) return '';
  for (const chrome of Array.from(root.querySelectorAll('nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"]'))) {
    chrome.remove();
  }
  const paragraphs = htmlToText(root)
    .split('\n\n')
    .filter((paragraph) => wordCount(paragraph) >= MIN_PARAGRAPH_WORDS);
  return paragraphs.join('\n\n');
}
