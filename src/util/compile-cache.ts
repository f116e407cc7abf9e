import module from 'node:module';

/** module.enableCompileCache (Node 22.1 and later; absent from Node 20 and its types). */
type EnableCompileCache = () => { directory?: string };

/**
 * Keeps V8's compiled code of the modules this process loads on disk, so each run after the first skips compiling
 * them (Node's own cache: in the system's temporary folder, or where NODE_COMPILE_CACHE says; NODE_DISABLE_COMPILE_CACHE=1
 * turns it off). A quiet optimization: it never throws, and on Node 20, which has no such cache, it does nothing.
 * Called by the program's entry points before they load the rest, as only modules compiled after it are cached.
 */
export function useCompileCache(): void {
  const enable = (module as unknown as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  const directory = enable?.().directory;
  // A worker thread (the engine's runs, the pages read) has a module loader of its own, which takes the cache from
  // the variable it inherits when it starts.
  if (directory) process.env.NODE_COMPILE_CACHE = directory;
}
