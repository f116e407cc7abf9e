import { readFileSync } from 'node:fs';

let info: { name: string; version: string } | undefined;

/**
 * The program's name and version, from package.json (one level above both src/ and dist/), read once per process:
 * every briefing records them, and a server or scheduler makes many.
 */
export function programInfo(): { name: string; version: string } {
  if (!info) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    info = { name: pkg.name, version: pkg.version };
  }
  return { ...info };
}
