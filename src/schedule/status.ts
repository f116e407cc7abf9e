import { nextRuns } from './cron.js';
import { formatInZone } from './zoned.js';
import type { Clock, RunLedger, RunRecord, RunStatus, ScheduledEdition } from './types.js';

export interface RunSummary {
  scheduledFor: string;
  claimedAt: string;
  finishedAt?: string;
  /** `unfinished`: claimed but never recorded as done (still running, or the process died). */
  outcome: RunStatus | 'unfinished';
  error?: string;
}

export interface EditionStatus {
  edition: string;
  cron: string;
  timeZone: string;
  /** The next occurrence, in UTC and as local time in the edition's zone. */
  nextRun?: { utc: string; local: string };
  lastRun?: RunSummary;
  lastSuccess?: RunSummary;
}

/** What `briefing status` shows for each edition. */
export async function editionStatus(
  editions: ScheduledEdition[],
  ledger: RunLedger,
  clock: Clock,
): Promise<EditionStatus[]> {
  const now = clock.now();
  const out: EditionStatus[] = [];
  for (const edition of editions) {
    const status: EditionStatus = { edition: edition.name, cron: edition.cron, timeZone: edition.timeZone };
    const next = nextRuns(edition.cron, edition.timeZone, now, 1)[0];
    if (next) status.nextRun = { utc: next.toISOString(), local: formatInZone(next, edition.timeZone) };
    const last = await ledger.lastRun(edition.name);
    if (last) status.lastRun = summarize(last);
    const success = await ledger.lastSuccess(edition.name);
    if (success) status.lastSuccess = summarize(success);
    out.push(status);
  }
  return out;
}

function summarize(run: RunRecord): RunSummary {
  const summary: RunSummary = {
    scheduledFor: run.scheduledFor.toISOString(),
    claimedAt: run.claimedAt.toISOString(),
    outcome: run.outcome ?? 'unfinished',
  };
  if (run.finishedAt) summary.finishedAt = run.finishedAt.toISOString();
  if (run.error !== undefined) summary.error = run.error;
  return summary;
}
