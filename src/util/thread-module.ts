import { existsSync } from 'node:fs';

/**
 * A worker thread's module, by its path under src/ (or dist/), e.g. 'produce/engine-thread.js', from a module two
 * folders deep (src/<concern>/<file>). Built, it is beside the caller; run from the TypeScript sources (the tests),
 * it is the built one, as a thread does not go through the test runner's transform.
 */
export function threadModule(path: string, callerUrl: string): URL {
  const beside = new URL(`../${path}`, callerUrl);
  return existsSync(beside) ? beside : new URL(`../../dist/${path}`, callerUrl);
}
