import { resolve } from 'node:path';
import { Command } from 'commander';
import type { DatabaseCheck } from '../store/index.js';
import { BriefingError } from '../util/errors.js';
import type { CommandIO } from './generate.js';

/** `db check` found damage: exit 1 with every finding listed. */
class DatabaseCheckFailed extends BriefingError {}

const CONFIG_OPTION = ['-c, --config <file>', 'configuration file (for the database setting)'] as const;

/** `briefing db check | backup [FILE] | restore FILE`: look after the database named by the configuration. */
export function dbCommand(io: CommandIO): Command {
  const command = new Command('db').description('Check, back up and restore the database (memory, runs, editions, the outbox).').exitOverride();
  const say = (line: string) => io.stdout.write(`${line}\n`);
  // The configuration and the store are imported by the actions that use them, as in program.ts.
  const databasePath = async (options: { config?: string }) => {
    const { loadConfig } = await import('../config/index.js');
    return (await loadConfig({ cwd: io.cwd, file: options.config, env: io.env ?? process.env })).database;
  };

  command
    .command('check')
    .description("Run SQLite's full integrity check (PostgreSQL: connect) and show the schema version; exit 1 when the database is damaged or unreachable.")
    .option(...CONFIG_OPTION)
    .exitOverride()
    .action(async (options: { config?: string }) => {
      const { checkDatabase, isPostgresUrl, recoveryAdvice } = await import('../store/index.js');
      const path = await databasePath(options);
      const check = await checkDatabase(path);
      if (!check.ok && isPostgresUrl(path)) {
        // The server looks after its own pages; what is left to report is why it cannot be used.
        throw new DatabaseCheckFailed([`the database ${check.path} cannot be used:`, ...check.problems.map((p) => `  ${p}`)].join('\n'));
      }
      if (!check.ok) throw new DatabaseCheckFailed(describeDamage(check, recoveryAdvice(check.path)));
      say(`${check.path}: ok, schema version ${check.schemaVersion} (this program: ${check.supportedVersion})`);
    });

  command
    .command('backup')
    .description('Copy the database, consistently even while the scheduler runs, to FILE or to a timestamped file beside it (PostgreSQL: says the pg_dump command).')
    .argument('[file]', 'where to write the backup (default: <database>.backup-<time>.sqlite beside the database)')
    .option(...CONFIG_OPTION)
    .exitOverride()
    .action(async (file: string | undefined, options: { config?: string }) => {
      const { backupDatabase } = await import('../store/index.js');
      const target = await backupDatabase(await databasePath(options), { target: file && resolve(io.cwd, file), now: io.now() });
      say(`backed up to ${target}`);
    });

  command
    .command('restore')
    .description('Replace the database with a checked backup; the current file is kept as <database>.damaged-<time>. Stop the scheduler first (PostgreSQL: says the pg_restore command).')
    .argument('<file>', 'a backup written by briefing db backup')
    .option(...CONFIG_OPTION)
    .exitOverride()
    .action(async (file: string, options: { config?: string }) => {
      const { restoreDatabase } = await import('../store/index.js');
      const path = await databasePath(options);
      const { keptAs } = restoreDatabase(path, resolve(io.cwd, file), { now: io.now() });
      say(`restored ${path} from ${resolve(io.cwd, file)}${keptAs ? `; the previous file is kept as ${keptAs}` : ''}`);
    });

  return command;
}

function describeDamage(check: DatabaseCheck, advice: string): string {
  const shown = check.problems.slice(0, 20);
  const more = check.problems.length - shown.length;
  return [
    `the database ${check.path} is damaged:`,
    ...shown.map((problem) => `  ${problem}`),
    ...(more > 0 ? [`  ... and ${more} more`] : []),
    advice,
  ].join('\n');
}
