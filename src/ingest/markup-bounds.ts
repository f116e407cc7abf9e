/** Elements that never have content, so they never add a level. */
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Elements whose end tag may be left out: the parser closes them when the next one starts, so a page of unclosed
 * <p> or <li> is flat, not deep. Not counting them keeps the estimate from refusing such ordinary pages.
 */
const SELF_ENDING_TAGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'html', 'head', 'body']);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

export interface MarkupLimits {
  maxDepth: number;
  maxElements: number;
}

export interface MarkupShape {
  /** The limit the markup goes past, or null when within both. */
  exceeded: 'depth' | 'elements' | null;
  /** Elements counted (up to the point where a limit was passed). */
  elements: number;
}

/**
 * The element count and nesting of the markup, estimated from its tags alone, before any parsing. The HTML parser's
 * cost grows faster than linearly with depth (10,000 nested <div> took close to a minute of CPU) and every later step
 * grows with the element count, so a page has to be judged before it is parsed. Stops at the first excess.
 */
export function measureMarkup(html: string, limits: MarkupLimits): MarkupShape {
  let depth = 0;
  let elements = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    const [, closing, rawName, selfClosing] = match;
    if (!closing && ++elements > limits.maxElements) return { exceeded: 'elements', elements };
    const name = rawName!.toLowerCase();
    if (VOID_TAGS.has(name) || SELF_ENDING_TAGS.has(name)) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!selfClosing && ++depth > limits.maxDepth) return { exceeded: 'depth', elements };
  }
  return { exceeded: null, elements };
}
