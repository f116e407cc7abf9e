import { editionBranding } from '../config/branding.js';
import { join, relative } from 'node:path';
import type { BrowserManager } from '../browser/browser-manager.js';
import type { BriefingConfig, EditionConfig } from '../config/index.js';
import { AcceptedJournal, createChannels, deliver, deliveryOutbox, type DeliveryOutcome, type PermanentFailureHook } from '../deliver/index.js';
import { applyMemory, rememberBriefing } from '../memory/index.js';
import type { Briefing } from '../model/schema.js';
import type { Branding } from '../render/branding.js';
import type { EngineThreads } from '../produce/engine-threads.js';
import { produceBriefing, type ProduceStageEvent } from '../produce/index.js';
import type { RunDelivery, RunOutcome, RunStage } from '../schedule/types.js';
import { recordEdition, type EditionRecord, type Store } from '../store/index.js';
import { dateInTimeZone } from '../util/dates.js';
import { alertOnGiveUp, sendAlert, type AlertResult } from '../alerts/index.js';
import { BriefingError, EditionRunFailedError, errorMessage, UsageError } from '../util/errors.js';
import { editionWindow } from './filters.js';
import { pruneExpired } from './retention.js';
import { failedRunFix } from './verdict.js';

export interface RunEditionOptions {
  /** Briefing date, YYYY-MM-DD; default: the date of `now` in the edition's zone. */
  date?: string;
  /** The instant of the run (generatedAt, the end of the time window). */
  now: Date;
  /** False: produce and record the edition but send nothing (`--no-deliver`). */
  deliver: boolean;
  signal?: AbortSignal;
  /**
   * Live structured lines: each delivery attempt (`run.delivery` with `step` delivery.sent / .retry / .failed).
   * Stages, outputs and final deliveries are in the returned outcome, which the scheduler logs itself.
   */
  log?: (line: Record<string, unknown>) => void;
  store: Store;
  /** Shared by the caller across runs; when absent and a PDF is wanted, one is started and closed for this run. */
  browser?: BrowserManager;
  /** Where the engine runs (a scheduler's or a server's threads); default this thread. */
  engine?: EngineThreads;
  /** Web pages read at once on threads of the run's own (GenerateOptions.extractionThreads; default 1). */
  extractionThreads?: number;
  /** The environment secrets are read from by channels (SMTP credentials). */
  env?: NodeJS.ProcessEnv;
  /** A delivery given up for good (see deliver()); default: logged and alerted (alerts:). */
  onPermanentFailure?: PermanentFailureHook;
  /** Each stage as it starts and ends (the server's job progress). */
  onStage?: (event: ProduceStageEvent) => void;
}

export interface EditionRunResult extends RunOutcome {
  edition: string;
  date: string;
  /** The briefing as published (after memory), when it was produced. */
  briefing?: Briefing;
  deliveryOutcomes?: DeliveryOutcome[];
  /** Why a failed run failed (every source failed, too few stories, ...); the store's error joins them. */
  reasons?: string[];
  /** Partial source failures of a delivered run (onSourceFailure: warn). */
  warnings?: string[];
  /** What became of the operators' alert about a failed run. */
  alert?: AlertResult;
}

export function findEdition(config: BriefingConfig, name: string): EditionConfig {
  const edition = config.editions.find((e) => e.name === name);
  if (edition) return edition;
  const known = config.editions.map((e) => e.name);
  throw new UsageError(
    known.length
      ? `no edition is named "${name}"; the configuration has ${known.join(', ')}.`
      : `no edition is named "${name}": the configuration${config.file ? ` (${config.file})` : ''} has no editions. Add one under editions: (run briefing init for an example).`,
  );
}

/**
 * Produces one edition: generate (its sources, filters and window), continuity from memory, render every format,
 * write the files, remember the briefing, record the edition, then deliver through the outbox.
 * Everything is rendered before anything is written, and the signal is checked between stages, so a run that
 * fails or is aborted leaves no new file behind. A failure is recorded in the store and returned, not thrown;
 * only a bad edition name (a usage error) throws.
 */
