import { hostname } from 'node:os';
import { shortHash } from '../util/hash.js';
import type { OutboxKey } from './outbox.js';

/**
 * The Message-ID of one delivery, the same on every attempt: `<briefing.{edition}.{date}.{sha8(recipient)}@{domain}>`.
 * A resend after a crash therefore carries the id of the first send, so a mail system or reader can recognise it.
 * The channel is part of the hash so an address that is both an e-mail and a webhook recipient gets two ids.
 */
export function messageIdFor(key: OutboxKey, domain?: string): string {
  const safeEdition = key.edition.replace(/[^A-Za-z0-9_-]/g, '-');
  const host = (domain ?? hostname()).replace(/[^A-Za-z0-9.-]/g, '-') || 'localhost';
  const who = shortHash(`${key.channel}:${key.recipient.toLowerCase()}`, 8);
  return `<briefing.${safeEdition}.${key.date}.${who}@${host}>`;
}
