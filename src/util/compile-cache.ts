import module from 'node:module';

/** module.enableCompileCache and its status codes (Node 22.1 and later; absent from Node 20 and its types). */
interface CompileCacheApi {
  enableCompileCache?: () => { status: number; directory?: string };
  constants?: { compileCacheStatus?: { ENABLED: number } };
}

/**
 * Keeps V8's compiled code of the modules this process loads on disk, so each run after the first skips compiling
 * them (Node's own cache: in the system's temporary folder, or where NODE_COMPILE_CACHE says; NODE_DISABLE_COMPILE_CACHE=1
 * turns it off). A quiet optimization: it never throws, and on Node 20, which has no such cache, it does nothing.
 * Called by the program's entry points before they load the rest, as only modules compiled after it are cached.
 */
export function useCompileCache(): void {
  const api = module as unknown as CompileCacheApi;
  const result = api.enableCompileCache?.();
  // A worker thread (the engine's runs, the pages read) has a module loader of its own, which takes the cache from
  // the variable it inherits when it starts (child processes inherit it too; Chromium ignores it). Set only when this
  // call turned the cache on: when the variable already did, it stands, and the directory answered then is the
  // version's folder inside it, in which Node would make another.
  if (result?.directory && result.status === api.constants?.compileCacheStatus?.ENABLED) process.env.NODE_COMPILE_CACHE = result.directory;
}
