import { relative } from 'node:path';
import type { BrowserManager } from '../browser/browser-manager.js';
import { loadConfig, type BriefingConfig } from '../config/index.js';
import { describeDelivery } from '../deliver/index.js';
import { findEdition, runEdition } from '../edition/run-edition.js';
import type { AlertResult } from '../alerts/index.js';
import { openStore, type Store } from '../store/index.js';
import { parseBriefingDate } from '../util/dates.js';
import { BriefingError, EditionRunFailedError, UsageError } from '../util/errors.js';
import type { CommandIO, GenerateCommandOptions } from './generate.js';
import { threadsForMachine } from '../capacity.js';

/** Flags that shape a one-off briefing; an edition takes these from its configuration instead. */
const ONE_OFF_FLAGS = ['input', 'out', 'timezone', 'theme', 'editorNote', 'title', 'maxBytes', 'summaryWords', 'cacheDir'] as const;

/**
 * `briefing generate --edition NAME [--edition NAME...] [--date D] [--no-deliver]`: editions now, one after the
 * other, exactly as the scheduler would run them, in one process: one configuration, one store and, when any of
 * them prints a PDF, one browser whose warm pages every edition's PDF reuses (as the scheduler's editions do). An
 * edition that fails does not stop the next; the command fails when any did.
 */
export async function runGenerateEdition(options: GenerateCommandOptions & { edition: string[] }, io: CommandIO): Promise<void> {
  const given = ONE_OFF_FLAGS.filter((flag) => options[flag] !== undefined);
  if (given.length > 0) {
    const names = given.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new UsageError(`${names.join(', ')} cannot be combined with --edition: an edition takes its settings from the configuration file.`);
  }
  const date = options.date ? parseBriefingDate(options.date) : undefined;
  const env = io.env ?? process.env;
  const config = await loadConfig({ cwd: io.cwd, file: options.config, env });
  // Every name is checked before the first edition runs, so a typo in the last one is not found after the others.
  const editions = [...new Set(options.edition)].map((name) => findEdition(config, name));
  const printing = editions.filter((edition) => edition.formats.includes('pdf')).length;
  // Loaded (with puppeteer) only when an edition prints; it prints this many PDFs and no more.
  const browser = printing > 0 ? new (await import('../browser/browser-manager.js')).BrowserManager({ maxJobsPerBrowser: printing }) : undefined;
  const store = await openStore(config.database);
  const failures: Error[] = [];
  try {
    for (const edition of editions) {
      try {
        await runOne(edition.name, { options, io, config, store, date, env, browser });
      } catch (error) {
        if (editions.length === 1) throw error;
        io.stderr.write(`briefing: ${(error as Error).message}\n`);
        failures.push(error as Error);
      }
    }
  } finally {
    await browser?.close();
    await store.close();
  }
  if (failures.length > 0) {
    const message =
      failures.length === editions.length
        ? `all ${editions.length} editions failed (said above).`
        : `${failures.length} of ${editions.length} editions failed (said above); the others were produced.`;
    if (failures.every((f) => f instanceof EditionRunFailedError)) {
      throw new EditionRunFailedError(message, failures.flatMap((f) => (f as EditionRunFailedError).reasons));
    }
    throw new BriefingError(message);
  }
}

interface EditionRun {
  options: GenerateCommandOptions;
  io: CommandIO;
  config: BriefingConfig;
  store: Store;
  date: string | undefined;
  env: Record<string, string | undefined>;
  browser: BrowserManager | undefined;
}

async function runOne(name: string, run: EditionRun): Promise<void> {
  const { options, io } = run;
  const result = await runEdition(run.config, name, {
    date: run.date,
    now: io.now(),
    deliver: options.deliver !== false,
    store: run.store,
    env: run.env,
    browser: run.browser,
    // One edition at a time: its pages are read on every CPU.
    extractionThreads: threadsForMachine(),
  });
  if (result.alert) io.stderr.write(`${describeAlert(result.alert)}\n`);
  if (result.reasons) {
    throw new EditionRunFailedError(
      `edition "${name}" of ${result.date} failed, nothing was delivered:\n${result.reasons.map((r) => `  ${r}`).join('\n')}\n` +
        `Fix the cause and run the date again (briefing generate --edition ${name} --date ${result.date}).`,
      result.reasons,
    );
  }
  if (result.status !== 'success') throw new BriefingError(`edition "${name}" of ${result.date} failed: ${result.error ?? 'unknown error'}`);
  // Partial source failures are printed even with -q: the briefing went out without those sources.
  for (const warning of result.warnings ?? []) io.stderr.write(`briefing: warning: ${warning}\n`);
  if (!options.quiet) {
    const shown = (path: string) => {
      const r = relative(io.cwd, path);
      return r && !r.startsWith('..') ? r : path;
    };
    const b = result.briefing!;
    const fresh = b.threads.filter((t) => t.isNew).length;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    io.stderr.write(
      `briefing: edition ${result.edition} of ${result.date}: ${plural(b.stats.threads, 'thread')} (${fresh} new), ${plural(b.stats.articlesOk, 'article')}; ` +
        `wrote ${(result.outputs ?? []).map(shown).join(', ')}\n`,
    );
    // What this run did for each recipient: a rerun says "already delivered", never "sent" for what it skipped.
    for (const d of result.deliveryOutcomes ?? []) {
      io.stderr.write(`briefing: delivery ${d.channel} ${d.recipient}: ${describeDelivery(d, io.now())}\n`);
    }
    if (options.deliver === false) io.stderr.write('briefing: --no-deliver: nothing was sent\n');
  }
}

/** What became of the operators' alert, said as it happened: sent to whom, held back, or not configured. */
function describeAlert(alert: AlertResult): string {
  switch (alert.status) {
    case 'sent':
      return alert.channels
        .map((c) => `briefing: alert ${c.channel} ${c.recipient}: ${c.ok ? 'sent' : `failed (${c.error ?? 'unknown error'})`}`)
        .join('\n');
    case 'rate-limited':
      return `briefing: alert not sent: one went out at ${alert.lastSentAt} (alerts.minIntervalMinutes)`;
    case 'not-configured':
      return 'briefing: no alerts: section is configured, so no operator was told';
  }
}
