/*
 * briefing.generate in a worker: the server's on-demand briefing, produced here exactly as the server would have
 * produced it (produceBriefing), into the job's folder on the shared volume. The server waits for the result and
 * serves the files from there.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { EngineThreads } from '../produce/engine-threads.js';
import type { BrowserManager } from '../browser/browser-manager.js';
import type { BriefingConfig } from '../config/index.js';
import { produceBriefing } from '../produce/index.js';
import { EditionRunFailedError } from '../util/errors.js';
import { servedJobsRoot, type BriefingGenerateData, type BriefingGenerateProgress, type BriefingGenerateResult } from './jobs.js';

export interface GenerateJobDeps {
  config: BriefingConfig;
  browser?: BrowserManager;
  /** Where the engine runs (the worker process's threads); default this thread. */
  engine?: EngineThreads;
  now: () => Date;
  onProgress: (progress: BriefingGenerateProgress) => void | Promise<void>;
}

/** Thrown for a job that cannot succeed however often it is tried; its message is the reasons, one per line. */
export class BriefingGenerateRefusedError extends Error {}

export async function handleBriefingGenerate(data: BriefingGenerateData, deps: GenerateJobDeps): Promise<BriefingGenerateResult> {
  // A job names the folders it reads and writes: only the server's own, under the shared output folder, whatever
  // else a job in Redis might say.
  const root = resolve(servedJobsRoot(deps.config));
  const inside = (path: string) => {
    const rest = relative(root, resolve(path));
    return rest !== '' && !rest.startsWith('..') && !isAbsolute(rest);
  };
  const files = data.inputs.filter((input) => !/^https?:\/\//i.test(input));
  if (!inside(data.outDir) || !files.every(inside)) {
    throw new BriefingGenerateRefusedError(`a briefing job may only use folders under ${root} (the server's job folders on the shared outDir); this one names others.`);
  }
  let produced;
  try {
    produced = await produceBriefing({
      inputs: data.inputs,
      config: deps.config,
      date: data.date,
      timezone: data.timezone,
      title: data.title,
      now: deps.now(),
      formats: data.formats,
      theme: data.theme,
      paper: data.paper,
      branding: deps.config.branding,
      browser: data.formats.includes('pdf') ? deps.browser : undefined,
      engine: deps.engine,
      outDir: data.outDir,
      // The server's job folder, emptied when the server starts: written all or nothing but not flushed to the disk,
      // as the server's own jobs are.
      flush: false,
      onStage: (event) => void deps.onProgress({ stage: event.stage, phase: event.phase, ...(event.ms !== undefined ? { ms: event.ms } : {}) }),
    });
  } catch (error) {
    // Nothing worth a briefing (no articles, every source failed): trying again gives the same answer.
    if (error instanceof EditionRunFailedError) throw new BriefingGenerateRefusedError(error.reasons.join('\n'));
    throw error;
  }
  return {
    written: produced.written,
    excluded: produced.briefing.excluded.map((e) => ({ path: e.path, reason: e.reason })),
    warnings: [...produced.warnings, ...produced.sourceWarnings, ...produced.themeWarnings],
    threads: produced.briefing.threads.length,
  };
}
