import { emailAddressSchema } from './email-address.js';
import { ServerSchema, type ServerSettings } from './server.js';
import { QueueSchema, type QueueSettings } from './queue.js';
import { BrandingSchema, type Branding } from './branding.js';
import { z } from '../util/zod.js';
import { isValidTimeZone } from '../util/dates.js';
import { isAllowHostEntry } from '../fetch/address-ranges.js';
import { isPostgresUrl, postgresUrlProblem } from '../store/database-url.js';
import { FULL_TEXT_MODES, SOURCE_KINDS, type SourceSpec } from '../sources/types.js';
import type { DeliverySettings } from '../deliver/settings.js';
import type { AlertSettings } from '../alerts/types.js';
import { EditionSchema, SmtpSchema, SOURCE_FAILURE_POLICIES, type EditionConfig, type EditionDefaults } from './editions.js';

const text = z.string().trim().min(1);
const positiveInt = z.number().int().positive();

const SourceSchema = z
  .object({
    name: text,
    kind: z.enum(SOURCE_KINDS),
    location: z.union([text, z.array(text).min(1)]),
    outlet: text.optional(),
    language: text.optional(),
    include: z.array(text).optional(),
    exclude: z.array(text).optional(),
    fullText: z.enum(FULL_TEXT_MODES).optional(),
    maxItems: positiveInt.optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (Array.isArray(source.location) && source.kind !== 'pages' && source.kind !== 'path') {
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: `a list is only allowed for kind: pages or kind: path; kind: ${source.kind} takes one URL or path`,
      });
    }
  });

const FetchSchema = z
  .object({
    timeoutMs: positiveInt.optional(),
    connectTimeoutMs: positiveInt.optional(),
    maxBytes: positiveInt.optional(),
    maxRedirects: z.number().int().min(0).optional(),
    concurrency: positiveInt.optional(),
    perHostConcurrency: positiveInt.optional(),
    retries: z.number().int().min(0).optional(),
    userAgent: text.optional(),
    cacheDir: text.optional(),
    /** Let fetches reach loopback, private, link-local and other non-public addresses (off: feeds cannot probe the intranet). */
    allowPrivateNetworks: z.boolean().optional(),
    /** Non-public destinations allowed anyway: host names, "*.corp.example", IP addresses, CIDR ranges. */
    allowHosts: z.array(text.refine(isAllowHostEntry, { message: 'a host name, *.domain, an IP address or a CIDR range such as 10.1.2.0/24' })).optional(),
    /** Time allowed for all the fetches of one run; what is still pending then is skipped. */
    runDeadlineMs: positiveInt.optional(),
  })
  .strict();

/** Where operators hear about failed runs: addresses (through smtp:) and/or a webhook, at most once per interval. */
const AlertsSchema = z
  .object({
    email: z.array(emailAddressSchema).min(1).optional(),
    webhook: z
      .object({ url: text.refine((v) => /^https?:\/\/[^\s]+$/i.test(v), { message: 'must be an http:// or https:// URL' }), secret: text.optional() })
      .strict()
      .optional(),
    minIntervalMinutes: z.number().min(0).optional(),
  })
  .strict()
  .refine((alerts) => alerts.email !== undefined || alerts.webhook !== undefined, {
    message: 'give email: [addresses] and/or webhook: { url: ... }, or remove the alerts: section.',
  });

/**
 * What a configuration file may hold: every key optional, unknown keys rejected (a typo must not be silently ignored).
 * New sections (editions, schedule, delivery) are added here as further optional keys.
 */
