import type { Briefing } from '../model/schema.js';
import type { RenderedOutput } from '../render/json.js';

/** One edition's briefing on one date, with its rendered files: what every channel delivers. */
export interface EditionOutputs {
  /** Edition name from the configuration (`morning`); part of file names and Message-IDs. */
  edition: string;
  briefing: Briefing;
  outputs: RenderedOutput[];
}

export type Recipient =
  /** `copy` (2, 3, ...): an extra copy an operator asked for (`briefing deliver --resend`), its own delivery. */
  | { channel: 'email'; to: string; copy?: number }
  | { channel: 'webhook'; url: string; secret: string; includeFiles?: boolean }
  | { channel: 'file'; dir: string; pattern?: string };

export type ChannelName = Recipient['channel'];

/** Time as the outbox sees it: injected so tests move through backoff delays without sleeping. */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What a channel is asked to send: one recipient of one edition, with the id the message must carry. */
export interface SendJob {
  edition: EditionOutputs;
  recipient: Recipient;
  /** Stable per (edition, date, channel, recipient): the same on every retry. */
  messageId: string;
  /**
   * Called by a channel the moment before the other side can take the message (before SMTP's final dot), so
   * the sender can record that a crash from now on leaves the delivery in doubt (see journal.ts). Synchronous.
   */
  onCommitPoint?: () => void;
}

export interface SendResult {
  /** What the other side said (SMTP response, HTTP status, written paths), for the log. */
  detail: string;
  /** Sent, but not quite as meant (an e-mail body long enough to be clipped): logged as delivery.warning. */
  warnings?: string[];
}

/**
 * A send that failed. `permanent` failures (a 5xx SMTP reply, a 4xx webhook answer, a bad address) are not
 * retried; transient ones (network, timeouts, 4xx SMTP, 5xx HTTP, 408/429) are, with backoff.
 */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryFailure';
  }
}

export interface Channel {
  send(job: SendJob): Promise<SendResult>;
  /** Right-hand side of this channel's message ids (the e-mail `domain` setting), when it has one. */
  readonly idDomain?: string;
}

export interface DeliveryOutcome {
  edition: string;
  date: string;
  channel: ChannelName;
  recipient: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  messageId: string | null;
  error: string | null;
  /** When a pending (rescheduled) delivery is tried next. */
  nextAttemptAt: string | null;
  /** True when this run found the message already accepted by the other side before a crash, and did not resend it. */
  recovered: boolean;
  /** When the other side accepted it (ISO instant), for sent deliveries. */
  sentAt: string | null;
  /** True when this call sent it; false for a delivery found already sent (a rerun) or recovered. */
  sentNow: boolean;
}

export type DeliveryLogger = (entry: Record<string, unknown>) => void;
