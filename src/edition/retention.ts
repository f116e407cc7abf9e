import type { BriefingConfig } from '../config/index.js';
import { prune, retentionCutoff, type PruneResult, type Store } from '../store/index.js';

/**
 * Applies `retentionDays` once per run, so the database stays the size of the last few months whatever the
 * number of runs. A rerun of a date older than that finds no memory and no delivery record of it.
 */
export function pruneExpired(store: Store, config: Pick<BriefingConfig, 'retentionDays'>, now: Date): Promise<PruneResult> {
  return store.transaction((db) => prune(db, retentionCutoff(now, config.retentionDays)));
}
