import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { FetchError } from './errors.js';
import { tooLarge } from './request.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Undoes Content-Encoding. maxOutputLength makes zlib stop at the cap, so a small compressed
 * body that would expand to gigabytes (a gzip bomb) is refused without ever being held in memory.
 */
export async function decodeContent(body: Buffer, contentEncoding: string | null, href: string, maxBytes: number): Promise<Buffer> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  let data = body;
  // Codings are listed in the order they were applied, so they are undone from the last.
  for (const coding of codings.reverse()) {
    data = await decodeOne(data, coding, href, maxBytes);
  }
  return data;
}

async function decodeOne(data: Buffer, coding: string, href: string, maxBytes: number): Promise<Buffer> {
  const options = { maxOutputLength: maxBytes };
  try {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return await gunzip(data, options);
      case 'deflate':
        // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
        return await inflate(data, options).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ERR_BUFFER_TOO_LARGE') throw error;
          return inflateRaw(data, options);
        });
      case 'br':
        return await brotli(data, options);
      default:
        throw new FetchError(href, 'network', `${href} was sent with the unsupported Content-Encoding "${coding}"; the server ignored our Accept-Encoding (${ACCEPT_ENCODING}).`);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(href, maxBytes, `it expands past the cap when decompressed (${coding})`);
    }
    throw new FetchError(href, 'network', `${href} could not be decompressed (${coding}): ${(error as Error).message}. The server sent a corrupt body; retry later.`, { cause: error });
  }
}
