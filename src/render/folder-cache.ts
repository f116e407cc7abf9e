import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every file under the folders, as path, size and modification time: two equal fingerprints mean a load would
 * read the same files. A folder that is missing counts as empty (a theme without `assets/` is a valid theme).
 * A process that renders many briefings takes one per render, so it is made with as few calls as the listing
 * allows: the entries' types come with it, so a folder is not stat-ed, and the stats of a folder's entries are
 * asked for together.
 */
export async function folderFingerprint(dirs: readonly string[]): Promise<{ text: string; newestMs: number }> {
  const lines: string[] = [];
  let newestMs = 0;
  for (const dir of dirs) {
    let files: FileLine[];
    try {
      files = await filesUnder(dir, '');
    } catch {
      lines.push(`${dir}\0missing`);
      continue;
    }
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const file of files) {
      const path = join(dir, file.name);
      // Removed between the listing and the stat: the next call sees a different listing.
      if (!file.info) lines.push(`${path}\0gone`);
      else {
        lines.push(`${path}\0${file.info.size}\0${file.info.mtimeMs}\0${file.info.ino}`);
        newestMs = Math.max(newestMs, file.info.mtimeMs);
      }
    }
  }
  return { text: lines.join('\n'), newestMs };
}

interface FileLine {
  /** Relative to the fingerprinted folder. */
  name: string;
  /** Absent when the entry was gone by the time it was stat-ed. */
  info?: Stats;
}

/**
 * The files under `root/prefix`, at any depth, with their stats; links are followed, to a folder too (as
 * `readdir(..., { recursive: true })` lists them). A folder that cannot be listed fails the whole listing.
 */
async function filesUnder(root: string, prefix: string): Promise<FileLine[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const found = await Promise.all(
    entries.map(async (entry): Promise<FileLine[]> => {
      const name = prefix ? join(prefix, entry.name) : entry.name;
      if (entry.isDirectory()) return filesUnder(root, name);
      const info = await stat(join(root, name)).catch(() => undefined);
      if (!info) return [{ name }];
      if (info.isDirectory()) return filesUnder(root, name);
      return info.isFile() ? [{ name, info }] : [];
    }),
  );
  return found.flat();
}

/**
 * A file changed this close to (or after) the start of a load may have changed during it, unseen by a
 * fingerprint whose clock is coarse (1-2 s on some file systems): such a load is used but not kept (as git treats
 * "racily clean" files).
 */
const RACY_MS = 2000;

interface Entry<T> {
  dirs: readonly string[];
  fingerprint: string;
  value: T;
}

/**
 * Values made from the files of some folders (a theme and its ancestors), kept while those files are unchanged.
 * A process that renders many briefings (the server, the scheduler, a preview) then reads and compiles a theme
 * once, and still sees an edit at the next render. A value is kept only when the folders did not change while
 * it was made, so a save during a load can never leave a stale value behind; a failed load keeps nothing.
 */
export class FolderCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly capacity = 32) {}

  async get(key: string, load: () => Promise<{ value: T; dirs: readonly string[] }>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && (await folderFingerprint(cached.dirs)).text === cached.fingerprint) return cached.value;
    this.entries.delete(key);
    const started = Date.now();
    const { value, dirs } = await load();
    const after = await folderFingerprint(dirs);
    if (after.newestMs < started - RACY_MS) {
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { dirs, fingerprint: after.text, value });
    }
    return value;
  }
}
