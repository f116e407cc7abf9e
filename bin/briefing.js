#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('briefing: the program is not built yet. Run "npm install" (or "npm run build") in the project folder.\n');
  process.exit(1);
}
// Before the program's modules load, so they are compiled from the cache (Node 22.1 and later; see the module).
(await import(new URL('../dist/util/compile-cache.js', import.meta.url).href)).useCompileCache();
await import(entry.href);
