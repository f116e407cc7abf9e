import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

export type RegularRead =
  | { ok: true; bytes: Uint8Array }
  /** `code` is the file system's error code (ENOENT...) when opening failed, so callers can word it. */
  | { ok: false; reason: string; code?: string; size?: number };

/**
 * Non-blocking, so opening a FIFO returns at once instead of waiting for a writer that never comes; it changes
 * nothing for regular files. (Not defined on Windows, which has no FIFOs in the file system.)
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file of at most `maxBytes`. The type and size are checked on the opened descriptor (fstat),
 * before anything is read and on the very file that is then read: a FIFO, a device (a link to /dev/zero), a socket or
 * a folder is refused without reading, and no swap of the path between the check and the read can get past it.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularRead> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: (error as Error).message, ...(code ? { code } : {}) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: `not a regular file (${fileKind(info)})` };
    if (info.size > maxBytes) return { ok: false, reason: 'too large', size: info.size };
    // Read at most what fstat reported (plus one byte, to notice a file that grew past the cap meanwhile).
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const wanted = buffer.length - length;
      const { bytesRead } = await handle.read(buffer, length, wanted, length);
      length += bytesRead;
      // A regular file reads short only at its end: asking again would only return 0 (one more round trip per file).
      if (bytesRead < wanted) break;
    }
    if (length > maxBytes) return { ok: false, reason: 'too large', size: length };
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } finally {
    await handle.close();
  }
}

export function fileKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}
