import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { BriefingConfig } from '../config/index.js';
import type { Scheduler, ScheduleLogLine } from '../schedule/index.js';
import { UsageError } from '../util/errors.js';
import { scheduledEditions } from './scheduled.js';
import { redactDatabaseUrl } from '../store/database-url.js';

export type ReloadTrigger = 'SIGHUP' | 'file-change';
export type ReloadResult = 'reloaded' | 'refused' | 'unchanged';

export interface ConfigReloaderOptions {
  /** Loads the configuration again, exactly as at start (same --config, environment). */
  load: () => Promise<BriefingConfig>;
  scheduler: Scheduler;
  /** The configuration in force: runs started after a reload read the new one. */
  current: () => BriefingConfig;
  replace: (config: BriefingConfig) => void;
  log: (line: Omit<ScheduleLogLine, 'ts'>) => void;
}

/**
 * Applies a changed configuration to a running `briefing schedule`: a valid one replaces the editions and their
 * schedules, an invalid one is refused with its error and the old one keeps running. Reloads run one at a time.
 */
export class ConfigReloader {
  private queue: Promise<unknown> = Promise.resolve();
  private lastText: string | undefined;

  constructor(private readonly options: ConfigReloaderOptions) {}

  /** Remembers the file's text as loaded at start, so a save that changes nothing is not a reload. */
  async primeFrom(file: string | undefined): Promise<void> {
    this.lastText = file ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
  }

  reload(trigger: ReloadTrigger): Promise<ReloadResult> {
    const run = this.queue.then(() => this.reloadNow(trigger));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(trigger: ReloadTrigger): Promise<ReloadResult> {
    const { log } = this.options;
    const old = this.options.current();
    if (trigger === 'file-change' && old.file) {
      const text = await readFile(old.file, 'utf8').catch(() => undefined);
      // Gone for a moment (an editor's rename-over save) or unchanged: nothing to do until the next event.
      if (text === undefined || text === this.lastText) return 'unchanged';
      this.lastText = text;
    }
    let next: BriefingConfig;
    try {
      next = await this.options.load();
      if (next.editions.length === 0) throw new UsageError('it has no editions; the scheduler would have nothing to run');
      // The open database stays: a different file would split the runs ledger and the outbox between two files.
      if (next.database !== old.database) throw new UsageError(`database: changed from ${redactDatabaseUrl(old.database)} to ${redactDatabaseUrl(next.database)}; that takes a restart of briefing schedule`);
      const changes = this.options.scheduler.replaceEditions(scheduledEditions(next));
      this.options.replace(next);
      log({ level: 'info', event: 'config.reload', trigger, file: next.file, editions: next.editions.map((e) => e.name), ...changes });
      return 'reloaded';
    } catch (error) {
      log({
        level: 'error',
        event: 'config.reload',
        trigger,
        file: old.file,
        error: `the changed configuration was refused, the previous one keeps running: ${(error as Error).message}`,
      });
      return 'refused';
    }
  }
}

/**
 * Calls `onChange` (debounced) when `file` changes. The folder is watched rather than the file: editors save by
 * writing a new file and renaming it over the old one, which leaves a watch on the old file's inode deaf.
 */
export function watchConfigFile(file: string, onChange: () => void, options: { debounceMs?: number } = {}): () => void {
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, options.debounceMs ?? 300);
    });
  } catch {
    return () => {}; // a folder that cannot be watched: SIGHUP still reloads
  }
  watcher.on('error', () => watcher.close());
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
