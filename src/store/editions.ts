import { limitClause, type Db } from './db.js';

/** One edition produced (or attempted) for a date. */
export interface EditionRecord {
  edition: string;
  date: string;
  startedAt: string;
  finishedAt: string | null;
  inputsDigest: string | null;
  /** Files written, e.g. `[{ format: 'pdf', path: 'out/briefing-2025-07-11.pdf' }]`. */
  outputs: unknown[];
  /** Milliseconds per stage. */
  durations: Record<string, number>;
  /** 'running', 'ok', 'failed', ... as the caller reports. */
  status: string;
  error: string | null;
}

interface EditionRow {
  edition: string;
  date: string;
  started_at: string;
  finished_at: string | null;
  inputs_digest: string | null;
  outputs_json: string;
  durations_json: string;
  status: string;
  error: string | null;
}

const toEdition = (r: EditionRow): EditionRecord => ({
  edition: r.edition,
  date: r.date,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  inputsDigest: r.inputs_digest,
  outputs: JSON.parse(r.outputs_json) as unknown[],
  durations: JSON.parse(r.durations_json) as Record<string, number>,
  status: r.status,
  error: r.error,
});

/** Inserts or replaces the record of `edition` on `date` (a re-run of a date replaces the earlier record). */
export async function recordEdition(db: Db, record: EditionRecord): Promise<void> {
  await db.run(
    `INSERT INTO editions (edition, date, started_at, finished_at, inputs_digest, outputs_json, durations_json, status, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (edition, date) DO UPDATE SET started_at = excluded.started_at, finished_at = excluded.finished_at,
       inputs_digest = excluded.inputs_digest, outputs_json = excluded.outputs_json, durations_json = excluded.durations_json,
       status = excluded.status, error = excluded.error`,
    [
      record.edition,
      record.date,
      record.startedAt,
      record.finishedAt,
      record.inputsDigest,
      JSON.stringify(record.outputs),
      JSON.stringify(record.durations),
      record.status,
      record.error,
    ],
  );
}

export async function getEdition(db: Db, edition: string, date: string): Promise<EditionRecord | undefined> {
  const row = await db.get<EditionRow>('SELECT * FROM editions WHERE edition = ? AND date = ?', [edition, date]);
  return row && toEdition(row);
}

/** The latest edition before `beforeDate` (or the latest at all), optionally only with a given status. */
export async function lastEdition(db: Db, edition: string, options: { beforeDate?: string; status?: string } = {}): Promise<EditionRecord | undefined> {
  const byStatus = options.status === undefined ? '' : ' AND status = ?';
  const row = await db.get<EditionRow>(
    `SELECT * FROM editions WHERE edition = ? AND date < ?${byStatus} ORDER BY date DESC LIMIT 1`,
    [edition, options.beforeDate ?? '9999-99-99', ...(options.status === undefined ? [] : [options.status])],
  );
  return row && toEdition(row);
}

/** Editions, newest date first; all editions when `edition` is omitted. */
export async function listEditions(db: Db, options: { edition?: string; limit?: number } = {}): Promise<EditionRecord[]> {
  const where = options.edition === undefined ? '' : 'WHERE edition = ?';
  const rows = await db.all<EditionRow>(
    `SELECT * FROM editions ${where} ORDER BY date DESC, edition${limitClause(options.limit)}`,
    options.edition === undefined ? [] : [options.edition],
  );
  return rows.map(toEdition);
}
