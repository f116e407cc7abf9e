import { createEmailChannel, type EmailChannelOptions } from './email.js';
import { createFileChannel } from './file.js';
import type { DeliverySettings } from './settings.js';
import type { Channel, ChannelName } from './types.js';
import { createWebhookChannel } from './webhook.js';

export * from './types.js';
export * from './outbox.js';
export { AcceptedJournal } from './journal.js';
export { messageIdFor } from './message-id.js';
export * from './settings.js';
export { createEmailChannel, classifySmtpError, sendPlainEmail, smtpTransportOptions, sendTestEmail, type EmailChannelOptions, type SmtpTestResult } from './email.js';
export { createWebhookChannel, postJson, type JsonPost, signWebhook, verifyWebhookSignature, webhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from './webhook.js';
export { createFileChannel, fileNameFor, DEFAULT_FILE_PATTERN } from './file.js';
export {
  deliver,
  outboxReport,
  recipientId,
  backoffDelayMs,
  isUnconfirmed,
  UNCONFIRMED_PREFIX,
  DEFAULT_RETRY,
  DEFAULT_SENDING_LEASE_MS,
  type DeliverOptions,
  type DeliveryReport,
  type PermanentFailureHook,
} from './deliver.js';
export { describeDelivery, deliveryView } from './describe.js';

/** The channels the settings allow: file and webhook always, email when `delivery.email` is set. */
export function createChannels(
  settings: DeliverySettings,
  options: Omit<EmailChannelOptions, 'settings'> & { now?: () => Date } = {},
): Partial<Record<ChannelName, Channel>> {
  const { now, ...email } = options;
  return {
    file: createFileChannel(),
    webhook: createWebhookChannel({ timeoutMs: settings.webhook.timeoutMs, now }),
    ...(settings.email ? { email: createEmailChannel({ ...email, settings: settings.email }) } : {}),
  };
}
