import { z } from 'zod';
import { isValidTimeZone } from '../util/dates.js';
import { FULL_TEXT_MODES, SOURCE_KINDS, type SourceSpec } from '../sources/types.js';

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
  })
  .strict();

/**
 * What a configuration file may hold: every key optional, unknown keys rejected (a typo must not be silently ignored).
 * New sections (editions, schedule, delivery) are added here as further optional keys.
 */
export const ConfigFileSchema = z
  .object({
    title: text.optional(),
    timezone: text.refine(isValidTimeZone, { message: 'not an IANA time zone' }).optional(),
    maxInputBytes: positiveInt.optional(),
    fetch: FetchSchema.optional(),
    sources: z.array(SourceSchema).optional(),
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
}

/** The resolved configuration every command works from: defaults < file < environment < flags. */
export interface BriefingConfig {
  title: string;
  /** Undefined means the system zone, decided by the command. */
  timezone?: string;
  maxInputBytes: number;
  fetch: FetchSettings;
  sources: SourceSpec[];
  /** The file it was read from, when there was one. */
  file?: string;
}
