import iconv from 'iconv-lite';
import { decodeBytes, normalizeEncodingName, type DeclarationKind } from '../ingest/decode.js';
import { FeedError } from './errors.js';

export interface DecodedFeed {
  text: string;
  encoding: string;
  warnings: string[];
}

/**
 * Decodes feed bytes trusting, in order: the HTTP header charset, the BOM, the XML prolog (then strict UTF-8 and
 * detection, as for files). One exception: a BOM that contradicts the header wins (RFC 7303). A header that claims UTF-8 for bytes that are not UTF-8 is a common server
 * misconfiguration, so it yields to the document's own evidence instead of producing U+FFFD soup.
 */
export function decodeFeedBytes(bytes: Uint8Array, headerCharset: string | null | undefined, kind: DeclarationKind): DecodedFeed {
  const warnings: string[] = [];
  const header = normalizeEncodingName(headerCharset ?? null);
  const bom = bomEncoding(bytes);
  const sameFamily = bom?.startsWith('utf-16') && /^\s*utf-?16/i.test(headerCharset ?? '');
  if (header && bom && bom !== header && !sameFamily) {
    // RFC 7303 section 3.3: for XML the BOM takes precedence over the charset parameter; it cannot be there by accident.
    warnings.push(`the HTTP charset "${headerCharset}" contradicts the document's ${bom} byte-order mark; decoded as ${bom}`);
  } else if (header && bytes.length > 0) {
    if (!iconv.encodingExists(header)) {
      warnings.push(`the HTTP charset "${headerCharset}" is unknown; decoded from the document's own declaration instead`);
    } else if (header === 'utf-8' && !isUtf8(bytes)) {
      warnings.push('the HTTP header says UTF-8 but the bytes are not UTF-8; decoded from the document\'s own declaration instead');
    } else {
      return { text: stripBom(iconv.decode(Buffer.from(bytes), header, { stripBOM: true })), encoding: header, warnings };
    }
  }
  const decoded = decodeBytes(bytes, kind);
  if (!decoded.ok) throw new FeedError('undecodable', `the feed cannot be decoded as text: ${decoded.reason}`);
  return { text: stripBom(decoded.text), encoding: decoded.encoding, warnings };
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
