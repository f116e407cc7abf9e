import { hostname } from 'node:os';
import { loadConfig, type BriefingConfig } from '../config/index.js';
import { formatQueueReport, type QueueReport } from '../queue/report.js';
import { queueUrl } from '../queue/url.js';
import { describeDelivery } from '../deliver/index.js';
import { editionStatus, StoreRunLedger, type EditionStatus } from '../schedule/index.js';
import { isSchedulerAlive, latestHeartbeat, listEditions, listOutbox, openStore, type EditionRecord, type Heartbeat, type OutboxRow } from '../store/index.js';
import { UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';
import { DELIVERY_SWEEP_MS } from './schedule.js';
import { scheduledEditions } from './scheduled.js';

/** A scheduler not heard from for this long is not running (it writes a heartbeat every sweep). */
export const HEARTBEAT_STALE_MS = 3 * DELIVERY_SWEEP_MS;

export interface SchedulerState {
  running: boolean;
  /** The last scheduler heard from, if one ever ran against this database. */
  last?: Heartbeat;
}

export interface StatusOptions {
  config?: string;
  json?: boolean;
  /** Also the queue's view (scale-out mode); true: the configured queue. */
  queue?: string | boolean;
}

export interface StatusReport {
  editions: (EditionStatus & { lastEdition?: EditionSummary; lastGoodEdition?: EditionSummary })[];
  scheduler: SchedulerState;
  /** Deliveries not sent: failed for good, or still waiting for a (re)try; and counts per edition and date. */
  deliveries: { failed: DeliverySummary[]; pending: DeliverySummary[]; byDate: DeliveryCounts[] };
  /** With --queue: jobs per queue, workers, failed jobs (src/queue/status.ts). */
  queue?: QueueReport;
}

export interface DeliveryCounts {
  edition: string;
  date: string;
  sent: number;
  pending: number;
  failed: number;
}

type EditionSummary = Pick<EditionRecord, 'date' | 'status' | 'finishedAt' | 'error'>;
type DeliverySummary = Pick<OutboxRow, 'edition' | 'date' | 'channel' | 'recipient' | 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt'>;

/**
 * `briefing status`: per edition its next run (local and UTC), the last scheduled run and last success from the
 * runs ledger, and the last edition produced by any means (`generate --edition` too); then the outbox's deliveries
 * that are not sent.
 */
export async function runStatus(options: StatusOptions, io: CommandIO): Promise<void> {
  const withQueue = options.queue !== undefined && options.queue !== false;
  const flags = typeof options.queue === 'string' ? { queue: options.queue } : {};
  const config = await loadConfig({ cwd: io.cwd, file: options.config, env: io.env ?? process.env, flags });
  if (config.editions.length === 0) {
    throw new UsageError(`the configuration${config.file ? ` (${config.file})` : ''} has no editions; add one under editions: (briefing init writes an example).`);
  }
  const store = await openStore(config.database);
  let report: StatusReport;
  try {
    const statuses = await editionStatus(scheduledEditions(config), new StoreRunLedger(store), { now: io.now });
    report = await store.read(async (db) => {
      const summarize = (r: EditionRecord | undefined): EditionSummary | undefined =>
        r && { date: r.date, status: r.status, finishedAt: r.finishedAt, error: r.error };
      const editions = [];
      for (const status of statuses) {
        const records = await listEditions(db, { edition: status.edition });
        editions.push({ ...status, lastEdition: summarize(records[0]), lastGoodEdition: summarize(records.find((r) => r.status === 'ok')) });
      }
      const pick = (e: OutboxRow): DeliverySummary => ({
        edition: e.edition,
        date: e.date,
        channel: e.channel,
        recipient: e.recipient,
        status: e.status,
        attempts: e.attempts,
        lastError: e.lastError,
        nextAttemptAt: e.nextAttemptAt,
        sentAt: e.sentAt,
      });
      const outbox = await listOutbox(db);
      const heartbeat = await latestHeartbeat(db);
      const running = heartbeat !== undefined && isSchedulerAlive(heartbeat, io.now(), { staleAfterMs: HEARTBEAT_STALE_MS, host: hostname() });
      return {
        editions,
        scheduler: { running, ...(heartbeat ? { last: heartbeat } : {}) },
        deliveries: {
          failed: outbox.filter((e) => e.status === 'failed').map(pick),
          pending: outbox.filter((e) => e.status === 'pending' || e.status === 'sending').map(pick),
          byDate: countByDate(outbox),
        },
      };
    });
  } finally {
    await store.close();
  }
  if (withQueue) report.queue = await readQueue(config);
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report, io.now()));
}

