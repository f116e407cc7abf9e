/*
 * delivery.send in a worker: one recipient of one edition, sent through the outbox exactly as the embedded mode
 * sends it (deliverEdition: claim, journal, record), so a job BullMQ runs twice (a stalled worker, Redis restarted
 * before the job's completion was written) finds the row sent and sends nothing. The outbox's own backoff decides
 * when a transient failure is tried again: the job is moved to that instant rather than spending a BullMQ attempt.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BriefingConfig, EditionConfig } from '../config/index.js';
import { deliveryOutbox, type EditionOutputs, type PermanentFailureHook } from '../deliver/index.js';
import { deliverEdition, loadEditionOutputs } from '../edition/deliver-pending.js';
import { recipientOf } from '../edition/redeliver.js';
import { editionChannels, findEdition } from '../edition/run-edition.js';
import type { Store } from '../store/index.js';
import type { DeliverySendData } from './jobs.js';

export interface DeliveryJobDeps {
  config: BriefingConfig;
  store: Store;
  env?: NodeJS.ProcessEnv;
  now: () => Date;
  log: (line: Record<string, unknown>) => void;
  onPermanentFailure: PermanentFailureHook;
  /** The outbox lease of a claim (queue.leaseSeconds): how long a row a worker took is left to it. */
  sendingLeaseMs: number;
  outputs: EditionFiles;
  /** The edition's channels, kept by the worker across jobs (see EditionFiles). */
  channels: (edition: EditionConfig) => ReturnType<typeof editionChannels>;
}

/** What became of the job: done (sent or given up), or to be tried again at `retryAt`. */
export type DeliveryJobResult =
  | { status: 'sent'; messageId: string | null; recovered: boolean; sentNow: boolean }
  | { status: 'failed'; error: string }
  | { status: 'later'; retryAt: Date; reason: string };

export async function handleDeliverySend(data: DeliverySendData, deps: DeliveryJobDeps): Promise<DeliveryJobResult> {
  const { config, store } = deps;
  const edition = findEdition(config, data.edition);
  const recipient = recipientOf(edition, data);
  if (!recipient) return { status: 'failed', error: `${data.recipient} is no longer a ${data.channel} recipient of edition ${data.edition}; nothing was sent.` };
  // Every delivery job is added after its outbox row (the fan-out, the owed sweep). No row means it was pruned
  // (retentionDays) or the database replaced: sending would repeat a delivery the store has forgotten.
  const outbox = deliveryOutbox(store);
  if (!(await outbox.get(data))) {
    return { status: 'failed', error: `the outbox has no row for this delivery (pruned after retentionDays, or another database); nothing was sent. To send it: briefing deliver --resend --edition ${data.edition} --date ${data.date} --to ${data.recipient}` };
  }
  const outputs = await deps.outputs.get(config, edition, data.date);
  const outcomes = await deliverEdition(config, store, edition, outputs, [recipient], {
    now: deps.now(),
    env: deps.env,
    log: deps.log,
    onPermanentFailure: deps.onPermanentFailure,
    sendingLeaseMs: deps.sendingLeaseMs,
    channels: deps.channels(edition),
  });
  const outcome = outcomes[0];
  if (outcome?.status === 'sent') return { status: 'sent', messageId: outcome.messageId, recovered: outcome.recovered, sentNow: outcome.sentNow };
  if (outcome?.status === 'failed') return { status: 'failed', error: outcome.error ?? 'failed' };
  // Pending after a transient failure, or `sending` under another sender's lease: try when the row says.
  const row = await outbox.get(data);
  const retryAt = row ? new Date(Math.max(Date.parse(row.nextAttemptAt), deps.now().getTime() + 100)) : new Date(deps.now().getTime() + deps.sendingLeaseMs);
  return { status: 'later', retryAt, reason: row?.status === 'sending' ? 'another sender holds it' : (row?.lastError ?? 'not sent yet') };
}

/**
 * The files of produced editions, read back from the shared folder once per edition and date per worker (the
 * hundreds of deliveries of one edition share them, and the e-mail channel renders its body once per such object).
 * Keyed by the JSON file's modification time too, so a date produced again is read again. A few are kept; a missing
 * one is an error the job retries, since on several machines it usually means the output folder is not shared.
 */
export class EditionFiles {
  private readonly cache = new Map<string, Promise<EditionOutputs>>();
  constructor(private readonly keep = 8) {}

  async get(config: BriefingConfig, edition: EditionConfig, date: string): Promise<EditionOutputs> {
    const json = join(config.outDir, edition.name, `briefing-${date}.json`);
    const written = await stat(json).then((s) => s.mtimeMs, () => 0);
    const key = `${edition.name}\u0000${date}\u0000${written}`;
    let found = this.cache.get(key);
    if (!found) {
      found = loadEditionOutputs(config, edition, date).then((outputs) => {
        if (typeof outputs === 'string') {
          throw new Error(`${outputs}. Every worker must see the edition's output folder (${config.outDir}): put outDir on a shared folder (a network volume).`);
        }
        return outputs;
      });
      found.catch(() => this.cache.delete(key));
      this.cache.set(key, found);
      while (this.cache.size > this.keep) this.cache.delete(this.cache.keys().next().value!);
    }
    return found;
  }
}
