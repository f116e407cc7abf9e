import { onDemand } from '../util/load-on-demand.js';

// Only text that is neither UTF-8 nor marked by a byte-order mark needs these: most runs never load them.
const chardet = onDemand<typeof import('chardet')>('chardet');
const iconv = onDemand<typeof import('iconv-lite')>('iconv-lite');

export type DecodeResult =
  | { ok: true; text: string; encoding: string; /** A transport charset that was not followed, and why. */ warnings: string[] }
  | { ok: false; reason: string };

/** Which kind of declaration to look for in the bytes (HTML meta charset, XML prolog, front matter `encoding:`). */
export type DeclarationKind = 'html' | 'xml' | 'front-matter' | 'none';

const CYRILLIC_SINGLE_BYTE = ['windows-1251', 'koi8-r', 'iso-8859-5'];

/**
 * Decodes bytes to text, the one decoder of files, feeds and fetched pages. Order of trust, as browsers sniff
 * (WHATWG Encoding) and RFC 7303 asks for XML: the byte-order mark (it cannot be there by accident), then the
 * transport's charset (an HTTP header: the server knows what it sends), then an encoding the document declares,
 * then strict UTF-8, then statistical detection. A transport charset that is unknown, or that claims UTF-8 for bytes
 * that are not, is a common server misconfiguration: it yields to the document's own evidence, with a warning.
 * Never returns U+FFFD soup for legacy bytes: invalid UTF-8 goes to detection instead.
 */
export function decodeBytes(bytes: Uint8Array, declarationKind: DeclarationKind = 'none', transportCharset: string | null = null): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const warnings: string[] = [];
  const finish = (text: string, encoding: string) => finishText(text, encoding, warnings);
  const transport = normalizeEncodingName(transportCharset);
  const bom = decodeWithBom(bytes);
  if (bom) {
    const sameFamily = bom.encoding.startsWith('utf-16') && /^\s*utf-?16/i.test(transportCharset ?? '');
    if (transport && transport !== bom.encoding && !sameFamily) {
      warnings.push(`the HTTP charset "${transportCharset}" contradicts the document's ${bom.encoding} byte-order mark; decoded as ${bom.encoding}`);
    }
    return finish(bom.text, bom.encoding);
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (NUL bytes)' };
  if (transport) {
    if (!iconv().encodingExists(transport)) {
      warnings.push(`the HTTP charset "${transportCharset}" is unknown; decoded from the document's own declaration instead`);
    } else if (transport === 'utf-8' && decodeStrictUtf8(bytes) === null) {
      warnings.push("the HTTP header says UTF-8 but the bytes are not UTF-8; decoded from the document's own declaration instead");
    } else {
      return finish(iconv().decode(Buffer.from(bytes), transport), transport);
    }
  }

  const declared = normalizeEncodingName(sniffDeclaredEncoding(bytes, declarationKind));
  const utf8 = decodeStrictUtf8(bytes);
  // Multi-byte sequences that are valid UTF-8 almost never arise by chance in legacy text, so they beat a stale declaration.
  if (utf8 !== null && (!declared || hasMultiByteSequences(utf8, bytes))) return finish(utf8, 'utf-8');
  if (declared && iconv().encodingExists(declared)) {
    return finish(iconv().decode(Buffer.from(bytes), declared), declared);
  }
  if (utf8 !== null) return finish(utf8, 'utf-8');
  const detected = detectLegacyEncoding(bytes);
  return finish(iconv().decode(Buffer.from(bytes), detected), detected);
}

function finishText(text: string, encoding: string, warnings: string[]): DecodeResult {
  if (text.trim() === '') return { ok: false, reason: 'empty file (whitespace only)' };
  if (looksBinary(text)) return { ok: false, reason: 'binary file (control characters, not text)' };
  return { ok: true, text, encoding, warnings };
}

function decodeWithBom(bytes: Uint8Array): { text: string; encoding: string } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  return null;
}

/**
 * Whether valid UTF-8 bytes hold anything beyond ASCII, read from their decoding: every longer sequence (2 to 4 bytes)
 * decodes to fewer UTF-16 units (1 or 2) than it has bytes, so only all-ASCII bytes decode to as many units.
 */
function hasMultiByteSequences(decoded: string, bytes: Uint8Array): boolean {
  return decoded.length !== bytes.length;
}

function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Reads the declaration from the ASCII-compatible head of the file; legacy encodings keep ASCII bytes intact. */
export function sniffDeclaredEncoding(bytes: Uint8Array, kind: DeclarationKind): string | null {
  if (kind === 'none') return null;
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (kind === 'html' || kind === 'xml') {
    const prolog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
    if (prolog) return prolog[1]!;
    if (kind === 'html') {
      const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
      if (meta) return meta[1]!;
    }
    return null;
  }
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(head);
  if (!frontMatter) return null;
  const line = /^encoding\s*:\s*["']?([\w.:-]+)["']?\s*$/im.exec(frontMatter[1]!);
  return line ? line[1]! : null;
}

/** Maps common aliases to the names iconv-lite and the rest of the pipeline use. */
export function normalizeEncodingName(name: string | null): string | null {
  if (!name) return null;
  const lower = name.trim().toLowerCase();
  const aliases: Record<string, string> = {
    utf8: 'utf-8',
    'utf-8': 'utf-8',
    cp1251: 'windows-1251',
    'win-1251': 'windows-1251',
    cp1252: 'windows-1252',
    'iso-8859-1': 'windows-1252', // browsers treat Latin-1 labels as windows-1252
    latin1: 'windows-1252',
    'us-ascii': 'windows-1252',
    koi8r: 'koi8-r',
  };
  // A declaration readable as ASCII cannot be in UTF-16/32 bytes; browsers read such pages as UTF-8 too.
  if (/^(utf-?16|utf-?32|ucs-?2)/.test(lower)) return 'utf-8';
  return aliases[lower] ?? lower;
}

/** chardet ranks candidates; for Cyrillic the byte statistics of windows-1251 and koi8-r are close, so a letter-case check decides. */
function detectLegacyEncoding(bytes: Uint8Array): string {
  const candidates = chardet()
    .analyse(bytes)
    .map((match) => normalizeEncodingName(match.name)!)
    .filter((name) => name !== 'utf-8' && iconv().encodingExists(name));
  const best = candidates[0] ?? 'windows-1252';
  if (candidates.some((name) => CYRILLIC_SINGLE_BYTE.includes(name))) {
    return pickCyrillicEncoding(bytes);
  }
  return best;
}

/** Running text is mostly lowercase; the wrong Cyrillic code page turns it into mostly uppercase or non-letters. */
function pickCyrillicEncoding(bytes: Uint8Array): string {
  let best = CYRILLIC_SINGLE_BYTE[0]!;
  let bestScore = -1;
  for (const encoding of CYRILLIC_SINGLE_BYTE) {
    const text = iconv().decode(Buffer.from(bytes), encoding);
    const lower = (text.match(/[а-яё]/g) ?? []).length;
    const upper = (text.match(/[А-ЯЁ]/g) ?? []).length;
    const score = lower - upper;
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return best;
}

/** Text with many C0 control characters (other than tab, newline, carriage return, form feed) is not prose. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  const controls = (sample.match(/[\x00-\x08\x0e-\x1f\x7f]/g) ?? []).length;
  return controls > 0 && controls / sample.length > 0.01;
}
