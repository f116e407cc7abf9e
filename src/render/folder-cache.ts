import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every file under the folders, as path, size and modification time: two equal fingerprints mean a load would
 * read the same files. A folder that is missing counts as empty (a theme without `assets/` is a valid theme).
 */
export async function folderFingerprint(dirs: readonly string[]): Promise<{ text: string; newestMs: number }> {
  const lines: string[] = [];
  let newestMs = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir, { recursive: true });
    } catch {
      lines.push(`${dir}\0missing`);
      continue;
    }
    names.sort();
    for (const name of names) {
      const path = join(dir, name);
      try {
        const info = await stat(path);
        if (!info.isFile()) continue;
        lines.push(`${path}\0${info.size}\0${info.mtimeMs}\0${info.ino}`);
        newestMs = Math.max(newestMs, info.mtimeMs);
      } catch {
        // Removed between the listing and the stat: the next call sees a different listing.
        lines.push(`${path}\0gone`);
      }
    }
  }
  return { text: lines.join('\n'), newestMs };
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
