/*
 * The scale-out mode's vocabulary: the queues, the job types and their data, and the stable job ids that make a
 * duplicate add a no-op (BullMQ ignores an add whose jobId exists while that job is kept). Pure: no Redis here.
 */
import { join } from 'node:path';
import type { EmailSettings } from '../deliver/settings.js';
import { recipientId, type ChannelName, type Recipient } from '../deliver/index.js';

/** Editions (and on-demand briefings): renders, so few at a time per worker. */
export const EDITIONS_QUEUE = 'briefing-editions';
/** Deliveries other than e-mail (file, webhook): no shared rate limit. */
export const DELIVERIES_QUEUE = 'briefing-deliveries';

export const EDITION_RUN = 'edition.run';
export const DELIVERY_SEND = 'delivery.send';
export const BRIEFING_GENERATE = 'briefing.generate';
export type JobName = typeof EDITION_RUN | typeof DELIVERY_SEND | typeof BRIEFING_GENERATE;

/** One occurrence of an edition. A job scheduler's job carries no scheduledFor: its own instant is used (prevMillis). */
export interface EditionRunData {
  edition: string;
  /** ISO instant the occurrence was due; the runs table's claim key and the source of the briefing's date. */
  scheduledFor?: string;
}

/** One recipient of one edition of one date, on one channel: the outbox row's key. */
export interface DeliverySendData {
  edition: string;
  date: string;
  channel: ChannelName;
  /** The outbox's recipient id (recipientId(): the address, URL or folder). */
  recipient: string;
}

/**
 * E-mail deliveries go through a queue per SMTP host, so BullMQ's limiter (global across workers, per queue) is a
 * per-host rate limit. Queue names may not hold ':'; the host and port are kept readable otherwise.
 */
export function smtpQueueName(email: Pick<EmailSettings, 'host' | 'port'>): string {
  return `briefing-smtp-${email.host}-${email.port}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The queue a delivery goes to: its SMTP host's for e-mail, the shared one for the other channels. */
export function deliveryQueueName(channel: ChannelName, email: Pick<EmailSettings, 'host' | 'port'> | undefined): string {
  return channel === 'email' && email ? smtpQueueName(email) : DELIVERIES_QUEUE;
}

/*
 * Job ids: readable, one per thing that must happen once. BullMQ refuses ids with ':' (its own separator) and ids
 * that read as integers, so each part is percent-encoded (an address or URL may hold ':') and the parts are joined
 * with '|', which encodeURIComponent always encodes inside a part.
 */
function idOf(kind: string, parts: string[]): string {
  return [kind, ...parts.map((part) => encodeURIComponent(part))].join('|');
}

export function editionRunJobId(edition: string, scheduledFor: string): string {
  return idOf(EDITION_RUN, [edition, scheduledFor]);
}

export function deliveryJobId(data: DeliverySendData): string {
  return idOf(DELIVERY_SEND, [data.edition, data.date, data.channel, data.recipient]);
}

/** The instant an edition.run job is for: its data's, else the job scheduler's occurrence (BullMQ's prevMillis). */
export function scheduledForOf(data: EditionRunData, opts: { prevMillis?: number; timestamp?: number }, fallback: Date): Date {
  if (data.scheduledFor) {
    const at = new Date(data.scheduledFor);
    if (!Number.isNaN(at.getTime())) return at;
  }
  if (typeof opts.prevMillis === 'number' && opts.prevMillis > 0) return new Date(opts.prevMillis);
  return fallback;
}

/** The fan-out of one produced edition: one delivery per configured recipient (its outbox key). */
export function deliveriesOf(edition: { name: string; recipients: Recipient[] }, date: string): DeliverySendData[] {
  return edition.recipients.map((recipient) => ({ edition: edition.name, date, channel: recipient.channel, recipient: recipientId(recipient) }));
}

/**
 * An on-demand briefing of `briefing serve`, made by a worker. The paths are the server's job folders, which must
 * be on the shared folder at the same path on every machine (the outputs' folder, `outDir`).
 */
export interface BriefingGenerateData {
  /** Uploaded files (in the job's shared staging folder) and page or feed URLs. */
  inputs: string[];
  date: string;
  timezone: string;
  title: string;
  formats: Array<'html' | 'pdf' | 'json' | 'md'>;
  theme?: string;
  paper?: 'a4' | 'letter';
  /** Where the outputs are written (the server's folder for this job). */
  outDir: string;
}

/** What the server shows of a finished briefing.generate job; the files are in the job's `outDir`. */
export interface BriefingGenerateResult {
  /** Absolute paths of the files written. */
  written: string[];
  excluded: Array<{ path: string; reason: string }>;
  warnings: string[];
  threads: number;
}

/** A progress report of briefing.generate: one stage starting or ending, as the server's job page shows them. */
export interface BriefingGenerateProgress {
  stage: string;
  phase: 'start' | 'end';
  ms?: number;
}

/** The folder under the shared output folder where `briefing serve --queue` keeps its jobs (one sub-folder per server). */
export function servedJobsRoot(config: { outDir: string }): string {
  return join(config.outDir, '.serve-jobs');
}
