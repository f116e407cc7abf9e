import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Watches theme folders and calls `onChange` once per burst of events (editors write a file in several
 * steps: truncate, write, rename). Recursive where the platform supports it; otherwise the folder and its
 * partials/ and styles/ subfolders, which is all a theme has.
 */
export class ThemeWatcher {
  private readonly watchers = new Map<string, FSWatcher[]>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly onChange: () => void,
    private readonly debounceMs: number,
  ) {}

  /** Watches exactly these folders (the theme's chain may change when theme.json does). */
  setDirs(dirs: string[]): void {
    if (this.closed) return;
    for (const [dir, list] of this.watchers) {
      if (!dirs.includes(dir)) {
        for (const w of list) w.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of dirs) if (!this.watchers.has(dir)) this.watchers.set(dir, this.open(dir));
  }

  private open(dir: string): FSWatcher[] {
    const listen = (path: string, recursive: boolean): FSWatcher | null => {
      try {
        const watcher = watch(path, { recursive, persistent: false }, () => this.schedule());
        // A folder that disappears (a partials/ deleted) must not crash the server.
        watcher.on('error', () => undefined);
        return watcher;
      } catch {
        return null;
      }
    };
    const recursive = listen(dir, true);
    if (recursive) return [recursive];
    return [dir, join(dir, 'partials'), join(dir, 'styles')].map((p) => listen(p, false)).filter((w): w is FSWatcher => w !== null);
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.closed) this.onChange();
    }, this.debounceMs);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const list of this.watchers.values()) for (const w of list) w.close();
    this.watchers.clear();
  }
}
