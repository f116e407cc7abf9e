import { format } from 'node:util';
import type Handlebars from 'handlebars';

/**
 * `{{log ...}}` in a theme goes to stderr. Handlebars' default is console.info, which is stdout, where the scheduler
 * writes its JSON lines and where `--format json` users may pipe output: a theme author's debugging line there
 * breaks every reader of that stream. Handlebars' level rules stay (`{{log "x" level="debug"}}` is dropped at the
 * default "info" level).
 */
export function routeTemplateLogToStderr(hb: typeof Handlebars, stderr: NodeJS.WritableStream = process.stderr): void {
  const logger = hb.logger as typeof hb.logger & { lookupLevel(level: unknown): number; methodMap: string[] };
  (hb as unknown as { log: (level: unknown, ...message: unknown[]) => void }).log = (level, ...message) => {
    const wanted = logger.lookupLevel(level);
    if (logger.lookupLevel(logger.level) > wanted) return;
    const name = logger.methodMap[wanted] ?? 'log';
    stderr.write(`briefing: template ${name}: ${format(...message)}\n`);
  };
}
