/**
 * The worker side of EngineThreads (engine-threads.ts): one engine run on a worker thread. The options are plain
 * data (sources, fetch rules, caps, an edition's filter); the stage events go back on the task's own port as they
 * happen; the result comes back by structured clone, as the briefing model is plain data.
 */
import type { MessagePort } from 'node:worker_threads';
import { generateBriefing, type GenerateResult, type StageEvent } from '../pipeline.js';
import type { ThreadedGenerateOptions } from './engine-threads.js';

export interface EngineTask {
  options: ThreadedGenerateOptions;
  /** Where STARTED and then the stage events go (transferred with the task). */
  stages: MessagePort;
}

/** The first message of a run: a thread has it (engine-threads.ts fails only runs no thread has taken). */
export const STARTED = 'started';
export type ThreadMessage = typeof STARTED | StageEvent;

export default async function runEngine({ options, stages }: EngineTask): Promise<GenerateResult> {
  stages.postMessage(STARTED satisfies ThreadMessage);
  try {
    return await generateBriefing({
      ...options,
      onStage: (event) => stages.postMessage(event),
    });
  } finally {
    stages.close();
  }
}
