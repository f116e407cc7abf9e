import { basename, dirname, extname, join, resolve } from 'node:path';
import { firstErrorLine } from '../util/errors.js';
import type { SidecarListing } from './collect-files.js';
import { pickMetadata } from './metadata-fields.js';
import { readRegularFile } from './read-regular.js';
import type { InputMetadata } from './types.js';

export type SidecarResult = { meta: InputMetadata; warning?: string };

/** Sidecars are small; a larger file is not metadata. */
const MAX_SIDECAR_BYTES = 256 * 1024;

/**
 * `NAME.meta.json` beside `NAME.ext` (or `NAME.ext.meta.json`); missing is normal, malformed is a warning. A name
 * the listing of the file's folder lacks is not tried (letter case aside, as a case-insensitive file system opens it).
 */
export async function readSidecar(path: string, listing?: SidecarListing): Promise<SidecarResult> {
  const stem = basename(path, extname(path));
  const listed = listing?.get(resolve(dirname(path)));
  for (const candidate of [join(dirname(path), `${stem}.meta.json`), `${path}.meta.json`]) {
    if (listed && !listed.has(basename(candidate).toLowerCase())) continue;
    // Type and size are checked before reading: a FIFO would hang the run, a link to /dev/zero would fill memory.
    const read = await readRegularFile(candidate, MAX_SIDECAR_BYTES);
    if (!read.ok) {
      if (read.code === 'ENOENT' || read.code === 'ENOTDIR') continue;
      const why = read.size !== undefined ? 'larger than 256 KB' : read.code !== undefined ? `unreadable: ${read.code}` : `${read.reason}; sidecars must be regular files of at most 256 KB`;
      return { meta: {}, warning: `${candidate}: sidecar ignored (${why})` };
    }
    const source = new TextDecoder('utf-8').decode(read.bytes);
    try {
      const parsed: unknown = JSON.parse(source);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return { meta: {}, warning: `${candidate}: sidecar ignored (not a JSON object)` };
      }
      return { meta: pickMetadata(parsed) };
    } catch (error) {
      return { meta: {}, warning: `${candidate}: sidecar ignored (malformed JSON: ${firstErrorLine(error)})` };
    }
  }
  return { meta: {} };
}
