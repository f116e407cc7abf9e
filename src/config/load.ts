import { readFile } from 'node:fs/promises';
import { DEFAULT_MAX_ARTICLES } from '../capacity.js';
import { DEFAULT_THREADS_IN_FULL } from '../summarize/types.js';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_RUN_DEADLINE_MS, defaultUserAgent } from '../fetch/types.js';
import { DEFAULT_LANGUAGES } from '../clean/status.js';
import { defaultTimeZone, isValidTimeZone } from '../util/dates.js';
import { onDemand } from '../util/load-on-demand.js';
import type { SourceSpec } from '../sources/types.js';
import { ConfigError, describeIssues } from './errors.js';
import { ConfigFileSchema, type BriefingConfig, type ConfigFile, type FetchSettings } from './schema.js';
import { resolveEditions } from './resolve-editions.js';
import { checkEditionThemes } from './check-themes.js';
import { applyQueueFile, checkQueueUrl, defaultQueueSettings, QUEUE_URL_ENV } from './queue.js';
import { applyServerFile, defaultServerSettings, mergeTokens, parseTokensEnv, SERVER_TOKENS_ENV } from './server.js';
import { isPostgresUrl } from '../store/database-url.js';

/** Looked for in this order in the working directory when no --config is given. */
export const CONFIG_FILE_NAMES = [
  'briefing.config.yaml',
  'briefing.config.yml',
  'briefing.config.json',
  'briefing.config.ts',
  'briefing.config.mts',
  'briefing.config.js',
  'briefing.config.mjs',
] as const;

const CODE_CONFIG = /\.(?:ts|mts|js|mjs)$/;

/** Environment variables read, each overriding the file and overridden by a flag. */
export const CONFIG_ENV = {
  timezone: 'BRIEFING_TIMEZONE',
  cacheDir: 'BRIEFING_CACHE_DIR',
  userAgent: 'BRIEFING_USER_AGENT',
  smtpUser: 'BRIEFING_SMTP_USER',
  smtpPass: 'BRIEFING_SMTP_PASS',
  webhookSecret: 'BRIEFING_WEBHOOK_SECRET',
  serverTokens: SERVER_TOKENS_ENV,
  themesDir: 'BRIEFING_THEMES_DIR',
  queue: QUEUE_URL_ENV,
} as const;

export const DEFAULT_DATABASE = 'data/briefing.sqlite';

/**
 * The folder of this machine's working files (the outbox journal, the server's job folders): beside the SQLite
 * file, or `data/` under the configuration's folder when the database is PostgreSQL (a URL has no folder).
 */
export function dataFolder(config: Pick<BriefingConfig, 'database' | 'baseDir'>): string {
  return isPostgresUrl(config.database) ? resolve(config.baseDir, 'data') : dirname(config.database);
}
export const DEFAULT_OUT_DIR = 'out';
/** Story memory, runs and finished deliveries older than this are pruned (about a quarter of a year). */
export const DEFAULT_RETENTION_DAYS = 90;

/** Values given on the command line; only those present override. */
export interface ConfigFlags {
  title?: string;
  timezone?: string;
  maxInputBytes?: number;
  cacheDir?: string;
  userAgent?: string;
  sources?: SourceSpec[];
  /** --queue redis://HOST:PORT (worker, schedule, status). */
  queue?: string;
}

export interface LoadConfigOptions {
  cwd: string;
  /** --config FILE; when absent the working directory is searched for CONFIG_FILE_NAMES. */
  file?: string;
  env?: Record<string, string | undefined>;
  flags?: ConfigFlags;
}

