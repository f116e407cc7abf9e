import { BrandingSchema, type Branding } from './branding.js';
import { z } from '../util/zod.js';
import { emailSettingsSchema, type EmailSettings } from '../deliver/settings.js';
import type { Recipient } from '../deliver/types.js';
import { emailAddressSchema } from './email-address.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/formats.js';
import { validateCron, validateTimeZone } from '../schedule/cron.js';

const text = z.string().trim().min(1);

/** warn: a partial source failure is a warning in the briefing and the log; fail: it fails the run. */
export const SOURCE_FAILURE_POLICIES = ['warn', 'fail'] as const;
export type SourceFailurePolicy = (typeof SOURCE_FAILURE_POLICIES)[number];
const words = z.array(text).min(1);

/** Cron and zone are checked with the scheduler's own validators, so a file that loads is a file that schedules. */
const ScheduleSchema = z
  .object({ cron: text, timezone: text })
  .strict()
  .superRefine((schedule, ctx) => {
    try {
      validateCron(schedule.cron, 'this edition');
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['cron'], message: (error as Error).message });
    }
    try {
      validateTimeZone(schedule.timezone, 'this edition');
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: (error as Error).message });
    }
  });

const httpUrl = text.refine((value) => /^https?:\/\/[^\s]+$/i.test(value), { message: 'must be an http:// or https:// URL' });

const FileDelivery = z.object({ channel: z.literal('file'), dir: text, pattern: text.optional() }).strict();
const EmailDelivery = z.object({ channel: z.literal('email'), recipients: z.array(emailAddressSchema).min(1) }).strict();
const WebhookDelivery = z
  .object({ channel: z.literal('webhook'), url: httpUrl, secret: text.optional(), includeFiles: z.boolean().optional() })
  .strict();

const DeliverySchema = z.discriminatedUnion('channel', [FileDelivery, EmailDelivery, WebhookDelivery]);

/**
 * An edition's name: part of file names, folder names, outbox keys and the server's URLs, so kept to characters
 * safe in all of them, and short. The one rule: the configuration, the API and the pages all check this.
 */
export const EDITION_NAME = /^[a-z0-9][a-z0-9_-]{0,99}$/i;

export const EditionSchema = z
  .object({
    name: text.regex(EDITION_NAME, { message: 'use letters, digits, - and _ only, at most 100 (e.g. morning)' }),
    title: text.optional(),
    schedule: ScheduleSchema,
    sources: z.array(text).min(1).optional(),
    filters: z
      .object({ include: words.optional(), exclude: words.optional(), entities: words.optional(), outlets: words.optional() })
      .strict()
      .optional(),
    theme: text.optional(),
    paper: z.enum(['a4', 'letter']).optional(),
    formats: z.array(z.enum(OUTPUT_FORMATS)).min(1).optional(),
    window: z.object({ hours: z.number().positive() }).strict().optional(),
    editorNote: z.string().optional(),
    deliver: z.array(DeliverySchema).optional(),
    staleAfterDays: z.number().int().min(1).optional(),
    /** Fewer stories (threads shown) than this make the run a failure: nothing is delivered and operators are alerted. */
    minStories: z.number().int().min(0).optional(),
    /** What a run does when some (not all) of its sources failed: warn and deliver, or fail. */
    onSourceFailure: z.enum(SOURCE_FAILURE_POLICIES).optional(),
    /** How many of the most important threads are shown in full (figures, quotes, event summaries); the rest in brief. */
    threadsInFull: z.number().int().min(0).optional(),
    /** Overrides single keys of the top-level branding for this edition. */
    branding: BrandingSchema.optional(),
  })
  .strict();

export type EditionFile = z.infer<typeof EditionSchema>;
export const SmtpSchema = emailSettingsSchema;

/** One edition as the commands use it: every default filled in, paths absolute, secrets resolved. */
export interface EditionConfig {
  name: string;
  title?: string;
  schedule: { cron: string; timezone: string };
  /** Names of top-level sources; undefined means all of them. */
  sources?: string[];
  filters: { include: string[]; exclude: string[]; entities: string[]; outlets: string[] };
  theme?: string;
  paper: 'a4' | 'letter';
  formats: OutputFormat[];
  /** Hours of published dates covered, ending at the edition's time; undefined covers everything read. */
  windowHours?: number;
  editorNote?: string;
  recipients: Recipient[];
  branding?: Branding;
  staleAfterDays?: number;
  /** A run with fewer threads shown fails (default in defaultConfig's editionDefaults). */
  minStories: number;
  onSourceFailure: SourceFailurePolicy;
  /** Threads shown in full; the others are in brief. */
  threadsInFull: number;
}

/** Edition settings with a program-wide default, some also settable at the top level of the file. */
export interface EditionDefaults {
  minStories: number;
  onSourceFailure: SourceFailurePolicy;
  threadsInFull: number;
}

export type { EmailSettings };
