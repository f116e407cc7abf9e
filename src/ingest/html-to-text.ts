/** Elements whose start and end break the text into separate paragraphs. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Never text a reader sees. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'HEAD', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Plain text of a DOM subtree: paragraphs (block elements) separated by blank lines, whitespace inside a paragraph
 * collapsed, <br> kept as a line break.
 */
export function htmlToText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const paragraph = current
      .split('\n')
      .map((line) => line.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
    if (paragraph !== '') paragraphs.push(paragraph);
    current = '';
  };
  // An explicit stack, not recursion: a deeply nested page must not exhaust the call stack. A block element is
  // pushed again as its own end marker so that its closing breaks the paragraph too.
  const stack: Array<{ node: Node; closing: boolean }> = [{ node: root, closing: false }];
  while (stack.length > 0) {
    const { node, closing } = stack.pop()!;
    if (closing) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      current += (node.nodeValue ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === 'BR') {
      current += '\n';
      continue;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) {
      flush();
      stack.push({ node, closing: true });
    }
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push({ node: child, closing: false });
  }
  flush();
  return paragraphs.join('\n\n');
}
