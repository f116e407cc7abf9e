import { readFileSync } from 'node:fs';

/** The program's name and version, from package.json (one level above both src/ and dist/). */
export function programInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}
