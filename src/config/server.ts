/*
 * The `server:` section of the configuration: where `briefing serve` listens, who may use it (named tokens with a
 * scope) and the limits that keep one busy client from starving the rest. Read here once, with its defaults, so the
 * server, the job runner and the pages never hold a second copy of a default.
 */
import { threadsForMachine } from '../capacity.js';
import { z } from '../util/zod.js';
import { ConfigError } from './errors.js';

export const SERVER_SCOPES = ['read', 'admin'] as const;
export type ServerScope = (typeof SERVER_SCOPES)[number];

/** Shorter tokens are refused: a token is a password that a script may hold, and 16 characters resist guessing. */
export const MIN_TOKEN_LENGTH = 16;

const TokenSchema = z
  .object({
    name: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a short name of letters, digits, _ . or - (it is shown in logs, never the token)'),
    scope: z.enum(SERVER_SCOPES),
    token: z.string().min(MIN_TOKEN_LENGTH, `at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 24\`)`),
  })
  .strict();

export const ServerSchema = z
  .object({
    host: z.string().trim().min(1).optional(),
    port: z.number().int().min(0).max(65535).optional(),
    tokens: z.array(TokenSchema).optional(),
    /** Largest upload of one briefing request, all files together. */
    maxUploadBytes: z.number().int().positive().optional(),
    maxUploadFiles: z.number().int().positive().optional(),
    /** Briefings waiting to start before the server answers 429. */
    queueLimit: z.number().int().positive().optional(),
    /** Briefings made at the same time. */
    concurrency: z.number().int().positive().optional(),
    /** Signs session cookies; when absent a random one is made at start (sign-ins then last until a restart). */
    sessionSecret: z.string().min(MIN_TOKEN_LENGTH).optional(),
  })
  .strict();

export type ServerFile = z.infer<typeof ServerSchema>;

export interface ServerToken {
  name: string;
  scope: ServerScope;
  token: string;
}

export interface ServerSettings {
  host: string;
  port: number;
  tokens: ServerToken[];
  maxUploadBytes: number;
  maxUploadFiles: number;
  queueLimit: number;
  concurrency: number;
  sessionSecret?: string;
}

export const SERVER_TOKENS_ENV = 'BRIEFING_TOKENS';

/**
 * One briefing more at once than the browser has render pages, so while every page prints, the next briefing's engine
 * run is under way on its own thread (serve's EngineThreads has a thread per briefing at once); more would only queue
 * inside the browser pool.
 */
export function defaultServerConcurrency(cpus?: number): number {
  return threadsForMachine(cpus) + 1;
}

export function defaultServerSettings(): ServerSettings {
  return {
    host: '127.0.0.1',
    port: 8080,
    tokens: [],
    maxUploadBytes: 50 * 1024 * 1024,
    maxUploadFiles: 50,
    queueLimit: 20,
    concurrency: defaultServerConcurrency(),
  };
}

export function applyServerFile(settings: ServerSettings, file: ServerFile): ServerSettings {
  const defined = Object.fromEntries(Object.entries(file).filter(([, v]) => v !== undefined)) as Partial<ServerSettings>;
  return { ...settings, ...defined, tokens: file.tokens ? file.tokens.map((t) => ({ ...t })) : settings.tokens };
}

/**
 * `BRIEFING_TOKENS="name:scope:token,name:scope:token"` adds to (and, for a same name, replaces) the file's tokens, so
 * secrets can stay out of the file.
 */
export function parseTokensEnv(value: string): ServerToken[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name = '', scope = '', ...rest] = part.split(':');
      const token = rest.join(':');
      const parsed = TokenSchema.safeParse({ name, scope, token });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ConfigError(
          `${SERVER_TOKENS_ENV}: "${name || part.slice(0, 12)}": ${String(issue.path[0] ?? 'entry')} is ${issue.message}. Write entries as name:read:TOKEN or name:admin:TOKEN, separated by commas.`,
        );
      }
      return parsed.data;
    });
}

export function mergeTokens(base: ServerToken[], extra: ServerToken[]): ServerToken[] {
  const names = new Set(extra.map((t) => t.name));
  return [...base.filter((t) => !names.has(t.name)), ...extra];
}
