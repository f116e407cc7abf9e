/*
 * Reading one "make a briefing" request, from the API (multipart or JSON) or the page's form (multipart, with its
 * `_csrf` field): files in the CLI's input formats saved into the job's staging folder under safe names, http(s)
 * URLs (fetched later by the same source readers as the CLI, so the fetch address rules refuse internal
 * addresses), and the options, each checked here with a message that says the fix.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { formatOf } from '../ingest/format.js';
import { resolveThemeDir } from '../render/theme.js';
import { parseBriefingDate } from '../util/dates.js';
import type { BriefingRequest, ServerContext } from './context.js';
import { ProblemError } from './problem.js';

export const REQUEST_FORMATS = ['html', 'pdf', 'json', 'md'] as const;
const ACCEPTED_EXTENSIONS = '.txt .md .markdown .html .htm .json .jsonl .ndjson';
const MAX_URLS = 200;

type Fields = Map<string, string[]>;

/** Reads the request into a BriefingRequest; uploaded files land in `stagingDir` (which the caller owns). */
export async function readBriefingRequest(request: FastifyRequest, ctx: Pick<ServerContext, 'config'>, stagingDir: string): Promise<BriefingRequest> {
  const fields: Fields = new Map();
  const files: string[] = [];
  if (request.isMultipart()) {
    await readMultipart(request, ctx, stagingDir, fields, files).catch((error: unknown) => {
      throw unreadableUpload(error);
    });
  } else if (request.body && typeof request.body === 'object') {
    for (const [key, value] of Object.entries(request.body as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      fields.set(key, values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String));
    }
  }
  return briefingRequestOf(fields, files, ctx);
}

async function readMultipart(request: FastifyRequest, ctx: Pick<ServerContext, 'config'>, stagingDir: string, fields: Fields, files: string[]): Promise<void> {
  const { maxUploadBytes, maxUploadFiles } = ctx.config.server;
  let total = 0;
  const used = new Set<string>();
  const parts = request.parts({ limits: { fileSize: maxUploadBytes, files: maxUploadFiles, fields: 100, fieldSize: 1_000_000 } });
  for await (const part of parts) {
    if (part.type === 'field') {
      const list = fields.get(part.fieldname) ?? [];
      list.push(String(part.value));
      fields.set(part.fieldname, list);
      continue;
    }
    // An empty file input of a browser form sends a part without a name or content.
    if (!part.filename) {
      part.file.resume();
      continue;
    }
    const name = uniqueName(safeFilename(part.filename), used);
    if (!formatOf(name)) {
      part.file.resume();
      throw new ProblemError(400, 'Unsupported file type', `"${name}" is not an article file: send ${ACCEPTED_EXTENSIONS} files (the formats briefing generate reads).`);
    }
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        total += chunk.length;
        if (total > maxUploadBytes) {
          callback(new ProblemError(413, 'Upload too large', `the files together exceed ${maxUploadBytes} bytes (server.maxUploadBytes): send fewer or smaller files.`));
          return;
        }
        callback(null, chunk);
      },
    });
    const path = join(stagingDir, name);
    await pipeline(part.file, counter, createWriteStream(path, { flags: 'wx' }));
    if (part.file.truncated) {
      throw new ProblemError(413, 'Upload too large', `"${name}" is larger than ${maxUploadBytes} bytes (server.maxUploadBytes): send a smaller file.`);
    }
    files.push(path);
  }
}

/**
 * A body busboy cannot parse (no boundary, cut short, a bad part header) is the client's mistake: 400 with the
 * parser's words. Limits and our own problems pass as they are; file-system errors (they have a code) stay 500s.
 */
function unreadableUpload(error: unknown): unknown {
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown } | undefined;
  if (error instanceof ProblemError || !(error instanceof Error) || e?.code !== undefined || e?.statusCode !== undefined) return error;
  return new ProblemError(400, 'Unreadable upload', `the multipart body could not be read (${String(e?.message)}); send multipart/form-data as a browser or curl -F makes it.`);
}

function briefingRequestOf(fields: Fields, files: string[], ctx: Pick<ServerContext, 'config'>): Promise<BriefingRequest> {
  return (async () => {
    const one = (name: string): string | undefined => {
      const value = fields.get(name)?.map((v) => v.trim()).filter(Boolean);
      if (!value || value.length === 0) return undefined;
      if (value.length > 1) throw new ProblemError(400, 'Invalid request', `"${name}" was given ${value.length} times; give it once.`);
      return value[0];
    };
    const urls = [...new Set((fields.get('urls') ?? []).concat(fields.get('url') ?? []).flatMap((v) => v.split(/\r?\n/)).map((v) => v.trim()).filter(Boolean))];
    if (urls.length > MAX_URLS) throw new ProblemError(400, 'Too many URLs', `send at most ${MAX_URLS} URLs in one request.`);
    for (const url of urls) checkUrl(url);
    if (files.length === 0 && urls.length === 0) {
      throw new ProblemError(400, 'Nothing to read', `send article files (field "files": ${ACCEPTED_EXTENSIONS}) or page and feed URLs (field "urls", one per line).`);
    }
    const request: BriefingRequest = { files, urls };
    const theme = one('theme');
    if (theme !== undefined) request.theme = await checkTheme(theme, ctx);
    const paper = one('paper');
    if (paper !== undefined) {
      if (paper !== 'a4' && paper !== 'letter') throw new ProblemError(400, 'Invalid paper', `paper "${clip(paper)}" is not a4 or letter.`);
      request.paper = paper;
    }
    const title = one('title');
    if (title !== undefined) {
      if (title.length > 200) throw new ProblemError(400, 'Invalid title', 'the title is longer than 200 characters; shorten it.');
      request.title = title;
    }
    const formats = (fields.get('formats') ?? []).concat(fields.get('format') ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
    if (formats.length > 0) {
      const wrong = formats.find((f) => !(REQUEST_FORMATS as readonly string[]).includes(f));
      if (wrong) throw new ProblemError(400, 'Invalid format', `format "${clip(wrong)}" is not one of ${REQUEST_FORMATS.join(', ')}.`);
      request.formats = [...new Set(formats)] as BriefingRequest['formats'];
    }
    const date = one('date');
    if (date !== undefined) {
      try {
        request.date = parseBriefingDate(date);
      } catch {
        throw new ProblemError(400, 'Invalid date', `date "${clip(date)}" is not a date written YYYY-MM-DD.`);
      }
    }
    return request;
  })();
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProblemError(400, 'Invalid URL', `"${clip(url)}" is not a URL; give full http:// or https:// addresses, one per line.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ProblemError(400, 'Invalid URL', `"${clip(url)}" is not an http or https URL; only web pages and feeds can be read.`);
  }
}

/** A theme by name only: a client never names a folder of the server. */
async function checkTheme(theme: string, ctx: Pick<ServerContext, 'config'>): Promise<string> {
  const problem = new ProblemError(400, 'Unknown theme', `theme "${clip(theme)}" does not exist: use a built-in theme name such as "default", or one in the configured themes folder.`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(theme)) throw problem;
  try {
    await resolveThemeDir(theme, ctx.config.baseDir, ctx.config.themesDir);
  } catch {
    throw problem;
  }
  return theme;
}

/** The last segment of a client's file name, reduced to safe characters; never empty, hidden, or too long. */
export function safeFilename(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last.normalize('NFKC').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-120);
  return cleaned.length > 0 ? cleaned : 'upload';
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${n}-${name}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