export function defaultConfig(cwd: string): BriefingConfig {
  return {
    title: 'Daily Briefing',
    maxInputBytes: 5 * 1024 * 1024,
    maxArticles: DEFAULT_MAX_ARTICLES,
    languages: DEFAULT_LANGUAGES,
    fetch: {
      timeoutMs: 30_000,
      connectTimeoutMs: 10_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      concurrency: 8,
      perHostConcurrency: 2,
      retries: 2,
      userAgent: defaultUserAgent(),
      cacheDir: resolve(cwd, 'data/http-cache'),
      allowPrivateNetworks: false,
      allowHosts: [],
      runDeadlineMs: DEFAULT_RUN_DEADLINE_MS,
    },
    sources: [],
    baseDir: cwd,
    database: resolve(cwd, DEFAULT_DATABASE),
    retentionDays: DEFAULT_RETENTION_DAYS,
    outDir: resolve(cwd, DEFAULT_OUT_DIR),
    delivery: {
      webhook: { timeoutMs: 30_000 },
      retry: { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 },
      journalDir: resolve(cwd, 'data/outbox-journal'),
    },
    editions: [],
    editionDefaults: { minStories: 1, onSourceFailure: 'warn', threadsInFull: DEFAULT_THREADS_IN_FULL },
    server: defaultServerSettings(),
    queue: defaultQueueSettings(),
  };
}

/** At most one alert per edition and kind in this many minutes, unless alerts.minIntervalMinutes says otherwise. */
export const DEFAULT_ALERT_INTERVAL_MINUTES = 60;

// One User-Agent for the whole program: the fetcher's, which says who is fetching and why.
export { defaultUserAgent };

/** Resolves the configuration in layers: defaults < file < environment < flags. Throws ConfigError on a bad value. */
export async function loadConfig(options: LoadConfigOptions): Promise<BriefingConfig> {
  const config = defaultConfig(options.cwd);
  const file = options.file ? resolve(options.cwd, options.file) : findConfigFile(options.cwd);
  const parsed = file ? await readConfigFile(file) : undefined;
  if (file && parsed) applyFile(config, parsed, dirname(file), options.cwd, file);
  applyEnv(config, options.env ?? {}, options.cwd);
  // Editions last: a webhook's secret may come from the environment, and is required one way or the other.
  if (parsed?.editions) config.editions = resolveEditions(parsed.editions, basename(file!), config.baseDir, options.env ?? {}, config.editionDefaults);
  await checkEditionThemes(config);
  applyFlags(config, options.flags ?? {}, options.cwd);
  return config;
}

export function findConfigFile(cwd: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Reads and validates one configuration file; the result is checked once, here, and trusted afterwards. */
export async function readConfigFile(file: string): Promise<ConfigFile> {
  if (CODE_CONFIG.test(file)) return validateConfig(await importConfigModule(file), file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new ConfigError(`${file}: cannot read the configuration file (${why}). Check the path given with --config.`);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): ConfigFile {
  const name = basename(file);
  return validateConfig(file.endsWith('.json') ? parseJson(text, name) : parseYaml(text, name), file);
}

function validateConfig(data: unknown, file: string): ConfigFile {
  const result = ConfigFileSchema.safeParse(data ?? {}, { reportInput: true });
  if (!result.success) throw new ConfigError(describeIssues(basename(file), result.error.issues, data, ConfigFileSchema));
  return result.data;
}

/**
 * A typed configuration (`export default defineConfig({ ... })`) is loaded with jiti, which compiles TypeScript
 * on the fly, so Node 20 needs no build step for it. The module's default export is the configuration, or a
 * function (sync or async) returning it. No disk cache: jiti's default writes compiled files to the temp folder,
 * a leftover on every load for a file that is read once per run.
 */
async function importConfigModule(file: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  let exported: unknown;
  try {
    exported = await createJiti(import.meta.url, { moduleCache: false, fsCache: false }).import(file, { default: true });
  } catch (error) {
    throw new ConfigError(`${basename(file)}: cannot load the configuration module (${(error as Error).message}). Fix the error, or write the configuration as YAML (briefing.config.yaml).`);
  }
  return typeof exported === 'function' ? await (exported as () => unknown)() : exported;
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`${name}: not valid JSON (${(error as Error).message}). Fix the syntax, or write the file as YAML (briefing.config.yaml).`);
  }
}

/** The YAML library is loaded by the first YAML file read, not by a run without one. */
const yaml = onDemand<typeof import('yaml')>('yaml');

