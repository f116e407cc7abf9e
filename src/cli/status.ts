import { loadConfig } from '../config/index.js';
import { editionStatus, StoreRunLedger, type EditionStatus } from '../schedule/index.js';
import { listEditions, listOutbox, openStore, type EditionRecord, type OutboxRow } from '../store/index.js';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';
import { scheduledEditions } from './scheduled.js';

export interface StatusOptions {
  config?: string;
  json?: boolean;
}

export interface StatusReport {
  editions: (EditionStatus & { lastEdition?: EditionSummary; lastGoodEdition?: EditionSummary })[];
  /** Deliveries not sent: failed for good, or still waiting for a (re)try. */
  deliveries: { failed: DeliverySummary[]; pending: DeliverySummary[] };
}

type EditionSummary = Pick<EditionRecord, 'date' | 'status' | 'finishedAt' | 'error'>;
type DeliverySummary = Pick<OutboxRow, 'edition' | 'date' | 'channel' | 'recipient' | 'status' | 'attempts' | 'lastError' | 'nextAttemptAt'>;

/**
 * `briefing status`: per edition its next run (local and UTC), the last scheduled run and last success from the
 * runs ledger, and the last edition produced by any means (`generate --edition` too); then the outbox's deliveries
 * that are not sent.
 */
export async function runStatus(options: StatusOptions, io: CommandIO): Promise<void> {
  const config = await loadConfig({ cwd: io.cwd, file: options.config, env: io.env ?? process.env });
  if (config.editions.length === 0) {
    throw new UsageError(`the configuration${config.file ? ` (${config.file})` : ''} has no editions; add one under editions: (briefing init writes an example).`);
  }
  const store = await openStore(config.database);
  let report: StatusReport;
  try {
    const statuses = await editionStatus(scheduledEditions(config), new StoreRunLedger(store), { now: io.now });
    report = store.read((db) => {
      const summarize = (r: EditionRecord | undefined): EditionSummary | undefined =>
        r && { date: r.date, status: r.status, finishedAt: r.finishedAt, error: r.error };
      const editions = statuses.map((status) => {
        const records = listEditions(db, { edition: status.edition });
        return { ...status, lastEdition: summarize(records[0]), lastGoodEdition: summarize(records.find((r) => r.status === 'ok')) };
      });
      const pick = (e: OutboxRow): DeliverySummary => ({
        edition: e.edition,
        date: e.date,
        channel: e.channel,
        recipient: e.recipient,
        status: e.status,
        attempts: e.attempts,
        lastError: e.lastError,
        nextAttemptAt: e.nextAttemptAt,
      });
      const outbox = listOutbox(db);
      return {
        editions,
        deliveries: {
          failed: outbox.filter((e) => e.status === 'failed').map(pick),
          pending: outbox.filter((e) => e.status === 'pending' || e.status === 'sending').map(pick),
        },
      };
    });
  } finally {
    store.close();
  }
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
}

export function formatStatus(report: StatusReport): string {
  const lines: string[] = [];
  for (const e of report.editions) {
    lines.push(`${e.edition}  (${e.cron}, ${e.timeZone})`);
    lines.push(`  next run:      ${e.nextRun ? `${e.nextRun.local} (${e.nextRun.utc} UTC)` : 'none'}`);
    const run = e.lastRun;
    lines.push(`  last run:      ${run ? `${run.scheduledFor} ${run.outcome}${run.error ? `: ${run.error}` : ''}` : 'never scheduled'}`);
    lines.push(`  last success:  ${e.lastSuccess ? e.lastSuccess.scheduledFor : 'none'}`);
    const ed = e.lastEdition;
    lines.push(`  last edition:  ${ed ? `${ed.date} ${ed.status}${ed.finishedAt ? ` at ${ed.finishedAt}` : ''}${ed.error ? `: ${ed.error}` : ''}` : 'none produced'}`);
    if (ed && ed.status !== 'ok') lines.push(`  last good:     ${e.lastGoodEdition ? e.lastGoodEdition.date : 'none'}`);
  }
  const { failed, pending } = report.deliveries;
  lines.push(`deliveries: ${failed.length} failed, ${pending.length} pending`);
  for (const d of failed) lines.push(`  failed   ${d.edition} ${d.date} ${d.channel} ${d.recipient} after ${d.attempts} attempt(s): ${d.lastError ?? ''}`);
  for (const d of pending) lines.push(`  pending  ${d.edition} ${d.date} ${d.channel} ${d.recipient}, next try ${d.nextAttemptAt}${d.lastError ? ` (last error: ${d.lastError})` : ''}`);
  return `${lines.join('\n')}\n`;
}
