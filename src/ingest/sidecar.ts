import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { pickMetadata } from './metadata-fields.js';
import type { InputMetadata } from './types.js';

export type SidecarResult = { meta: InputMetadata; warning?: string };

/** Sidecars are small; a larger file is not metadata. */
const MAX_SIDECAR_BYTES = 256 * 1024;

/** `NAME.meta.json` beside `NAME.ext` (or `NAME.ext.meta.json`); missing is normal, malformed is a warning. */
export async function readSidecar(path: string): Promise<SidecarResult> {
  const stem = basename(path, extname(path));
  for (const candidate of [join(dirname(path), `${stem}.meta.json`), `${path}.meta.json`]) {
    let source: string;
    try {
      const bytes = await readFile(candidate);
      if (bytes.length > MAX_SIDECAR_BYTES) return { meta: {}, warning: `${candidate}: sidecar ignored (larger than 256 KB)` };
      source = new TextDecoder('utf-8').decode(bytes);
    } catch {
      continue;
    }
    try {
      const parsed: unknown = JSON.parse(source);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return { meta: {}, warning: `${candidate}: sidecar ignored (not a JSON object)` };
      }
      return { meta: pickMetadata(parsed) };
    } catch (error) {
      return { meta: {}, warning: `${candidate}: sidecar ignored (malformed JSON: ${(error as Error).message.split('\n')[0]})` };
    }
  }
  return { meta: {} };
}
