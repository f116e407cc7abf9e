import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { describeFsError } from './read-bytes.js';
import { fileKind } from './read-regular.js';
import { isSidecar } from './format.js';
import type { ExcludedInput } from './types.js';

export interface CollectedFiles {
  files: string[];
  excluded: ExcludedInput[];
  /**
   * The sidecars each walked folder holds (absolute folder -> lower-cased names): a file's sidecar is looked for only
   * where it can be, instead of two failed opens per article of a folder without sidecars.
   */
  sidecarsByFolder: SidecarListing;
}

/** Absolute folder -> the lower-cased names of the sidecars (`*.meta.json`) in it, for the folders that were listed. */
export type SidecarListing = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Expands the inputs into files, sorted by path (code-unit order, not locale) so the result does not depend on the
 * order of the inputs; folders are walked depth-first. Hidden entries and metadata sidecars inside folders are skipped;
 * a file reached twice (same absolute path) is kept once; a folder reached twice (same real path, so symbolic-link
 * loops included) is walked once.
 */
export async function collectFiles(inputs: string[]): Promise<CollectedFiles> {
  const files: string[] = [];
  const excluded: ExcludedInput[] = [];
  const seen = new Set<string>();
  const sidecarsByFolder = new Map<string, Set<string>>();
  const addFile = (path: string): void => {
    const absolute = resolve(path);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push(path);
  };
  const walk = async (folder: string): Promise<void> => {
    const real = await realpath(folder).catch(() => folder);
    if (seen.has(real)) return;
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => compareNames(a.name, b.name));
    } catch (error) {
      excluded.push({ path: folder, reason: describeFsError(error, 'folder') });
      return;
    }
    const sidecars = new Set(entries.filter((entry) => isSidecar(entry.name)).map((entry) => entry.name.toLowerCase()));
    sidecarsByFolder.set(resolve(folder), sidecars);
    for (const entry of entries) {
      if (entry.name.startsWith('.') || isSidecar(entry.name)) continue;
      const path = join(folder, entry.name);
      // Only symbolic links need a stat to learn what they point to.
      const kind = entry.isSymbolicLink() ? await kindOf(path) : direntKind(entry);
      if (kind.error) excluded.push({ path, reason: kind.error });
      else if (kind.isFolder) await walk(path);
      else addFile(path);
    }
  };
  for (const input of inputs) {
    const kind = await kindOf(input);
    if (kind.error) excluded.push({ path: input, reason: kind.error });
    else if (kind.isFolder) await walk(input);
    else if (isSidecar(basename(input))) excluded.push({ path: input, reason: 'metadata sidecar (*.meta.json), not an article' });
    else addFile(input);
  }
  // One canonical order, whatever order the inputs came in, so every later stage sees the same sequence.
  return { files: files.sort(compareNames), excluded: excluded.sort((a, b) => compareNames(a.path, b.path)), sidecarsByFolder };
}

type EntryKind = { isFolder: boolean; error?: string | undefined };

/** A FIFO, socket or device is left out here, with why: reading one could hang the run or never end. */
const NOT_REGULAR = (kind: string) => `not a regular file (${kind}); only regular files are read`;

async function kindOf(path: string): Promise<EntryKind> {
  try {
    const info = await stat(path);
    if (!info.isDirectory() && !info.isFile()) return { isFolder: false, error: NOT_REGULAR(fileKind(info)) };
    return { isFolder: info.isDirectory() };
  } catch (error) {
    return { isFolder: false, error: describeFsError(error, 'path') };
  }
}

function direntKind(entry: Dirent): EntryKind {
  if (entry.isDirectory()) return { isFolder: true };
  if (entry.isFile()) return { isFolder: false };
  return { isFolder: false, error: NOT_REGULAR(entry.isFIFO() ? 'a FIFO' : entry.isSocket() ? 'a socket' : 'a device') };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
