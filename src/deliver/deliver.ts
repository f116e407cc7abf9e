import { AcceptedJournal } from './journal.js';
import { messageIdFor } from './message-id.js';
import { outboxKeyString, type OutboxKey, type OutboxRow, type OutboxStore } from './outbox.js';
import type { RetrySettings } from './settings.js';
import {
  DeliveryFailure,
  type Channel,
  type ChannelName,
  type Clock,
  type DeliveryLogger,
  type DeliveryOutcome,
  type EditionOutputs,
  type Recipient,
  type SendResult,
} from './types.js';

/*
 * How a delivery happens at most once per (edition, date, channel, recipient), and is never lost:
 *
 *   enqueue   INSERT OR IGNORE of the row (pending): a rerun of the edition finds it and adds nothing.
 *   claim     pending -> sending, attempts + 1, the stable message id recorded, a lease (nextAttemptAt).
 *   send      the channel talks to the other side.
 *   journal   the moment the other side accepted (SMTP 250, HTTP 2xx, file renamed), a marker file is written
 *             and fsynced, synchronously, before anything else (see journal.ts).
 *   record    sending -> sent with the message id; then the marker is removed.
 *
 * A process killed
 *   - before the send, or during it before acceptance: the row stays `sending`; once its lease runs out the next
 *     run claims it again and sends (the first attempt never reached the mailbox);
 *   - after the journal marker, before the record: the next run finds the marker, marks the row sent and does
 *     NOT send again;
 *   - in the remaining window, between the server's reply reaching this process and the marker being written
 *     (no I/O, only nodemailer's promise resolution): the next run sends again. This is the limit of SMTP, which
 *     has no idempotent submission: "exactly once" here means at most once per recorded acceptance, and the rare
 *     duplicate carries the same Message-ID (and, for webhooks, the same X-Briefing-Delivery id), so mail
 *     systems and receivers can recognise and drop it.
 *
 * Transient failures go back to `pending` with exponential backoff (no jitter, so runs are reproducible) until
 * `maxAttempts`, then `failed`; permanent failures are `failed` at once, with the reason kept for `briefing status`.
 */

export interface DeliverOptions {
  /** Channel implementations by name; a recipient whose channel is missing fails permanently with a hint. */
  channels: Partial<Record<ChannelName, Channel>>;
  journal: AcceptedJournal;
  retry?: RetrySettings;
  /**
   * Keep retrying transient failures inside this call while the next attempt falls within this many ms of the
   * start (waiting with clock.sleep). 0 (default): try what is due once and leave retries to a later call.
   */
  retryWithinMs?: number;
  /** How long a claim holds a row in `sending`; after it a row left by a dead process is taken again. */
  sendingLeaseMs?: number;
  /** Right-hand side of message ids; else the channel's `idDomain` (delivery.email.domain), else the host name. */
  messageIdDomain?: string;
  logger?: DeliveryLogger;
  /** Called after an acceptance is journaled and before the outbox records it: crash tests kill the process here. */
  onAccepted?: (key: OutboxKey) => void;
}

