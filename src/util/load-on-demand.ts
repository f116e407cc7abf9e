import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time a run calls for it, synchronously, so the pure stages keep their
 * synchronous signatures while a run that never needs the package (the HTML parser for a run without HTML pages, the
 * compromise tagger for one without quotes) never pays for loading it. `T` is the package's type,
 * e.g. `onDemand<typeof import('linkedom')>('linkedom')`.
 */
export function onDemand<T>(packageName: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(packageName) as T);
}
