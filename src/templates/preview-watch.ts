import { watch, type FSWatcher } from 'chokidar';

/**
 * Watches theme folders (and any extra file, such as the configuration) and calls `onChange` once per burst
 * of events. chokidar, not fs.watch: most editors save by writing a new file and renaming it over the old one,
 * which leaves an fs.watch on the old inode deaf; chokidar follows renames, new files and deletions, and
 * reports an atomic save as one change.
 */
export class ThemeWatcher {
  private watcher: FSWatcher | undefined;
  private watched = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private onClose: (() => void) | undefined;

  constructor(
    private readonly onChange: () => void,
    private readonly debounceMs: number,
    /** A watcher that failed (a folder it cannot read): said to the page instead of a silent "watching". */
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Watches exactly these paths (the theme's chain may change when theme.json does); resolves once they are watched. */
  async setPaths(paths: string[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Set(paths);
    const added = paths.filter((p) => !this.watched.has(p));
    const removed = [...this.watched].filter((p) => !wanted.has(p));
    this.watched = wanted;
    if (!this.watcher) {
      this.watcher = watch(paths, { ignoreInitial: true, atomic: true, persistent: false });
      this.watcher.on('all', () => this.schedule());
      this.watcher.on('error', (error) => this.onError(error instanceof Error ? error : new Error(String(error))));
      const ready = this.watcher;
      // Until chokidar is ready, or the watcher is closed first (a shutdown during start-up): never waits forever.
      await new Promise<void>((resolve) => {
        ready.once('ready', () => resolve());
        this.onClose = resolve;
      });
      this.onClose = undefined;
      return;
    }
    if (removed.length > 0) this.watcher.unwatch(removed);
    if (added.length > 0) this.watcher.add(added);
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.closed) this.onChange();
    }, this.debounceMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.onClose?.();
    clearTimeout(this.timer);
    await this.watcher?.close();
    this.watcher = undefined;
  }
}
