import { decodeHTMLStrict } from 'entities';

/**
 * Common HTML named entities, handed to the XML parser of feeds so that a stray `&nbsp;` outside CDATA reads as the
 * character instead of failing the feed: fixed one-character values, so no expansion is possible. Decoding text
 * uses the full HTML table (`decodeHtmlEntities`).
 */
export const HTML_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”',
  bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', copy: '©', reg: '®',
  trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', minus: '−', frac12: '½', frac14: '¼', frac34: '¾',
  sup2: '²', sup3: '³', micro: 'µ', para: '¶', sect: '§', euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤',
  iexcl: '¡', iquest: '¿', shy: '\u00ad', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200c',
  zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', dagger: '†', Dagger: '‡', permil: '‰', prime: '′', Prime: '″',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', ordf: 'ª', ordm: 'º', acute: '´', uml: '¨', cedil: '¸',
  macr: '¯', not: '¬', brvbar: '¦',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç', Egrave: 'È',
  Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï', ETH: 'Ð', Ntilde: 'Ñ',
  Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù', Uacute: 'Ú', Ucirc: 'Û',
  Uuml: 'Ü', Yacute: 'Ý', THORN: 'Þ', szlig: 'ß', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä',
  aring: 'å', aelig: 'æ', ccedil: 'ç', egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í',
  icirc: 'î', iuml: 'ï', eth: 'ð', ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö',
  oslash: 'ø', ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', thorn: 'þ', yuml: 'ÿ', Scaron: 'Š',
  scaron: 'š', Zcaron: 'Ž', zcaron: 'ž', OElig: 'Œ', oelig: 'œ', Yuml: 'Ÿ', fnof: 'ƒ', circ: 'ˆ', tilde: '˜',
  Alpha: 'Α', Beta: 'Β', Gamma: 'Γ', Delta: 'Δ', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', pi: 'π', mu: 'μ',
  Omega: 'Ω', omega: 'ω', sigma: 'σ', lambda: 'λ', infin: '∞', ne: '≠', le: '≤', ge: '≥', asymp: '≈',
};

/**
 * Decodes HTML character references (named, decimal and hex; a semicolon required, so "AT&T" and "&para" inside a
 * word stay as written). Text that was escaped twice ("&amp;#8217;", common in JSON-LD and meta tags) is decoded
 * to the character too: no real headline or name writes a literal character reference.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  const once = decodeHTMLStrict(text);
  return once.includes('&') && once !== text ? decodeHTMLStrict(once) : once;
}

/** Text as HTML text or attribute value: every character that could end one, or start markup, as a reference. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const BLOCK_TAGS = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|tr|table|pre|figure|figcaption|hr)\b[^>]*>/gi;

/** A tag name followed by attributes or the end of the tag, so text such as "<Q&A>" or "a < b" survives. */
const TAG = /<\/?[a-z][a-z0-9-]*(?::[a-z0-9-]+)?(?:\s[^>]*)?\/?>/gi;

/** Plain text of an HTML fragment: tags out, entities decoded, whitespace collapsed (blank lines between blocks). */
export function htmlToPlainText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return collapse(html);
  const withoutInvisible = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const blocks = withoutInvisible.replace(BLOCK_TAGS, '\n\n').replace(TAG, '');
  return collapse(decodeHtmlEntities(blocks));
}

function collapse(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '')
    .join('\n\n');
}

/** One-line text for titles and names: HTML stripped, whitespace collapsed; null when nothing is left. */
export function cleanInline(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = htmlToPlainText(value).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** Content kept as written (HTML stays HTML) but trimmed; null when empty. */
export function cleanBlock(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
