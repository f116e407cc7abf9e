import { decodeBytes, type DeclarationKind } from '../text/decode.js';
import { FeedError } from './errors.js';

export interface DecodedFeed {
  text: string;
  encoding: string;
  warnings: string[];
}

/** Feed bytes decoded by the one decoder (BOM, HTTP charset, XML prolog, UTF-8, detection); undecodable is a FeedError. */
export function decodeFeedBytes(bytes: Uint8Array, headerCharset: string | null | undefined, kind: DeclarationKind): DecodedFeed {
  const decoded = decodeBytes(bytes, kind, headerCharset ?? null);
  if (!decoded.ok) throw new FeedError('undecodable', `the feed cannot be decoded as text: ${decoded.reason}`);
  return { text: decoded.text, encoding: decoded.encoding, warnings: decoded.warnings };
}
