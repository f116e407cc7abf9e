import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BriefingConfig, EditionConfig } from '../config/index.js';
import {
  AcceptedJournal,
  deliver,
  DeliveryFailure,
  outboxKeyString,
  recipientId,
  deliveryOutbox,
  type DeliveryOutcome,
  type EditionOutputs,
  type OutboxRow,
  type OutboxStore,
  type PermanentFailureHook,
  type Recipient,
} from '../deliver/index.js';
import { BriefingSchema } from '../model/schema.js';
import type { RenderedOutput } from '../render/json.js';
import type { Store } from '../store/index.js';
import { alertOnGiveUp } from '../alerts/index.js';
import { editionChannels, runClock } from './run-edition.js';

export interface DeliverPendingOptions {
  now: Date;
  env?: NodeJS.ProcessEnv;
  log?: (line: Record<string, unknown>) => void;
  /** `briefing deliver --retry`: every pending delivery is tried now, whatever its backoff says. */
  ignoreBackoff?: boolean;
  /** A delivery given up for good (see deliver()); default: logged and alerted (alerts:). */
  onPermanentFailure?: PermanentFailureHook;
  /** How long a claim holds a row (deliver()'s sendingLeaseMs); the queue's workers make it their job lock's length. */
  sendingLeaseMs?: number;
  /** The edition's channels, made once by a caller that delivers it in many calls (a worker: the e-mail body is rendered once). */
  channels?: ReturnType<typeof editionChannels>;
}

/** What the outbox owes now: due rows (the store's query, every sweep), or with `ignoreBackoff` every pending row too. */
async function owed(outbox: OutboxStore, now: Date, ignoreBackoff: boolean): Promise<OutboxRow[]> {
  const due = await outbox.listDue({}, now);
  if (!ignoreBackoff) return due;
  const dueKeys = new Set(due.map(outboxKeyString));
  const waiting = (await outbox.list()).filter((row) => row.status === 'pending' && !dueKeys.has(outboxKeyString(row)));
  return [...due, ...waiting];
}

/**
 * Sends what the outbox still owes, of any edition and date it holds: a delivery that failed transiently, or one
 * a killed process left `sending`. The running scheduler calls this every minute, so nothing waits for a restart.
 * The message is rebuilt from the files that run wrote, so the retry carries the very briefing that was due; only
 * the recipients with a due row are passed to deliver(), so a recipient added since never receives an old briefing.
 */
export async function deliverPending(config: BriefingConfig, store: Store, given: DeliverPendingOptions): Promise<DeliveryOutcome[]> {
  const log = given.log ?? (() => {});
  // A delivery given up for good is an operator's problem: alerted (as a failed run is) unless the caller hooks it.
  const options = { ...given, onPermanentFailure: given.onPermanentFailure ?? alertOnGiveUp(config, { store, now: () => given.now, env: given.env, log }) };
  const outbox = deliveryOutbox(store);
  const due = await owed(outbox, options.now, options.ignoreBackoff ?? false);
  const groups = new Map<string, { edition: string; date: string; rows: OutboxRow[] }>();
  for (const row of due) {
    const id = `${row.edition}\u0000${row.date}`;
    const group = groups.get(id) ?? { edition: row.edition, date: row.date, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const outcomes: DeliveryOutcome[] = [];
  for (const group of [...groups.values()].sort((a, b) => a.date.localeCompare(b.date) || a.edition.localeCompare(b.edition))) {
    const edition = config.editions.find((e) => e.name === group.edition);
    if (!edition) {
      log({ event: 'run.delivery', level: 'warn', edition: group.edition, date: group.date, message: 'pending deliveries of an edition no longer in the configuration are left as they are' });
      continue;
    }
    const wanted = new Set(group.rows.map((row) => `${row.channel}\u0000${row.recipient}`));
    const recipients = [...edition.recipients, ...operatorCopies(group.rows)].filter((r) => wanted.has(`${r.channel}\u0000${recipientId(r)}`));
    if (recipients.length === 0) continue;
    const outputs = await loadEditionOutputs(config, edition, group.date);
    if (typeof outputs === 'string') {
      // Without the edition's files there is nothing to send, on this sweep or any later one: failed, and said once.
      log({ event: 'run.delivery', level: 'error', edition: group.edition, date: group.date, message: outputs });
      await giveUp(outbox, group.rows, outputs, options.onPermanentFailure);
      continue;
    }
    if (options.ignoreBackoff) {
      // Due now: the row keeps its attempts and last error, only its waiting time is cut short.
      for (const row of group.rows) if (row.status === 'pending') await outbox.reschedule(row, options.now, row.lastError ?? 'retry requested');
    }
    outcomes.push(...(await deliverEdition(config, store, edition, outputs, recipients, options)));
  }
  return outcomes;
}

/** One edition's recipients through the outbox, with the configuration's channels, journal and retry settings. */
export async function deliverEdition(
  config: BriefingConfig,
  store: Store,
  edition: EditionConfig,
  outputs: EditionOutputs,
  recipients: Recipient[],
  options: DeliverPendingOptions,
): Promise<DeliveryOutcome[]> {
  const log = options.log ?? (() => {});
  const report = await deliver(outputs, recipients, deliveryOutbox(store), runClock(options.now), {
    channels: options.channels ?? editionChannels(config, edition, options.env),
    journal: new AcceptedJournal(config.delivery.journalDir),
    retry: config.delivery.retry,
    onPermanentFailure: options.onPermanentFailure,
    ...(options.sendingLeaseMs ? { sendingLeaseMs: options.sendingLeaseMs } : {}),
    logger: (entry) => log({ ...entry, event: 'run.delivery', step: entry.event }),
  });
  return report.outcomes;
}

async function giveUp(outbox: OutboxStore, rows: OutboxRow[], reason: string, hook: PermanentFailureHook | undefined): Promise<void> {
  for (const row of rows) {
    await outbox.markFailed(row, reason);
    const failed = await outbox.get(row);
    if (failed && hook) await Promise.resolve(hook(failed, new DeliveryFailure(reason, true))).catch(() => undefined);
  }
}

/** Extra copies an operator asked for (`briefing deliver --resend`) are rows `ADDR#copyN`; they retry like any other. */
function operatorCopies(rows: OutboxRow[]): Recipient[] {
  return rows.flatMap((row) => {
    const match = row.channel === 'email' ? /^(.*)#copy(\d+)$/.exec(row.recipient) : null;
    return match ? [{ channel: 'email' as const, to: match[1]!, copy: Number(match[2]) }] : [];
  });
}

/**
 * The briefing an edition published for a date, read back from the files that run wrote (its JSON is required);
 * a string says why it cannot be.
 */
export async function loadEditionOutputs(config: BriefingConfig, edition: EditionConfig, date: string): Promise<EditionOutputs | string> {
  const dir = join(config.outDir, edition.name);
  const prefix = `briefing-${date}.`;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).sort();
  const outputs: RenderedOutput[] = await Promise.all(names.map(async (filename) => ({ filename, content: new Uint8Array(await readFile(join(dir, filename))) })));
  const json = outputs.find((o) => o.filename.endsWith('.json'));
  if (!json) return `cannot deliver: briefing-${date}.json is missing from ${dir} (keep json among the edition's formats)`;
  const briefing = BriefingSchema.parse(JSON.parse(Buffer.from(json.content).toString('utf8')));
  return { edition: edition.name, briefing, outputs };
}
