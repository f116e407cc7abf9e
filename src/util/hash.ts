import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Short, stable id fragment for deterministic ids. */
export function shortHash(data: string, length = 8): string {
  return sha256Hex(data).slice(0, length);
}
