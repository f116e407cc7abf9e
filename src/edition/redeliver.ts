/*
 * What an operator does to one delivery by hand, from `briefing deliver` or the server: retry one that is pending or
 * failed now, or resend an edition to an address (the same delivery again if it never arrived, else a numbered copy).
 */
import type { BriefingConfig, EditionConfig } from '../config/index.js';
import { recipientId, deliveryOutbox, type DeliveryOutcome, type Recipient } from '../deliver/index.js';
import type { OutboxKey, Store } from '../store/index.js';
import { DeliveryError } from '../util/errors.js';
import { deliverEdition, loadEditionOutputs, type DeliverPendingOptions } from './deliver-pending.js';
import { findEdition } from './run-edition.js';

/**
 * Sends one outbox row now, whatever its backoff says: a pending or failed row is rescheduled to now (keeping its
 * attempts and Message-ID) and delivered. A sent row, or one another process is sending, is refused.
 */
export async function retryDelivery(config: BriefingConfig, store: Store, key: OutboxKey, options: DeliverPendingOptions): Promise<DeliveryOutcome[]> {
  const outbox = deliveryOutbox(store);
  const row = (await outbox.list({ edition: key.edition, date: key.date })).find((r) => r.channel === key.channel && r.recipient === key.recipient);
  if (!row) throw new DeliveryError(`there is no delivery of edition ${key.edition} of ${key.date} to ${key.recipient} (${key.channel}); see GET /api/deliveries or briefing status.`);
  if (row.status === 'sent') throw new DeliveryError(`the delivery to ${key.recipient} was sent at ${row.sentAt ?? 'an earlier time'}; resend it to send another copy.`);
  if (row.status === 'sending' && Date.parse(row.nextAttemptAt) > options.now.getTime()) {
    throw new DeliveryError(`the delivery to ${key.recipient} is being sent right now; wait until ${row.nextAttemptAt} and look again.`);
  }
  const edition = findEdition(config, key.edition);
  const recipient = recipientOf(edition, key);
  if (!recipient) throw new DeliveryError(`${key.recipient} is no longer a ${key.channel} recipient of edition ${key.edition}; add it back to the configuration or resend to an address.`);
  const outputs = await loadEditionOutputs(config, edition, key.date);
  if (typeof outputs === 'string') throw new DeliveryError(`cannot retry edition ${key.edition} of ${key.date}: ${outputs}`);
  await outbox.reschedule(row, options.now, `retry requested: ${row.lastError ?? ''}`.trim());
  return deliverEdition(config, store, edition, outputs, [recipient], options);
}

/**
 * Sends edition `name` of `date` to one e-mail address: the same delivery again (same Message-ID, so a mail client
 * drops a duplicate) when it was not delivered, a new numbered copy when it was.
 */
export async function resendEdition(
  config: BriefingConfig,
  store: Store,
  target: { edition: string; date: string; to: string },
  options: DeliverPendingOptions,
): Promise<DeliveryOutcome[]> {
  const edition = findEdition(config, target.edition);
  const { date, to } = target;
  const outputs = await loadEditionOutputs(config, edition, date);
  if (typeof outputs === 'string') throw new DeliveryError(`cannot resend edition ${edition.name} of ${date}: ${outputs}`);
  const outbox = deliveryOutbox(store);
  const rows = (await outbox.list({ edition: edition.name, date })).filter((row) => row.channel === 'email');
  const existing = rows.find((row) => row.recipient === to);
  let recipient: Recipient = { channel: 'email', to };
  if (existing?.status === 'failed' || existing?.status === 'pending') {
    // Not (knowingly) delivered: the same delivery again, now, with its Message-ID (a mail client drops a duplicate).
    await outbox.reschedule(existing, options.now, `resend requested: ${existing.lastError ?? ''}`.trim());
  } else if (existing?.status === 'sending' && Date.parse(existing.nextAttemptAt) > options.now.getTime()) {
    throw new DeliveryError(`edition ${edition.name} of ${date} is being sent to ${to} by another process right now; see briefing status, and resend after ${existing.nextAttemptAt} if it did not arrive.`);
  } else if (existing?.status === 'sent') {
    // Delivered already: the operator wants another copy, which is its own delivery (its own row and Message-ID).
    const copies = rows.map((row) => new RegExp(`^${escapeRegExp(to)}#copy(\\d+)$`).exec(row.recipient)).filter((m) => m !== null);
    recipient = { channel: 'email', to, copy: Math.max(1, ...copies.map((m) => Number(m[1]))) + 1 };
  }
  return deliverEdition(config, store, edition, outputs, [recipient], options);
}

/** The configured recipient a row is for, or an operator's extra copy (`ADDR#copyN`). */
export function recipientOf(edition: EditionConfig, key: OutboxKey): Recipient | undefined {
  const configured = edition.recipients.find((r) => r.channel === key.channel && recipientId(r) === key.recipient);
  if (configured) return configured;
  const copy = key.channel === 'email' ? /^(.*)#copy(\d+)$/.exec(key.recipient) : null;
  if (copy) return { channel: 'email', to: copy[1]!, copy: Number(copy[2]) };
  // A resend to an address that is not a configured recipient has a row of its own: retry it to that address.
  return key.channel === 'email' ? { channel: 'email', to: key.recipient } : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
