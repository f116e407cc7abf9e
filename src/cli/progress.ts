import { STAGES } from '../pipeline.js';
import type { ProduceStageEvent } from '../produce/index.js';

/** What a one-off run goes through: the engine's stages, then render and write. */
const STEPS = STAGES.length + 2;

export interface ProgressReporter {
  onStage(event: ProduceStageEvent): void;
  done(): void;
}

/** Progress on stderr: a redrawn bar on a terminal, one line per finished stage otherwise (logs stay readable). */
export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): ProgressReporter {
  if (quiet) return { onStage: () => {}, done: () => {} };
  if (stream.isTTY) {
    let finished = 0;
    const draw = (label: string) => {
      const width = 24;
      const filled = Math.round((finished / STEPS) * width);
      stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${STEPS} ${label}`);
    };
    return {
      onStage(event) {
        if (event.phase === 'end') finished += 1;
        draw(event.phase === 'start' ? `${event.stage}...` : `${event.stage} done`);
      },
      done() {
        stream.write('\r\x1b[2K');
      },
    };
  }
  return {
    onStage(event) {
      if (event.phase === 'end') stream.write(`briefing: ${event.stage} done in ${event.ms} ms\n`);
    },
    done: () => {},
  };
}
