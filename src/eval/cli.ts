import { Command, CommanderError } from 'commander';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { evaluateClustering } from './clustering.js';
import { evaluateExtraction } from './extraction.js';
import { evaluateFigures } from './figures.js';
import { formatReport } from './format-report.js';
import { evaluateSummarization } from './summarization.js';
import type { EvalOptions, EvalReport } from './types.js';
import { errorMessage } from '../util/errors.js';

const TASKS: Record<EvalReport['task'], (options: EvalOptions) => Promise<EvalReport>> = {
  extraction: evaluateExtraction,
  clustering: evaluateClustering,
  summarization: evaluateSummarization,
  figures: evaluateFigures,
};

interface EvalCommandOptions {
  data?: string;
  predictions?: string;
  words?: string;
}

async function runEval(task: string, options: EvalCommandOptions): Promise<number> {
  const names = task === 'all' ? (Object.keys(TASKS) as EvalReport['task'][]) : [task as EvalReport['task']];
  if (!names.every((name) => name in TASKS)) {
    process.stderr.write(`eval: unknown task "${task}": use one of ${[...Object.keys(TASKS), 'all'].join(', ')}.\n`);
    return 2;
  }
  if (task === 'all' && (options.data || options.predictions)) {
    process.stderr.write('eval: --data and --predictions name one task\'s files: use them with a single task, not "all".\n');
    return 2;
  }
  const words = options.words === undefined ? undefined : Number(options.words);
  if (words !== undefined && (!Number.isInteger(words) || words <= 0)) {
    process.stderr.write(`eval: --words "${options.words}" must be a positive whole number.\n`);
    return 2;
  }
  const started = performance.now();
  for (const name of names) {
    const report = await TASKS[name]({ data: options.data, words });
    const target = resolve(options.predictions ?? join('out', 'eval', `${name}.predictions.json`));
    await writeFileAtomic(target, `${JSON.stringify(report.predictions, null, 2)}\n`);
    process.stdout.write(`${formatReport(report)}predictions: ${target}\n\n`);
  }
  if (names.length > 1) process.stdout.write(`all tasks in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

const program = new Command('eval')
  .description('Score the engine on the evaluation data sets (../shared/eval by default).')
  .argument('<task>', 'extraction | clustering | summarization | figures | all')
  .option('--data <path>', 'file or folder of the task\'s data, in the format of ../shared/eval')
  .option('--predictions <file>', 'where to write the predictions (default out/eval/<task>.predictions.json)')
  .option('--words <n>', 'summary length cap for summarization (default 250)')
  .exitOverride();

try {
  program.parse(process.argv);
  process.exitCode = await runEval(program.args[0]!, program.opts<EvalCommandOptions>());
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.code === 'commander.helpDisplayed' ? 0 : 2;
  } else {
    process.stderr.write(`eval: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
