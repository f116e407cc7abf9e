import { rowState } from './describe.js';
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
 *   enqueue   INSERT ... ON CONFLICT DO NOTHING of the row (pending): a rerun of the edition finds it and adds nothing.
 *   claim     pending -> sending, attempts + 1, the stable message id recorded, a lease (nextAttemptAt).
 *   send      the channel talks to the other side. Just before the message can be committed there (before
 *             SMTP's final dot) an "in-doubt" marker is written and fsynced (see journal.ts).
 *   journal   the moment the other side accepted (SMTP 250, HTTP 2xx, file renamed), the marker becomes
 *             "accepted", synchronously, before anything else.
 *   record    sending -> sent with the message id; then the marker is removed.
 *
 * A process killed
 *   - before the send, or during it before the final dot: no marker; the row stays `sending`; once its lease
 *     runs out any run (the running scheduler sweeps every minute) claims it again and sends: the server
 *     never took the first, unfinished message;
 *   - after the "accepted" marker, before the record: the next look at the row finds the marker, marks it sent
 *     and does NOT send again;
 *   - after the final dot, before the server's answer was read (the in-doubt marker): the server has almost
 *     certainly delivered it (it is healthy; only this client died), but nobody can know. This is settled as
 *     AT MOST ONCE: once the lease has run out the row is marked `failed` with an "unconfirmed" reason, the
 *     permanent-failure hook alerts the operator, and it is not resent unless the operator says so
 *     (`briefing deliver --resend`, which reuses the Message-ID so a mail client can drop a true duplicate).
 *     A daily briefing sent twice to everyone is the failure people notice and complain about; one possibly
 *     missing copy, reported with the command that fixes it, is the lesser harm.
 *
 * A send that fails inside a live process (connection cut, 4xx) is retried as usual, even when the cut came
 * after the final dot: there the server is the one that broke, and a server that breaks before answering has
 * usually not committed the message; the retry carries the same Message-ID.
 *
 * Transient failures go back to `pending` with exponential backoff (no jitter, so runs are reproducible) until
 * `maxAttempts`, then `failed`; permanent failures are `failed` at once, with the reason kept for `briefing status`
 * and reported through `onPermanentFailure`.
 */

/** Called once when a delivery is given up: a permanent failure, retries exhausted, or unconfirmed after a crash. */
export type PermanentFailureHook = (row: OutboxRow, error: DeliveryFailure) => void | Promise<void>;

/** The start of `lastError` for a delivery a crash left in doubt (see above): `failed`, but probably received. */
export const UNCONFIRMED_PREFIX = 'unconfirmed:';

export function isUnconfirmed(row: Pick<OutboxRow, 'status' | 'lastError'>): boolean {
  return row.status === 'failed' && (row.lastError ?? '').startsWith(UNCONFIRMED_PREFIX);
}

function unconfirmedReason(key: OutboxKey, at: string): string {
  return (
    `${UNCONFIRMED_PREFIX} the sending process stopped after the whole message went to the server${at ? ` (${at})` : ''} ` +
    'and before the server answered; it was probably delivered, so it is not sent again on its own. If it did not arrive: ' +
    `briefing deliver --resend --edition ${key.edition} --date ${key.date} --to ${key.recipient.replace(/#copy\d+$/, '')}`
  );
}

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
  /** A delivery was given up (failed for good); default: a `delivery.given-up` log entry. Errors in it are logged. */
  onPermanentFailure?: PermanentFailureHook;
}

