/**
 * The RunLedger on the SQLite store: the `runs` table's UNIQUE(edition, scheduled_for) makes a
 * claim at-most-once across restarts and across processes sharing the database file.
 */
import { claimRun, finishRun, lastRun, type RunRecord as StoredRun, type Store } from '../store/index.js';
import type { RunLedger, RunRecord, RunStatus } from './types.js';

/** The store's convention for a successful run (see src/store/runs.ts). */
const STORED_SUCCESS = 'ok';
const STORED_RUNNING = 'running';

export class StoreRunLedger implements RunLedger {
  constructor(private readonly store: Store) {}

  claim(edition: string, scheduledFor: Date, claimedAt: Date): Promise<boolean> {
    return this.store.transaction((db) => claimRun(db, edition, scheduledFor.toISOString(), claimedAt));
  }

  async finish(edition: string, scheduledFor: Date, finishedAt: Date, outcome: RunStatus, error?: string): Promise<void> {
    const stored = outcome === 'success' ? STORED_SUCCESS : outcome;
    await this.store.transaction((db) => finishRun(db, edition, scheduledFor.toISOString(), stored, finishedAt, error ?? null));
  }

  async lastRun(edition: string): Promise<RunRecord | undefined> {
    const run = await this.store.read((db) => lastRun(db, edition));
    return run && fromStored(run);
  }

  async lastSuccess(edition: string): Promise<RunRecord | undefined> {
    const run = await this.store.read((db) => lastRun(db, edition, STORED_SUCCESS));
    return run && fromStored(run);
  }
}

function fromStored(run: StoredRun): RunRecord {
  const record: RunRecord = {
    edition: run.edition,
    scheduledFor: new Date(run.scheduledFor),
    claimedAt: new Date(run.claimedAt),
  };
  if (run.finishedAt) record.finishedAt = new Date(run.finishedAt);
  if (run.outcome !== STORED_RUNNING) {
    record.outcome = run.outcome === STORED_SUCCESS ? 'success' : (run.outcome as RunStatus);
  }
  if (run.error !== null) record.error = run.error;
  return record;
}
