import { BriefingError } from '../util/errors.js';

/** The database cannot be used (a newer schema, a failed migration, a closed store, a write that failed). */
export class StoreError extends BriefingError {}

/**
 * The database file is damaged or unreadable. The run stops: a damaged database is never moved aside or
 * recreated by the program, because starting empty would forget what was delivered and send it all again.
 * The message names the file, the cause and the commands that recover it.
 */
export class StoreDamagedError extends StoreError {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the database ${path} cannot be used: ${reason}. ${recoveryAdvice(path)}`, options);
  }
}

/** The same advice everywhere a damaged database is reported (open, `briefing db check`). */
export function recoveryAdvice(path: string): string {
  return (
    `Nothing was changed. To recover: run \`briefing db check\` to see the damage; ` +
    `restore a backup with \`briefing db restore BACKUP\` (backups are made with \`briefing db backup\`); ` +
    `or move ${path} aside to start with an empty database (earlier deliveries would then be sent again)`
  );
}

/** SQLite's codes for a file that is not (or no longer) a readable database, or cannot be opened at all. */
export function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB|CANTOPEN|IOERR|PERM|READONLY)/.test(code);
}