export async function runEdition(config: BriefingConfig, name: string, options: RunEditionOptions): Promise<EditionRunResult> {
  const edition = findEdition(config, name);
  const zone = edition.schedule.timezone;
  const date = options.date ?? dateInTimeZone(options.now, zone);
  const log = options.log ?? (() => {});
  const startedAt = new Date();
  const durations: Record<string, number> = {};
  const base = { edition: name, date };
  let inputsDigest: string | null = null;
  // The edition's row in the store, the same shape whether the run succeeded, failed or was aborted.
  const editionRecord = (status: string, outputs: unknown[], error: string | null): EditionRecord => ({
    edition: name,
    date,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    inputsDigest,
    outputs,
    durations,
    status,
    error,
  });
  const stages: RunStage[] = [];
  try {
    const window = edition.windowHours !== undefined ? editionWindow(edition.windowHours, date, zone, options.now) : undefined;
    // Judged (in produceBriefing) before anything is written, remembered or enqueued: a failed run leaves no outbox
    // row, so a later run of the same date delivers as if this one never happened.
    const produced = await produceBriefing({
      sources: selectSources(config, edition),
      config,
      date,
      timezone: zone,
      title: edition.title ?? config.title,
      now: options.now,
      editionFilter: { edition, window },
      memory: (generated) => {
        inputsDigest = generated.inputsDigest;
        return applyMemory(generated, options.store, { edition: name, staleAfterDays: edition.staleAfterDays });
      },
      threadsInFull: edition.threadsInFull,
      verdict: { minStories: edition.minStories, onSourceFailure: edition.onSourceFailure },
      formats: edition.formats,
      theme: edition.theme,
      paper: edition.paper,
      editorNote: edition.editorNote,
      branding: editionBranding(config.branding, edition.branding),
      browser: options.browser,
      engine: options.engine,
      extractionThreads: options.extractionThreads,
      // Each edition has its own folder: two editions of one date would otherwise overwrite each other's files.
      outDir: join(config.outDir, name),
      signal: options.signal,
      onStage: (event) => {
        options.onStage?.(event);
        if (event.phase !== 'end') return;
        stages.push({ name: event.stage, ms: event.ms ?? 0 });
        durations[event.stage] = event.ms ?? 0;
      },
    }).catch((error: unknown) => {
      if (error instanceof EditionRunFailedError) {
        throw new EditionRunFailedError(`edition "${name}" of ${date} failed: ${error.reasons.join('; ')}`, error.reasons);
      }
      throw error;
    });
    const { briefing, outputs, written } = produced;
    const warnings = [...produced.sourceWarnings, ...produced.themeWarnings];
    // The failed sources are in the briefing's excluded list (where the model reports source errors); the log says so too.
    for (const warning of warnings) log({ event: 'run.warning', level: 'warn', edition: name, date, message: warning });
    // Past this point the files exist: remembering and recording are not interrupted, so memory matches them.
    await rememberBriefing(options.store, briefing, name);
    const recorded = written.map((path, i) => ({ format: outputs[i]!.filename.split('.').pop(), path: relative(config.baseDir, path) || path }));
    await options.store.transaction((db) => recordEdition(db, editionRecord('ok', recorded, null)));
    await pruneExpired(options.store, config, options.now, log);
    let deliveryOutcomes: DeliveryOutcome[] | undefined;
    if (options.deliver && edition.recipients.length > 0) {
      const report = await deliver({ edition: name, briefing, outputs }, edition.recipients, deliveryOutbox(options.store), runClock(options.now), {
        channels: editionChannels(config, edition, options.env),
        journal: new AcceptedJournal(config.delivery.journalDir),
        retry: config.delivery.retry,
        onPermanentFailure: options.onPermanentFailure ?? alertOnGiveUp(config, { store: options.store, now: () => options.now, env: options.env, log }),
        logger: (entry) => log({ ...entry, event: 'run.delivery', step: entry.event }),
      });
      deliveryOutcomes = report.outcomes;
    }
    return {
      ...base,
      status: 'success',
      stages,
      outputs: written,
      deliveries: deliveryOutcomes?.map(toRunDelivery),
      briefing,
      deliveryOutcomes,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  } catch (error) {
    const aborted = options.signal?.aborted === true;
    const reasons = error instanceof EditionRunFailedError ? [...error.reasons] : undefined;
    const message = reasons ? reasons.join('; ') : errorMessage(error);
    await options.store
      .transaction((db) => recordEdition(db, editionRecord(aborted ? 'aborted' : 'failed', [], message)))
      .catch(() => undefined);
    // An operator hears of every failed run (rate-limited), whoever started it: the scheduler or generate --edition.
    const alert = aborted
      ? undefined
      : await sendAlert(
          config,
          { kind: 'run-failed', edition: name, date, reasons: reasons ?? [message], fix: failedRunFix(name, date) },
          { store: options.store, now: () => runClock(options.now).now(), env: options.env, log },
        ).catch((alertError: unknown) => {
          log({ event: 'alert.sent', level: 'error', edition: name, message: `could not send the alert: ${(alertError as Error).message}` });
          return undefined;
        });
    return { ...base, status: aborted ? 'aborted' : 'failed', stages, error: message, ...(reasons ? { reasons } : {}), ...(alert ? { alert } : {}) };
  }
}

/** The edition's named sources, in the configuration's order; all of them when it names none. */
function selectSources(config: BriefingConfig, edition: EditionConfig) {
  if (!edition.sources) return config.sources;
  const wanted = new Set(edition.sources);
  return config.sources.filter((s) => wanted.has(s.name));
}


/** The delivery channels of an edition: its e-mails made with its theme, branding and editor's note. */
export function editionChannels(config: BriefingConfig, edition: EditionConfig, env: NodeJS.ProcessEnv | undefined) {
  return createChannels(config.delivery, {
    editorNote: edition.editorNote,
    theme: edition.theme,
    branding: editionBranding(config.branding, edition.branding),
    themesDir: config.themesDir,
    cwd: config.baseDir,
    env,
  });
}

/** Real time for delivery's waits, but never earlier than the run's instant (tests run "in" a past date). */
/** A clock that reads `now` at the call and then runs on in real time (retries wait for real). */
export function runClock(now: Date) {
  const offset = now.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
}

function toRunDelivery(outcome: DeliveryOutcome): RunDelivery {
  const status = outcome.status === 'sent' ? 'sent' : outcome.status === 'failed' ? 'failed' : 'queued';
  return { channel: outcome.channel, recipient: outcome.recipient, status, ...(outcome.error ? { error: outcome.error } : {}) };
}
