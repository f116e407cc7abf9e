/*
 * What every part of `briefing serve` shares: the API routes (src/serve/api/), the pages (src/serve/pages/), the
 * job runner (src/serve/jobs/) and the app that joins them (src/serve/app.ts). Only types live here, so each part
 * can be built and tested against them on its own.
 */
import type { BrowserManager } from '../browser/browser-manager.js';
import type { BriefingConfig } from '../config/index.js';
import type { ProduceStage } from '../produce/index.js';
import type { Store } from '../store/index.js';

/** read: every GET (pages, editions, jobs, deliveries). admin: also make briefings, run editions, retry deliveries. */
export type Scope = 'read' | 'admin';

/** Who is asking: from a bearer token, a signed-in session cookie, or "local" when no token is configured. */
export interface Principal {
  /** The token's name from the configuration (never the token itself), or 'local'. */
  name: string;
  scope: Scope;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** The pipeline's stages as a job reports them, then memory (editions), render and write. */
export type JobStage = ProduceStage;

/** What a browser or API client asks for: `POST /api/briefings`, or the "Make a briefing now" form. */
export interface BriefingRequest {
  /** Uploaded files, already saved by the server into the job's own folder (absolute paths). */
  files: string[];
  /** Page and feed URLs (http/https; the fetch address rules apply). */
  urls: string[];
  theme?: string;
  paper?: 'a4' | 'letter';
  title?: string;
  /** Default html, pdf, json. */
  formats?: Array<'html' | 'pdf' | 'json' | 'md'>;
  /** YYYY-MM-DD; default today in the configured zone. */
  date?: string;
}

export interface JobEvent {
  /** 'stage' while it works, then exactly one 'done' or 'failed'. */
  type: 'stage' | 'done' | 'failed';
  stage?: JobStage;
  phase?: 'start' | 'end';
  ms?: number;
  /** On 'failed': what went wrong and what to do. */
  message?: string;
}

/** A job as the API shows it (`GET /api/jobs/:id`). */
export interface JobView {
  id: string;
  kind: 'briefing' | 'edition';
  /** For kind 'edition': its name. */
  edition?: string;
  state: JobState;
  /** The stage running now, or the last one reached. */
  stage?: JobStage;
  stages: Array<{ name: JobStage; ms: number }>;
  createdAt: string;
  finishedAt?: string;
  /** Files produced, by format, as URLs of this server (e.g. { pdf: '/api/jobs/ID/briefing-2026-12-04.pdf' }). */
  outputs: Partial<Record<'html' | 'pdf' | 'json' | 'md', string>>;
  /** Inputs left out and why (from the briefing's `excluded`). */
  excluded: Array<{ path: string; reason: string }>;
  warnings: string[];
  /** On 'failed': the reasons, each saying what to do. */
  errors: string[];
  /** For kind 'briefing' when done: the number of threads, for a progress page to say what it made. */
  threads?: number;
}

/** The job runner as routes and pages see it. */
export interface Jobs {
  /**
   * Queues a briefing; throws JobQueueFullError (answered 429) when the bounded queue is full. The job owns
   * `stagingDir` (from createStaging(), holding the uploads): it is removed when the job ends, or at once when the
   * request is refused or answered by an earlier job with the same Idempotency-Key.
   */
  submitBriefing(request: BriefingRequest, options?: { idempotencyKey?: string; principal?: Principal; stagingDir?: string }): JobView;
  /** A new folder, inside the runner's own, for one request's uploads (readBriefingRequest saves into it). */
  createStaging(): Promise<string>;
  /** Queues a run of a configured edition now (produce, record, deliver). */
  runEdition(name: string, options?: { date?: string; idempotencyKey?: string; principal?: Principal }): JobView;
  get(id: string): JobView | undefined;
  /** Absolute path of one output file of a finished job, or undefined. */
  outputPath(id: string, filename: string): string | undefined;
  /** Every event so far, then each new one, until 'done'/'failed'; returns the unsubscribe function. */
  subscribe(id: string, listener: (event: JobEvent) => void): () => void;
  /** Jobs waiting, running and kept after they finished (for /healthz). */
  stats(): { queued: number; running: number; finished: number };
}

export interface ServerContext {
  config: BriefingConfig;
  store: Store;
  /** The one warm browser pool every render of this process shares. */
  browser: BrowserManager;
  jobs: Jobs;
  now: () => Date;
  log: (line: Record<string, unknown>) => void;
}
