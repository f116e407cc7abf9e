// The store's two backends for tests that must hold on both: describe.each(BACKENDS) and a fresh database per test
// (a SQLite file in a scratch folder, or a new database on this test file's one throwaway PostgreSQL cluster,
// started on first use and stopped when the file ends).
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startPostgres, type TestPostgres } from '../servers.js';
import { scratchDir } from './temp-store.js';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'postgres'];

let cluster: Promise<TestPostgres> | undefined;
afterAll(async () => {
  const started = cluster;
  cluster = undefined;
  if (started) await (await started).stop();
});

/** This test file's PostgreSQL cluster (started once). */
export function postgresCluster(): Promise<TestPostgres> {
  cluster ??= startPostgres();
  return cluster;
}

/** Where a new, empty database of `backend` is: a SQLite path (not created yet) or a new PostgreSQL database's URL. */
export async function freshDatabase(backend: BackendName): Promise<string> {
  if (backend === 'sqlite') return join(await scratchDir(), 'data', 'briefing.sqlite');
  return (await postgresCluster()).createDatabase();
}
