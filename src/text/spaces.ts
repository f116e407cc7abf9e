/**
 * Runs of whitespace (any kind, line breaks included) as one space, ends trimmed: `text.replace(/\s+/g, ' ').trim()`.
 * Most texts it is asked about are collapsed already (cleaned paragraphs, sentences): those are only checked, not
 * copied space by space.
 */
export function collapseWhitespace(text: string): string {
  return isCollapsed(text) ? text : text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether `collapseWhitespace(text)` is `text` itself: no whitespace but single spaces between other characters.
 * One pass over the code units, no regex: it is asked of every paragraph and line the analysis reads.
 */
export function isCollapsed(text: string): boolean {
  const last = text.length - 1;
  for (let at = 0; at <= last; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x20) {
      if (at === 0 || at === last || text.charCodeAt(at + 1) === 0x20) return false;
    } else if (isWhitespaceUnit(code)) return false;
  }
  return true;
}

/** What `\s` matches, by code unit (white space and line terminators, as String.prototype.trim removes them). */
export function isWhitespaceUnit(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x1680) return code === 0xa0;
  return (
    code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f ||
    code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