async function readQueue(config: BriefingConfig): Promise<QueueReport> {
  const { queueReport } = await import('../queue/status.js');
  const url = queueUrl(config, 'briefing status --queue');
  try {
    return await queueReport(config, url);
  } catch (error) {
    throw new UsageError(`the queue at ${url} did not answer (${(error as Error).message}); is redis-server running there? Start it, or leave out --queue.`);
  }
}

function countByDate(outbox: OutboxRow[]): DeliveryCounts[] {
  const counts = new Map<string, DeliveryCounts>();
  for (const e of outbox) {
    const id = `${e.edition}\u0000${e.date}`;
    const c = counts.get(id) ?? { edition: e.edition, date: e.date, sent: 0, pending: 0, failed: 0 };
    if (e.status === 'sent') c.sent += 1;
    else if (e.status === 'failed') c.failed += 1;
    else c.pending += 1;
    counts.set(id, c);
  }
  return [...counts.values()];
}

/** "12 s", "5 min", "3 h", "2 days": how long ago, for people. */
function ago(iso: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

function formatScheduler(state: SchedulerState, now: Date): string {
  const last = state.last;
  if (!last) return 'scheduler: not running (never started with this database; run briefing schedule)';
  if (state.running) return `scheduler: running (pid ${last.pid} on ${last.host}, last seen ${ago(last.lastSeenAt, now)} ago)`;
  const how = last.stoppedAt ? 'stopped' : 'last seen';
  return `scheduler: not running (${how} ${last.lastSeenAt}, ${ago(last.lastSeenAt, now)} ago)`;
}

export function formatStatus(report: StatusReport, now: Date = new Date()): string {
  const lines: string[] = [formatScheduler(report.scheduler, now)];
  for (const e of report.editions) {
    lines.push(`${e.edition}  (${e.cron}, ${e.timeZone})`);
    lines.push(`  next run:      ${e.nextRun ? `${e.nextRun.local} (${e.nextRun.utc} UTC)` : 'none'}`);
    const run = e.lastRun;
    // A run claimed by a scheduler that is gone (none running, or the running one started after the claim) will
    // never finish: say so rather than "unfinished" forever.
    const current = report.scheduler.running ? report.scheduler.last : undefined;
    const orphaned = run?.outcome === 'unfinished' && (!current || Date.parse(run.claimedAt) < Date.parse(current.startedAt));
    const outcome = orphaned ? 'interrupted (the scheduler stopped during the run)' : run?.outcome;
    lines.push(`  last run:      ${run ? `${run.scheduledFor} ${outcome}${run.error ? `: ${run.error}` : ''}` : 'never scheduled'}`);
    lines.push(`  last success:  ${e.lastSuccess ? e.lastSuccess.scheduledFor : 'none'}`);
    const ed = e.lastEdition;
    lines.push(`  last edition:  ${ed ? `${ed.date} ${ed.status}${ed.finishedAt ? ` at ${ed.finishedAt}` : ''}${ed.error ? `: ${ed.error}` : ''}` : 'none produced'}`);
    if (ed && ed.status !== 'ok') lines.push(`  last good:     ${e.lastGoodEdition ? e.lastGoodEdition.date : 'none'}`);
  }
  const { failed, pending, byDate } = report.deliveries;
  lines.push(`deliveries: ${failed.length} failed, ${pending.length} pending`);
  for (const c of byDate) lines.push(`  ${c.edition} ${c.date}: ${c.sent} sent, ${c.pending} pending, ${c.failed} failed`);
  const said = (d: DeliverySummary) => describeDelivery({ ...d, error: d.lastError }, now);
  for (const d of failed) lines.push(`  failed   ${d.edition} ${d.date} ${d.channel} ${d.recipient} after ${d.attempts} attempt(s): ${said(d)}`);
  for (const d of pending) lines.push(`  pending  ${d.edition} ${d.date} ${d.channel} ${d.recipient}: ${said(d)}`);
  return `${lines.join('\n')}\n${report.queue ? formatQueueReport(report.queue) : ''}`;
}