function parseYaml(text: string, name: string): unknown {
  const document = yaml().parseDocument(text, { prettyErrors: true });
  const error = document.errors[0];
  if (error) throw new ConfigError(`${name}: not valid YAML: ${error.message.split('\n')[0]}. Fix the syntax at that line.`);
  const data = yamlToData(document, name);
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new ConfigError(`${name}: expected a mapping of keys (title:, timezone:, sources:, ...) at the top level.`);
  }
  return data;
}

// Aliases (*name) may point at anchors that hold aliases in turn: a few lines can expand to billions of nodes.
// A configuration has no use for more than a handful.
const MAX_YAML_ALIASES = 100;

function yamlToData(document: ReturnType<typeof import('yaml').parseDocument>, name: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (error) {
    // The yaml package throws a ReferenceError for too many aliases (and for an alias to a missing anchor).
    if (error instanceof ReferenceError) {
      const detail = /excessive alias count/i.test(error.message)
        ? 'its aliases (*name) expand to too many values (an alias "bomb")'
        : error.message;
      throw new ConfigError(`${name}: cannot be read: ${detail}. Write the values out, or use fewer anchors (&name) and aliases (*name).`);
    }
    throw error;
  }
}

function applyFile(config: BriefingConfig, file: ConfigFile, baseDir: string, cwd: string, path: string): void {
  config.file = path;
  config.baseDir = baseDir;
  if (file.database !== undefined) config.database = isPostgresUrl(file.database) ? file.database : resolve(baseDir, file.database);
  if (file.outDir !== undefined) config.outDir = resolve(baseDir, file.outDir);
  if (file.retentionDays !== undefined) config.retentionDays = file.retentionDays;
  if (file.themesDir !== undefined) config.themesDir = resolve(baseDir, file.themesDir);
  if (file.branding !== undefined) {
    config.branding = { ...file.branding, ...(file.branding.logoPath ? { logoPath: resolve(baseDir, file.branding.logoPath) } : {}) };
  }
  // The "accepted" journal lives beside the database, so one data folder holds everything delivery needs.
  config.delivery.journalDir = join(dataFolder(config), 'outbox-journal');
  if (file.smtp !== undefined) config.delivery.email = { ...file.smtp };
  if (file.title !== undefined) config.title = file.title;
  if (file.timezone !== undefined) config.timezone = file.timezone;
  if (file.maxInputBytes !== undefined) config.maxInputBytes = file.maxInputBytes;
  if (file.maxArticles !== undefined) config.maxArticles = file.maxArticles;
  if (file.languages !== undefined) config.languages = file.languages;
  if (file.onSourceFailure !== undefined) config.editionDefaults = { ...config.editionDefaults, onSourceFailure: file.onSourceFailure };
  if (file.threadsInFull !== undefined) config.editionDefaults = { ...config.editionDefaults, threadsInFull: file.threadsInFull };
  if (file.alerts !== undefined) {
    config.alerts = {
      email: file.alerts.email ?? [],
      ...(file.alerts.webhook ? { webhook: { ...file.alerts.webhook } } : {}),
      minIntervalMinutes: file.alerts.minIntervalMinutes ?? DEFAULT_ALERT_INTERVAL_MINUTES,
    };
  }
  if (file.server !== undefined) config.server = applyServerFile(config.server, file.server);
  if (file.queue !== undefined) config.queue = applyQueueFile(config.queue, file.queue);
  const fetch = { ...file.fetch } as Partial<FetchSettings>;
  if (fetch.cacheDir !== undefined) fetch.cacheDir = resolve(baseDir, fetch.cacheDir);
  config.fetch = { ...config.fetch, ...stripUndefined(fetch) };
  if (file.sources) {
    // Paths in a configuration file mean paths next to it, wherever the command is run from.
    config.sources = file.sources.map((source) => ({ ...stripUndefined(source), location: relocate(source.location, baseDir, cwd) }) as SourceSpec);
  }
}

