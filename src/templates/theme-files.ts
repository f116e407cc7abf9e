import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { resolveThemeDir } from '../render/theme.js';
import { lineColumn } from '../text/line-column.js';

export { lineColumn };

/**
 * The files of a theme and its ancestors, read without compiling anything, so that a broken theme can
 * still be listed, validated and previewed (loadTheme stops at the first error).
 */

export interface ThemeManifestInfo {
  dir: string;
  name: string;
  description: string;
  extends: string | null;
}

export interface ThemeSource {
  file: string;
  source: string;
}

export interface ThemeSources {
  /** The theme first, then its ancestors. */
  chain: ThemeManifestInfo[];
  /** Every template of every theme in the chain, overridden ones included. */
  templates: ThemeSource[];
  /** The layout in effect (the nearest theme's), if any. */
  layout: ThemeSource | null;
  /** Partials in effect, by name. */
  partials: Map<string, ThemeSource>;
  /** The e-mail body in effect (the nearest theme's email.hbs); null when the default theme's is used. */
  email: ThemeSource | null;
}

export class ManifestError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
  }
}


export async function readManifestInfo(dir: string): Promise<ThemeManifestInfo> {
  const file = join(dir, 'theme.json');
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? lineColumn(text, Number(at[1])) : { line: 1, column: 1 };
    throw new ManifestError(`theme.json is not valid JSON: ${message}`, file, where.line, where.column);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ManifestError('theme.json must hold an object.', file);
  const manifest = raw as Record<string, unknown>;
  const name = typeof manifest['name'] === 'string' && manifest['name'] ? manifest['name'] : basename(dir);
  const ext = manifest['extends'];
  if (ext !== undefined && (typeof ext !== 'string' || ext === '')) throw new ManifestError('theme.json: "extends" must be a theme name or folder.', file);
  return {
    dir,
    name,
    description: typeof manifest['description'] === 'string' ? manifest['description'] : '',
    extends: typeof ext === 'string' ? ext : null,
  };
}

async function hbsFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => extname(f) === '.hbs').sort();
  } catch {
    return [];
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads the chain of manifests and every template (the theme's own files win over its parents' by name). */
export async function readThemeSources(dir: string, themesDir?: string): Promise<ThemeSources> {
  const chain: ThemeManifestInfo[] = [];
  let current: string | null = dir;
  while (current !== null) {
    if (chain.some((c) => c.dir === current)) {
      throw new ManifestError(`The theme extends itself through ${chain.map((c) => c.name).join(' -> ')}.`, join(dir, 'theme.json'));
    }
    const info = await readManifestInfo(current);
    chain.push(info);
    // As loadTheme does: a parent is resolved from the child's folder.
    current = info.extends ? await resolveThemeDir(info.extends, current, themesDir) : null;
  }
  const templates: ThemeSource[] = [];
  let layout: ThemeSource | null = null;
  const partials = new Map<string, ThemeSource>();
  let email: ThemeSource | null = null;
  for (const { dir: themeDir } of chain) {
    const emailFile = join(themeDir, 'email.hbs');
    const emailSource = await readOptional(emailFile);
    if (emailSource !== null) {
      const entry = { file: emailFile, source: emailSource };
      templates.push(entry);
      email ??= entry;
    }
    const layoutFile = join(themeDir, 'layout.hbs');
    const layoutSource = await readOptional(layoutFile);
    if (layoutSource !== null) {
      const entry = { file: layoutFile, source: layoutSource };
      templates.push(entry);
      layout ??= entry;
    }
    for (const name of await hbsFiles(join(themeDir, 'partials'))) {
      const file = join(themeDir, 'partials', name);
      const entry = { file, source: await readFile(file, 'utf8') };
      templates.push(entry);
      const key = basename(name, '.hbs');
      if (!partials.has(key)) partials.set(key, entry);
    }
  }
  return { chain, templates, layout, partials, email };
}
