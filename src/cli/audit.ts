import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { auditBriefing, formatAudit } from '../audit/index.js';
import { BriefingSchema, SCHEMA_VERSION } from '../model/schema.js';
import { BriefingError, UsageError } from '../util/errors.js';
import type { CommandIO } from './generate.js';

export interface AuditOptions {
  json?: boolean;
  all?: boolean;
  strict?: boolean;
}

/** `audit --strict` found suspect items: exit code 6, so a script can tell it apart from a file it could not read. */
export class SuspectsFoundError extends BriefingError {
  override readonly exitCode = 6;
}

/**
 * `briefing audit FILE.json`: every headline, brief, figure, quote, conflict, title and outlet of a briefing with the
 * rule that produced it, and the suspect ones flagged. A briefing written by an earlier version is read as long as
 * its shape still fits.
 */
export async function runAudit(file: string, options: AuditOptions, io: CommandIO): Promise<void> {
  const where = path.resolve(io.cwd, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(where, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `it is not JSON (${error.message})` : (error as Error).message;
    throw new UsageError(`cannot audit ${file}: ${reason}. Give the briefing JSON written by "briefing generate --format json".`);
  }
  const parsed = BriefingSchema.safeParse(
    raw && typeof raw === 'object' ? { ...(raw as object), schemaVersion: SCHEMA_VERSION } : raw,
  );
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UsageError(
      `cannot audit ${file}: it is not a briefing (${first ? `${first.path.join('.') || 'top level'}: ${first.message}` : 'unknown shape'}). Give the briefing JSON written by "briefing generate --format json".`,
    );
  }
  const report = auditBriefing(parsed.data);
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatAudit(report, { all: options.all }));
  const suspect = report.items.filter((item) => item.suspects.length > 0).length;
  if (options.strict && suspect > 0) {
    throw new SuspectsFoundError(`${suspect} of ${report.items.length} items of ${file} are suspect (listed above).`);
  }
}
