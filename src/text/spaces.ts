/** Whitespace other than a single space, or two spaces in a row: what collapsing would change. */
const COLLAPSIBLE = /[^\S ]| {2}/;

/**
 * Runs of whitespace (any kind, line breaks included) as one space, ends trimmed: `text.replace(/\s+/g, ' ').trim()`.
 * Most texts it is asked about are collapsed already (cleaned paragraphs, sentences): those are only checked, not
 * copied space by space.
 */
export function collapseWhitespace(text: string): string {
  return COLLAPSIBLE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}
