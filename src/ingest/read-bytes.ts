import { readFile, stat } from 'node:fs/promises';

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** The size is checked with stat before reading, so an oversized file is never loaded into memory. */
export async function readBytes(path: string, maxBytes: number): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > maxBytes) {
      return { ok: false, reason: `larger than the ${formatBytes(maxBytes)} cap (${formatBytes(info.size)})` };
    }
    if (info.size === 0) return { ok: false, reason: 'empty file' };
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error, 'file') };
  }
}

export function formatBytes(bytes: number): string {
  const megabyte = 1024 * 1024;
  if (bytes >= megabyte) return `${trimDecimal(bytes / megabyte)} MB`;
  if (bytes >= 1024) return `${trimDecimal(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trimDecimal(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

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
      return `unreadable ${what} (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}


/** Kept for callers outside ingest; the one implementation lives in util/hash. */
export { sha256Hex as sha256 } from '../util/hash.js';