export const ConfigFileSchema = z
  .object({
    title: text.optional(),
    timezone: text.refine(isValidTimeZone, { message: 'not an IANA time zone' }).optional(),
    maxInputBytes: positiveInt.optional(),
    /** At most this many usable articles per briefing; past it the newest are kept and the others listed as excluded. */
    maxArticles: positiveInt.optional(),
    /** Languages articles may be in (BCP 47 primary tags such as en, de), or "any"; others are left out with status language. */
    languages: z
      .union([z.literal('any'), z.array(z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, de or fr')).min(1)])
      .optional(),
    fetch: FetchSchema.optional(),
    sources: z.array(SourceSchema).optional(),
    /** The SQLite file of memory, runs, editions and the outbox, or a postgres:// URL of a shared PostgreSQL database. */
    database: text
      .superRefine((value, ctx) => {
        const problem = isPostgresUrl(value) ? postgresUrlProblem(value) : undefined;
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `a PostgreSQL URL, but ${problem}` });
      })
      .optional(),
    /** Where editions write their files, one folder per edition. */
    outDir: text.optional(),
    /** Days of story memory, run records and finished deliveries the database keeps (pending deliveries are kept). */
    retentionDays: positiveInt.optional(),
    /** The SMTP server e-mail deliveries go through; user and pass may come from the environment instead. */
    smtp: SmtpSchema.optional(),
    editions: z.array(EditionSchema).optional(),
    /** House style for every output: title, logo, accent colour, classification line, locale, date format. */
    branding: BrandingSchema.optional(),
    /** A folder of the organization's themes; a theme named there overrides the built-in of the same name. */
    themesDir: text.optional(),
    /** The default of every edition's onSourceFailure. */
    onSourceFailure: z.enum(SOURCE_FAILURE_POLICIES).optional(),
    /** How many of the most important threads every briefing shows in full (the others in brief); editions may override. */
    threadsInFull: z.number().int().min(0).optional(),
    alerts: AlertsSchema.optional(),
    /** `briefing serve`: where it listens, its access tokens and limits. */
    server: ServerSchema.optional(),
    /** Scale-out mode: the BullMQ queue (Redis) workers take editions and deliveries from. */
    queue: QueueSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.sources?.forEach((source, index) => {
      const first = seen.get(source.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['sources', index, 'name'], message: `"${source.name}" is already the name of sources[${first}]; names must be unique` });
      } else seen.set(source.name, index);
    });
    if (config.alerts?.email && !config.smtp) {
      ctx.addIssue({ code: 'custom', path: ['alerts', 'email'], message: 'e-mail alerts need an smtp: section (host, port, from) at the top level.' });
    }
    const editions = new Map<string, number>();
    config.editions?.forEach((edition, index) => {
      const first = editions.get(edition.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['editions', index, 'name'], message: `"${edition.name}" is already the name of editions[${first}]; names must be unique` });
      } else editions.set(edition.name, index);
      edition.sources?.forEach((name, j) => {
        if (!seen.has(name)) {
          const known = [...seen.keys()];
          ctx.addIssue({
            code: 'custom',
            path: ['editions', index, 'sources', j],
            message: `no top-level source is named "${name}"; ${known.length ? `known sources: ${known.join(', ')}` : 'add it under sources:'}`,
          });
        }
      });
      if (edition.deliver?.some((d) => d.channel === 'email') && !config.smtp) {
        const j = edition.deliver.findIndex((d) => d.channel === 'email');
        ctx.addIssue({ code: 'custom', path: ['editions', index, 'deliver', j, 'channel'], message: 'e-mail delivery needs an smtp: section (host, port, from) at the top level' });
      }
    });
  });

export type ConfigFile = z.infer<typeof ConfigFileSchema>;

export interface FetchSettings {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  concurrency: number;
  perHostConcurrency: number;
  retries: number;
  userAgent: string;
  cacheDir: string;
  allowPrivateNetworks: boolean;
  allowHosts: string[];
  runDeadlineMs: number;
}

/** The resolved configuration every command works from: defaults < file < environment < flags. */
export interface BriefingConfig {
  title: string;
  /** Undefined means the system zone, decided by the command. */
  timezone?: string;
  maxInputBytes: number;
  /** Usable articles one briefing analyses at most (the newest are kept). */
  maxArticles: number;
  /** Accepted article languages, or 'any'. */
  languages: readonly string[] | 'any';
  fetch: FetchSettings;
  sources: SourceSpec[];
  /** The file it was read from, when there was one. */
  file?: string;
  /** Where relative paths of the configuration (themes) are read from: the file's folder, else the working directory. */
  baseDir: string;
  /** Absolute path of the SQLite database, or a postgres:// URL as written (see dataFolder in load.ts). */
  database: string;
  /** Rows older than this many days are pruned from the database at each edition run. */
  retentionDays: number;
  /** Absolute folder editions write into (each in `<outDir>/<edition>/`). */
  outDir: string;
  /** Delivery settings for src/deliver (SMTP from `smtp:`, the journal beside the database). */
  delivery: DeliverySettings;
  editions: EditionConfig[];
  /** Branding from the file, logo path made absolute; editions may override single keys. */
  branding?: Branding;
  /** Absolute path of the user's themes folder, when configured. */
  themesDir?: string;
  /** What an edition that does not set them gets (minStories, onSourceFailure, threadsInFull); also what `generate` uses. */
  editionDefaults: EditionDefaults;
  /** Where failed runs are reported; undefined: only the log and the exit code tell. */
  alerts?: AlertSettings;
  /** `briefing serve`: host, port, tokens and limits, defaults filled in. */
  server: ServerSettings;
  /** Scale-out mode (`briefing worker`, `schedule --queue`): the queue's URL when configured, and its limits. */
  queue: QueueSettings;
}

export type { EditionConfig };