export interface DeliveryReport {
  edition: string;
  date: string;
  outcomes: DeliveryOutcome[];
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
export const DEFAULT_SENDING_LEASE_MS = 5 * 60_000;

/** The recipient's identity in the outbox: the address, URL or folder. */
export function recipientId(recipient: Recipient): string {
  switch (recipient.channel) {
    case 'email':
      return recipient.to.trim();
    case 'webhook':
      return recipient.url;
    case 'file':
      return recipient.dir;
  }
}

/** Delay before the attempt after attempt number `attempts` (1-based): base * 2^(attempts-1), capped. */
export function backoffDelayMs(attempts: number, retry: RetrySettings): number {
  return Math.min(retry.baseDelayMs * 2 ** Math.max(0, attempts - 1), retry.maxDelayMs);
}

export function outcomeOf(row: OutboxRow, recovered = false): DeliveryOutcome {
  return {
    edition: row.edition,
    date: row.date,
    channel: row.channel,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    messageId: row.messageId,
    error: row.lastError,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    recovered,
  };
}

/**
 * Delivers one edition's briefing to its recipients through the outbox: enqueues a row per recipient (never
 * twice), then sends whatever is due. Safe to call again after a crash or with the same inputs: nothing that
 * was accepted is sent again, and nothing pending is dropped. Returns one outcome per recipient.
 */
export async function deliver(
  edition: EditionOutputs,
  recipients: Recipient[],
  store: OutboxStore,
  clock: Clock,
  options: DeliverOptions,
): Promise<DeliveryReport> {
  const retry = options.retry ?? DEFAULT_RETRY;
  const lease = options.sendingLeaseMs ?? DEFAULT_SENDING_LEASE_MS;
  const log = options.logger ?? (() => {});
  const date = edition.briefing.date;
  const byKey = new Map<string, { key: OutboxKey; recipient: Recipient }>();
  for (const recipient of recipients) {
    const key: OutboxKey = { edition: edition.edition, date, channel: recipient.channel, recipient: recipientId(recipient) };
    byKey.set(outboxKeyString(key), { key, recipient });
  }
  const recovered = new Set<string>();
  const started = clock.now().getTime();

  for (const { key } of byKey.values()) {
    if (await store.enqueue(key, clock.now())) log({ event: 'delivery.enqueued', ...key });
  }

  // A marker means the other side has the message: record it, whatever the row's lease says.
  for (const { key } of byKey.values()) {
    const row = await store.get(key);
    if (row) await recoverIfAccepted(key, row);
  }

  for (;;) {
    const due = (await store.listDue({ edition: edition.edition, date }, clock.now())).filter((row) => byKey.has(outboxKeyString(row)));
    for (const row of due) {
      const { key, recipient } = byKey.get(outboxKeyString(row))!;
      await attempt(key, recipient, row);
    }
    if (!(options.retryWithinMs && options.retryWithinMs > 0)) break;
    const waiting = (await store.list({ edition: edition.edition, date }))
      .filter((row) => row.status === 'pending' && byKey.has(outboxKeyString(row)))
      .map((row) => Date.parse(row.nextAttemptAt));
    if (waiting.length === 0) break;
    const next = Math.min(...waiting);
    if (next - started > options.retryWithinMs) break;
    await clock.sleep(Math.max(0, next - clock.now().getTime()));
  }

  const outcomes: DeliveryOutcome[] = [];
  for (const [id, { key }] of byKey) {
    const row = await store.get(key);
    if (row) outcomes.push(outcomeOf(row, recovered.has(id)));
  }
  return { edition: edition.edition, date, outcomes };

  function idFor(key: OutboxKey): string {
    return messageIdFor(key, options.messageIdDomain ?? options.channels[key.channel]?.idDomain);
  }

  /** True when the journal shows this delivery was accepted before the outbox could record it; records it now. */
  async function recoverIfAccepted(key: OutboxKey, row: OutboxRow): Promise<boolean> {
    if ((row.status !== 'sending' && row.status !== 'pending') || !options.journal.has(key)) return false;
    const marker = options.journal.read(key);
    const messageId = marker?.messageId ?? row.messageId ?? idFor(key);
    await store.markSent(key, messageId, marker ? new Date(marker.acceptedAt) : clock.now());
    options.journal.forget(key);
    recovered.add(outboxKeyString(key));
    log({ event: 'delivery.recovered', ...key, messageId, note: 'accepted before a crash; not sent again' });
    return true;
  }

  async function attempt(key: OutboxKey, recipient: Recipient, row: OutboxRow): Promise<void> {
    if (await recoverIfAccepted(key, row)) return;
    const now = clock.now();
    const claimed = await store.claim(key, idFor(key), new Date(now.getTime() + lease), now);
    if (!claimed) return;
    // The id fixed at the first claim, so every retry of this delivery carries the same one.
    const messageId = claimed.messageId ?? idFor(key);
    const channel = options.channels[recipient.channel];
    const begun = clock.now().getTime();
    let result: SendResult;
    try {
      if (!channel) {
        throw new DeliveryFailure(`no ${recipient.channel} channel is configured; add its settings under delivery.${recipient.channel}`, true);
      }
      result = await channel.send({ edition, recipient, messageId });
    } catch (error) {
      await recordFailure(key, claimed.attempts, error, clock.now().getTime() - begun);
      return;
    }
    // Nothing may come between the acceptance and this marker: see the comment at the top. A store error after
    // it propagates (the delivery is not a failure); the marker lets the next run record it without resending.
    options.journal.record(key, { messageId, acceptedAt: clock.now().toISOString(), detail: result.detail });
    options.onAccepted?.(key);
    await store.markSent(key, messageId, clock.now());
    options.journal.forget(key);
    log({ event: 'delivery.sent', ...key, attempt: claimed.attempts, messageId, durationMs: clock.now().getTime() - begun, detail: result.detail });
  }

  async function recordFailure(key: OutboxKey, attempts: number, error: unknown, durationMs: number): Promise<void> {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(String((error as Error)?.message ?? error), false, { cause: error });
    if (failure.permanent) {
      await store.markFailed(key, failure.message);
      log({ event: 'delivery.failed', ...key, attempt: attempts, durationMs, error: failure.message, permanent: true });
    } else if (attempts >= retry.maxAttempts) {
      const message = `gave up after ${attempts} attempts: ${failure.message}`;
      await store.markFailed(key, message);
      log({ event: 'delivery.failed', ...key, attempt: attempts, durationMs, error: message, permanent: false });
    } else {
      const next = new Date(clock.now().getTime() + backoffDelayMs(attempts, retry));
      await store.reschedule(key, next, failure.message);
      log({ event: 'delivery.retry', ...key, attempt: attempts, durationMs, error: failure.message, nextAttemptAt: next.toISOString() });
    }
  }
}

/** Every delivery the outbox knows, optionally of one edition and/or date: for `briefing status`. */
export async function outboxReport(store: OutboxStore, filter?: { edition?: string; date?: string }): Promise<DeliveryOutcome[]> {
  return (await store.list(filter)).map((row) => outcomeOf(row));
}