export interface DeliveryReport {
  edition: string;
  date: string;
  outcomes: DeliveryOutcome[];
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
export const DEFAULT_SENDING_LEASE_MS = 5 * 60_000;

/** The recipient's identity in the outbox: the address, URL or folder; an operator's extra copy adds `#copyN`. */
export function recipientId(recipient: Recipient): string {
  switch (recipient.channel) {
    case 'email':
      return recipient.copy && recipient.copy > 1 ? `${recipient.to.trim()}#copy${recipient.copy}` : recipient.to.trim();
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

export function outcomeOf(row: OutboxRow, recovered = false, sentNow = false): DeliveryOutcome {
  return { edition: row.edition, date: row.date, channel: row.channel, recipient: row.recipient, messageId: row.messageId, ...rowState(row), recovered, sentNow };
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
  const sentNow = new Set<string>();
  const started = clock.now().getTime();

  for (const { key } of byKey.values()) {
    if (await store.enqueue(key, clock.now())) log({ event: 'delivery.enqueued', ...key });
  }

  // A marker left by a sender that died settles its delivery before anything is sent (see settleFromJournal).
  for (const { key } of byKey.values()) {
    const row = await store.get(key);
    if (row) await settleFromJournal(key, row);
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
    if (row) outcomes.push(outcomeOf(row, recovered.has(id), sentNow.has(id)));
  }
  return { edition: edition.edition, date, outcomes };

  function idFor(key: OutboxKey): string {
    return messageIdFor(key, options.messageIdDomain ?? options.channels[key.channel]?.idDomain);
  }

  /**
   * Settles a delivery a dead process left in the journal; true when it did (nothing is to be sent). An accepted
   * marker is recorded as sent at once; an in-doubt one only once the row's lease ran out (before that, its
   * sender may be alive and about to hear the server's answer), as failed-unconfirmed (see the top).
   */
  async function settleFromJournal(key: OutboxKey, row: OutboxRow): Promise<boolean> {
    if ((row.status !== 'sending' && row.status !== 'pending') || !options.journal.has(key)) return false;
    const marker = options.journal.read(key);
    if (marker?.stage === 'accepted') {
      const messageId = marker.messageId || row.messageId || idFor(key);
      await store.markSent(key, messageId, marker.at ? new Date(marker.at) : clock.now());
      options.journal.forget(key);
      recovered.add(outboxKeyString(key));
      log({ event: 'delivery.recovered', ...key, messageId, note: 'accepted before a crash; not sent again' });
      return true;
    }
    if (row.status === 'sending' && Date.parse(row.nextAttemptAt) > clock.now().getTime()) return false;
    const failure = new DeliveryFailure(unconfirmedReason(key, marker?.at ?? ''), true);
    await store.markFailed(key, failure.message);
    options.journal.forget(key);
    log({ event: 'delivery.unconfirmed', ...key, messageId: marker?.messageId ?? row.messageId, error: failure.message });
    await givenUp(key, failure);
    return true;
  }

  /** Tells the hook (or the log) that a delivery is failed for good; a hook that throws must not stop delivery. */
  async function givenUp(key: OutboxKey, failure: DeliveryFailure): Promise<void> {
    const row = await store.get(key);
    if (!row) return;
    try {
      if (options.onPermanentFailure) await options.onPermanentFailure(row, failure);
      else log({ event: 'delivery.given-up', level: 'error', ...key, error: failure.message });
    } catch (error) {
      log({ event: 'delivery.hook-error', level: 'error', ...key, error: String((error as Error)?.message ?? error) });
    }
  }

  async function attempt(key: OutboxKey, recipient: Recipient, row: OutboxRow): Promise<void> {
    if (await settleFromJournal(key, row)) return;
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
      const onCommitPoint = () => options.journal.recordInDoubt(key, { messageId, at: clock.now().toISOString() });
      result = await channel.send({ edition, recipient, messageId, onCommitPoint });
    } catch (error) {
      // This process saw the failure, so it is not in doubt: classified and retried as usual (see the top).
      options.journal.forget(key);
      await recordFailure(key, claimed.attempts, error, clock.now().getTime() - begun);
      return;
    }
    // Nothing may come between the acceptance and this marker: see the comment at the top. A store error after
    // it propagates (the delivery is not a failure); the marker lets the next run record it without resending.
    options.journal.record(key, { messageId, acceptedAt: clock.now().toISOString(), detail: result.detail });
    options.onAccepted?.(key);
    await store.markSent(key, messageId, clock.now());
    options.journal.forget(key);
    sentNow.add(outboxKeyString(key));
    log({ event: 'delivery.sent', ...key, attempt: claimed.attempts, messageId, durationMs: clock.now().getTime() - begun, detail: result.detail });
    for (const warning of result.warnings ?? []) log({ event: 'delivery.warning', level: 'warn', ...key, messageId, message: warning });
  }

  async function recordFailure(key: OutboxKey, attempts: number, error: unknown, durationMs: number): Promise<void> {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(String((error as Error)?.message ?? error), false, { cause: error });
    if (failure.permanent) {
      await store.markFailed(key, failure.message);
      log({ event: 'delivery.failed', ...key, attempt: attempts, durationMs, error: failure.message, permanent: true });
      await givenUp(key, failure);
    } else if (attempts >= retry.maxAttempts) {
      const message = `gave up after ${attempts} attempts: ${failure.message}`;
      await store.markFailed(key, message);
      log({ event: 'delivery.failed', ...key, attempt: attempts, durationMs, error: message, permanent: false });
      await givenUp(key, new DeliveryFailure(message, false, { cause: failure }));
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
