import type { BriefingConfig } from '../config/index.js';
import { prune, retentionCutoff, type PruneResult, type Store } from '../store/index.js';

/**
 * Applies `retentionDays` once per run, so the database stays the size of the last few months whatever the
 * number of runs. A rerun of a date older than that finds no memory and no delivery record of it.
 * Housekeeping never fails the edition it follows: a failure is logged, and the next run prunes instead.
 */
export async function pruneExpired(
  store: Store,
  config: Pick<BriefingConfig, 'retentionDays'>,
  now: Date,
  log: (line: Record<string, unknown>) => void = () => {},
): Promise<PruneResult | undefined> {
  try {
    const removed = await store.transaction((db) => prune(db, retentionCutoff(now, config.retentionDays)));
    const total = Object.values(removed).reduce((sum, n) => sum + n, 0);
    if (total > 0) log({ event: 'run.retention', level: 'info', retentionDays: config.retentionDays, removed });
    return removed;
  } catch (error) {
    log({ event: 'run.retention', level: 'warn', message: `pruning rows older than ${config.retentionDays} days failed: ${(error as Error).message}` });
    return undefined;
  }
}
