import { Command, CommanderError } from 'commander';
import { BriefingError } from '../util/errors.js';
import { programInfo } from '../version.js';
import { DEFAULT_FORMATS, OUTPUT_FORMATS } from '../render/formats.js';
import type { CommandIO, GenerateCommandOptions } from './generate.js';
import type { AuditOptions } from './audit.js';
import type { DeliverCommandOptions } from './deliver.js';
import type { InitOptions } from './init.js';
import type { ScheduleIO, ScheduleOptions } from './schedule.js';
import type { ServeIO, ServeOptions } from './serve.js';
import type { StatusOptions } from './status.js';
import type { WorkerIO, WorkerOptions } from './worker.js';
import { templatesCommand } from './templates.js';
import { dbCommand } from './db.js';

/** Runs the command line and returns the exit code; only the bin entry turns it into process.exit. */
export async function runCli(argv: string[], io: CommandIO | ScheduleIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `briefing help` asked for help (exit code 0); `briefing` or `briefing templates` alone got it in place of a
      // command (commander's exit code 1, its help on stderr): bad usage, like any other.
      if (error.code === 'commander.help' && error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof BriefingError) {
      io.stderr.write(`briefing: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`briefing: unexpected error, please report it:\n${message}\n`);
    return 1;
  }
}

/**
 * One pattern for every command: its options are defined here (cheap), its code is imported inside its action
 * (`await import('./<command>.js')`), so a run loads only what its command needs: `--help` loads no article,
 * browser or database library.
 */
function buildProgram(io: ScheduleIO): Command {
  const program = new Command('briefing')
    .description('Turns a folder of news articles into a daily briefing grouped by story thread.')
    .version(programInfo().version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('generate')
    .description('Read articles, group them into threads and write the briefing.')
    .option('-i, --input <path|url...>', 'files and folders (.txt .md .html .json .jsonl), feed URLs and page URLs to read (default: the configuration\'s sources, else seeds/)', undefined)
    .option('-c, --config <file>', 'configuration file (default: briefing.config.yaml, .yml or .json in the working directory)')
    .option('--cache-dir <dir>', 'HTTP cache folder (default: $BRIEFING_CACHE_DIR, fetch.cacheDir, else data/http-cache)')
    .option(
      '-e, --edition <name>',
      'run this edition of the configuration now (its sources, filters, formats, memory and delivery); repeat it to run several, one after the other on one browser',
      (name: string, earlier: string[] = []) => [...earlier, name],
    )
    .option('--no-deliver', 'with --edition: produce and record the edition, but send nothing')
    .option('-o, --out <dir>', 'folder the briefing is written to (default: out)')
    .option('-d, --date <YYYY-MM-DD>', 'briefing date (default: today in --timezone)')
    .option('-z, --timezone <tz>', 'IANA time zone of the briefing date (default: $BRIEFING_TIMEZONE, the configuration\'s timezone, else the system zone)')
    .option('-f, --format <list>', `comma-separated output formats: ${OUTPUT_FORMATS.join(', ')}`, DEFAULT_FORMATS.join(','))
    .option('--theme <name|path>', 'a built-in theme name or a theme folder (default: default)')
    .option('--paper <size>', 'PDF and print paper size: a4 or letter', 'a4')
    .option('--editor-note <markdown>', "an editor's note (Markdown) shown at the top of the briefing")
    // No commander defaults here: a default would always beat the configuration file (defaults live in src/config).
    .option('-t, --title <text>', 'briefing title (default: the configuration\'s title, else "Daily Briefing")')
    .option('--max-bytes <n>', 'skip inputs larger than this many bytes (default: maxInputBytes, else 5 MB)')
    .option('--summary-words <n>', 'length of each thread summary in words')
    .option('--threads-in-full <n>', 'how many of the most important threads are shown in full, the rest in brief (default: threadsInFull, else 40)')
    .option('-q, --quiet', 'print nothing but errors')
    .exitOverride()
    .action(async (options: GenerateCommandOptions) => (await import('./generate.js')).runGenerate(options, io));

  program
    .command('init')
    .description('Write a commented starting briefing.config.yaml into the working directory.')
    .option('--force', 'replace an existing briefing.config.yaml')
    .exitOverride()
    .action(async (options: InitOptions) => (await import('./init.js')).runInit(options, io));

  program
    .command('schedule')
    .description("Run every edition on its schedule until SIGINT/SIGTERM, printing one JSON log line per event on stdout.")
    .option('-c, --config <file>', 'configuration file (default: briefing.config.yaml, .yml or .json in the working directory)')
    .option('--grace <seconds>', 'at shutdown, how long running editions may take to finish before they are aborted', '30')
    .option('--queue [url]', 'scale-out mode: the crons become job schedulers on this queue (redis://HOST:PORT; alone: BRIEFING_QUEUE or queue.url) for briefing worker to run')
    .exitOverride()
    .action(async (options: ScheduleOptions) => (await import('./schedule.js')).runSchedule(options, io));

  program
    .command('worker')
    .description('Take editions and deliveries from the queue (BullMQ on Redis) until SIGINT/SIGTERM, one JSON log line per event; run any number.')
    .option('-c, --config <file>', 'configuration file (default: briefing.config.yaml, .yml or .json in the working directory)')
    .option('--queue [url]', 'the queue: redis://HOST:PORT (alone or left out: BRIEFING_QUEUE, else queue.url)')
    .option('--concurrency <n>', 'deliveries at once in this process (default: queue.concurrency, else 8)')
    .option('--grace <seconds>', 'at shutdown, how long the current jobs may take to finish before they are left to another worker', '30')
    .exitOverride()
    .action(async (options: WorkerOptions) => (await import('./worker.js')).runWorker(options, io as WorkerIO));

  program
    .command('serve')
    .description('Serve the web pages and the JSON API (briefings on demand, the archive, deliveries) until SIGINT/SIGTERM.')
    .option('-c, --config <file>', 'configuration file (default: briefing.config.yaml, .yml or .json in the working directory)')
    .option('-p, --port <n>', 'port to listen on (default: server.port, else 8080; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default: server.host, else 127.0.0.1); any other than loopback needs a token')
    .option('--schedule', 'also run every edition on its schedule, as briefing schedule does')
    .option('--queue [url]', 'briefings on demand are made by briefing worker processes on this queue (redis://HOST:PORT; alone: BRIEFING_QUEUE or queue.url)')
    .option('--grace <seconds>', 'at shutdown, how long running jobs may take to finish before they are aborted', '30')
    .exitOverride()
    .action(async (options: ServeOptions) => (await import('./serve.js')).runServe(options, io as ServeIO));

  program
    .command('status')
    .description("Show each edition's next run, last outcome and last success, and deliveries failed or pending.")
    .option('-c, --config <file>', 'configuration file (default: briefing.config.yaml, .yml or .json in the working directory)')
    .option('--json', 'print the status as JSON')
    .option('--queue [url]', 'also show the queue (redis://HOST:PORT; alone: BRIEFING_QUEUE or queue.url): jobs waiting per type, workers, failed jobs')
    .exitOverride()
    .action(async (options: StatusOptions) => (await import('./status.js')).runStatus(options, io));

  program
    .command('deliver')
    .description('For operators: send pending deliveries now, resend an edition to one address, or test the SMTP settings.')
    .option('-c, --config <file>', 'configuration file (default: briefing.config.yaml, .yml or .json in the working directory)')
    .option('--retry', 'try every pending delivery now, without waiting for its backoff')
    .option('--resend', 'send an edition again to one address (with --edition, --date and --to); recorded in the outbox')
    .option('--test', 'send a small test message with the SMTP settings (with --to) and print the server\'s answer')
    .option('-e, --edition <name>', 'with --resend: the edition')
    .option('-d, --date <YYYY-MM-DD>', 'with --resend: the edition\'s date')
    .option('--to <address>', 'with --resend and --test: the e-mail address')
    .exitOverride()
    .action(async (options: DeliverCommandOptions) => (await import('./deliver.js')).runDeliver(options, io));

  program.addCommand(templatesCommand(io));
  program.addCommand(dbCommand(io));

  program
    .command('audit')
    .description('List every headline, figure, quote and title of a briefing JSON with the rule that produced it, and flag suspects.')
    .argument('<file>', 'a briefing JSON written by generate --format json')
    .option('--json', 'print the audit as JSON')
    .option('--all', 'list every item, not only the suspect ones')
    .option('--strict', 'exit with code 6 when any item is suspect')
    .exitOverride()
    .action(async (file: string, options: AuditOptions) => (await import('./audit.js')).runAudit(file, options, io));

  program
    .command('schema')
    .description('Print the JSON Schema of the briefing model (what templates and tools receive).')
    .exitOverride()
    .action(async () => {
      const { briefingJsonSchema } = await import('../model/schema.js');
      io.stdout.write(`${JSON.stringify(briefingJsonSchema(), null, 2)}\n`);
    });

  inheritSettings(program);
  return program;
}

/**
 * Commands made apart and added with addCommand (templates, db) do not inherit the program's settings, so their
 * errors went to the process's own streams, without the "(run with --help for usage)" line. Passing them down the
 * whole tree gives every command the same output, exit handling and "Did you mean ...?" suggestions.
 */
function inheritSettings(parent: Command): void {
  for (const command of parent.commands) {
    command.copyInheritedSettings(parent);
    inheritSettings(command);
  }
}
