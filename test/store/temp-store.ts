// Real database files in temp folders that the test removes when it finishes (the project rule: tests use the
// real database file, and leave nothing behind).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { deliveryOutbox, type OutboxStore } from '../../src/deliver/index.js';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

/** A temp folder removed when the current test finishes. */
export async function scratchDir(prefix = 'briefing-store-'): Promise<string> {
  const dir = await tempDir(prefix);
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A store on a new database, closed when the test finishes: a file in a scratch folder, or with `location` (see
 * freshDatabase in backends.ts) that database.
 */
export async function tempStore(options: StoreOptions = {}, location?: string): Promise<{ store: Store; path: string; dir: string }> {
  const dir = await scratchDir();
  const path = location ?? join(dir, 'data', 'briefing.sqlite');
  const store = await openStore(path, options);
  onTestFinished(() => store.close());
  return { store, path, dir };
}

/** Delivery's outbox on a real SQLite file. */
export async function tempOutbox(options: StoreOptions = {}): Promise<OutboxStore> {
  return deliveryOutbox((await tempStore(options)).store);
}
