import { createHash } from 'node:crypto';

/** FNV-1a's 32-bit offset basis and prime: the quick word and shingle hashes grouping makes of a text. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Short, stable id fragment for deterministic ids. */
export function shortHash(data: string, length = 8): string {
  return sha256Hex(data).slice(0, length);
}