/**
 * The zone a new configuration starts with (`briefing init`): $BRIEFING_TIMEZONE when it names one, else the
 * system's zone (Node reads $TZ, then the system setting), else UTC.
 */
export function starterTimeZone(env: Record<string, string | undefined>): string {
  const fromEnv = env[CONFIG_ENV.timezone]?.trim();
  if (fromEnv && isValidTimeZone(fromEnv)) return fromEnv;
  const system = defaultTimeZone();
  return isValidTimeZone(system) ? system : 'UTC';
}

function applyEnv(config: BriefingConfig, env: Record<string, string | undefined>, cwd: string): void {
  const value = (key: string) => (env[key]?.trim() ? env[key]!.trim() : undefined);
  const timezone = value(CONFIG_ENV.timezone);
  if (timezone !== undefined) {
    if (!isValidTimeZone(timezone)) {
      throw new ConfigError(`${CONFIG_ENV.timezone}="${timezone}" is not an IANA time zone: use a name like Europe/London or UTC, or unset it.`);
    }
    config.timezone = timezone;
  }
  const cacheDir = value(CONFIG_ENV.cacheDir);
  if (cacheDir !== undefined) config.fetch.cacheDir = resolve(cwd, cacheDir);
  const themesDir = value(CONFIG_ENV.themesDir);
  if (themesDir !== undefined) config.themesDir = resolve(cwd, themesDir);
  const userAgent = value(CONFIG_ENV.userAgent);
  if (userAgent !== undefined) config.fetch.userAgent = userAgent;
  // Secrets need not be written into the file: the environment wins over it (for alerts as for editions' webhooks).
  const webhookSecret = value(CONFIG_ENV.webhookSecret);
  if (webhookSecret !== undefined && config.alerts?.webhook) config.alerts.webhook.secret = webhookSecret;
  const tokens = value(CONFIG_ENV.serverTokens);
  if (tokens !== undefined) config.server = { ...config.server, tokens: mergeTokens(config.server.tokens, parseTokensEnv(tokens)) };
  const queue = value(CONFIG_ENV.queue);
  if (queue !== undefined) config.queue = { ...config.queue, url: checkQueueUrl(queue, CONFIG_ENV.queue) };
  const email = config.delivery.email;
  if (email) {
    const user = value(CONFIG_ENV.smtpUser);
    const pass = value(CONFIG_ENV.smtpPass);
    if (user !== undefined) email.user = user;
    if (pass !== undefined) email.pass = pass;
  }
}

function applyFlags(config: BriefingConfig, flags: ConfigFlags, cwd: string): void {
  if (flags.title !== undefined) config.title = flags.title;
  if (flags.timezone !== undefined) {
    if (!isValidTimeZone(flags.timezone)) {
      throw new ConfigError(`--timezone "${flags.timezone}" is not an IANA time zone: use a name like Europe/London or UTC.`);
    }
    config.timezone = flags.timezone;
  }
  if (flags.maxInputBytes !== undefined) config.maxInputBytes = flags.maxInputBytes;
  if (flags.cacheDir !== undefined) config.fetch.cacheDir = resolve(cwd, flags.cacheDir);
  if (flags.userAgent !== undefined) config.fetch.userAgent = flags.userAgent;
  if (flags.sources !== undefined && flags.sources.length > 0) config.sources = flags.sources;
  if (flags.queue !== undefined) config.queue = { ...config.queue, url: checkQueueUrl(flags.queue, '--queue') };
}

function relocate(location: string | string[], baseDir: string, cwd: string): string | string[] {
  if (Array.isArray(location)) return location.map((one) => relocateOne(one, baseDir, cwd));
  return relocateOne(location, baseDir, cwd);
}

function relocateOne(location: string, baseDir: string, cwd: string): string {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(location) || isAbsolute(location)) return location;
  const absolute = resolve(baseDir, location);
  const shown = relative(cwd, absolute);
  // Kept relative when it is under the working directory (and means the same from this process), so article paths
  // read as they do for --input.
  return shown && !shown.startsWith('..') && !isAbsolute(shown) && resolve(shown) === absolute ? shown : absolute;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
