import { gunzipSync } from 'node:zlib';
import { formatBytes } from '../util/format-bytes.js';
import { readRegularFile } from './read-regular.js';
import { errorMessage } from '../util/errors.js';

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * The type and size are checked on the opened file before reading, so an oversized file is never loaded into memory
 * and a FIFO or device (a link to /dev/zero) is skipped instead of hanging the run or filling memory.
 */
export async function readBytes(path: string, maxBytes: number): Promise<ReadResult> {
  try {
    const read = await readRegularFile(path, maxBytes);
    if (read.ok) return read.bytes.length === 0 ? { ok: false, reason: 'empty file' } : read;
    if (read.code !== undefined) return { ok: false, reason: describeFsError(read, 'file') };
    if (read.size !== undefined) return { ok: false, reason: `larger than the ${formatBytes(maxBytes)} cap (${formatBytes(read.size)})` };
    return { ok: false, reason: `${read.reason}; only regular files are read` };
  } catch (error) {
    return { ok: false, reason: describeFsError(error, 'file') };
  }
}

/**
 * A gzipped file's content, never more than `maxBytes` of it: the cap holds for what is decompressed too, so a small
 * file that inflates to gigabytes (a gzip bomb) is refused without filling memory.
 */
export function gunzipBounded(bytes: Uint8Array, maxBytes: number): ReadResult {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { ok: false, reason: 'named .gz but not gzip data' };
  try {
    const inflated = gunzipSync(bytes, { maxOutputLength: maxBytes });
    return inflated.length === 0 ? { ok: false, reason: 'empty once decompressed' } : { ok: true, bytes: inflated };
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, reason: `larger than the ${formatBytes(maxBytes)} cap once decompressed` };
    }
    return { ok: false, reason: `damaged gzip data (${(error as Error).message})` };
  }
}

export { formatBytes } from '../util/format-bytes.js';

export function describeFsError(error: unknown, what: 'file' | 'folder' | 'path'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${what} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `unreadable ${what} (permission denied)`;
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return `unreadable ${what} (${code ?? errorMessage(error)})`;
  }
}


/** Kept for callers outside ingest; the one implementation lives in util/hash. */
export { sha256Hex as sha256 } from '../util/hash.js';
